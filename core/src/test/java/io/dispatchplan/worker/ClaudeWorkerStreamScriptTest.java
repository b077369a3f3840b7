package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Claude worker with a stand-in for the CLI (a real shell script printing stream-json events), for what the real
 * CLI does only sometimes: hang after printing its result, or report an API error with exit code 0.
 */
@Timeout(60)
class ClaudeWorkerStreamScriptTest {

    static final String INIT = "{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/w\",\"session_id\":\"s\","
            + "\"tools\":[\"Bash\",\"Edit\"],\"mcp_servers\":[{\"name\":\"db\",\"status\":\"failed\"}],\"model\":\"m\"}";

    @TempDir
    Path tmp;

    private ClaudeWorker scripted(String... lines) throws Exception {
        Path script = tmp.resolve("claude");
        StringBuilder body = new StringBuilder("#!/bin/sh\n");
        for (String line : lines) {
            body.append(line).append('\n');
        }
        Files.writeString(script, body);
        script.toFile().setExecutable(true);
        return new ClaudeWorker(ClaudeWorkerConfig.defaults().withExecutable(script.toString()));
    }

    private static String print(String json) {
        return "printf '%s\\n' '" + json.replace("'", "'\\''") + "'";
    }

    @Test
    void aCliStillRunningAfterItsResultIsStoppedAfterTheGraceAndJudgedByThatResult() throws Exception {
        Path pid = tmp.resolve("cli.pid");
        ClaudeWorker worker = scripted(
                "echo $$ > " + pid,
                print(INIT),
                "echo ok > \"$RESULTS_FILE\"",
                print("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":4,"
                        + "\"total_cost_usd\":0.25,\"duration_ms\":1500,\"result\":\"Done.\",\"session_id\":\"s\"}"),
                "exec sleep 300");
        WorkerRequest request = new WorkstreamFixture(tmp).request(Map.of()).resultGrace(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofMinutes(5)).build();
        List<WorkerActivity> seen = new CopyOnWriteArrayList<>();

        long start = System.nanoTime();
        WorkerOutcome outcome = worker.run(request, new WorkerListener() {
            @Override
            public void activity(WorkerRequest r, WorkerActivity activity) {
                seen.add(activity);
            }
        });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.turns()).isEqualTo(4);
        assertThat(outcome.reason()).endsWith("; Claude Code was still running 2 s after its result and was stopped");
        assertThat(Pids.awaitGone(Long.parseLong(Pids.awaitFile(pid)))).isTrue();
        assertThat(seen).extracting(WorkerActivity::line).containsExactly(
                "session started: model m, 2 tools, MCP server db failed",
                "result: success, 4 turns, $0.25, 2 s");
    }

    @Test
    void anErrorResultWithExitCodeZeroFails() throws Exception {
        ClaudeWorker worker = scripted(print(INIT),
                print("{\"type\":\"assistant\",\"message\":{\"id\":\"x\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"API Error: 401 invalid x-api-key\"}]}}"),
                print("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"num_turns\":1,"
                        + "\"api_error_status\":401,\"total_cost_usd\":0,\"duration_ms\":20,"
                        + "\"result\":\"API Error: 401 invalid x-api-key\",\"session_id\":\"s\"}"),
                "exit 0");
        WorkerRequest request = new WorkstreamFixture(tmp).request(Map.of()).build();

        WorkerOutcome outcome = worker.run(request);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.API_ERROR);
        assertThat(outcome.reason()).contains("HTTP 401");
        assertThat(outcome.retryable()).isFalse();
        assertThat(Files.readAllLines(request.logs().stdout())).containsExactly(
                "session started: model m, 2 tools, MCP server db failed",
                "turn 1 says: API Error: 401 invalid x-api-key",
                "result: success (is_error, HTTP 401), 1 turn, $0, 0 s: API Error: 401 invalid x-api-key");
    }

    @Test
    void aResultFollowedByMoreEventsIsJudgedByTheLastResult() throws Exception {
        ClaudeWorker worker = scripted(print(INIT),
                print("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":1}"),
                print("{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,\"num_turns\":9,"
                        + "\"errors\":[\"Reached maximum number of turns (9)\"]}"));
        WorkerOutcome outcome = worker.run(new WorkstreamFixture(tmp).request(Map.of()).build());

        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.MAX_TURNS);
        assertThat(outcome.turns()).isEqualTo(9);
    }
}
