package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.WatchdogStop;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Pids;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script a Jenkins {@code sh} step runs for a worker, run here by a real {@code sh} (dash on Debian) with the
 * system's awk (mawk), as the durable step would: its stdout is the stage log.
 */
@Timeout(120)
class DurableWorkerScriptTest {

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private WorkstreamFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        fixture = new WorkstreamFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    /** What the sh step saw: each stdout line with when it came, and the exit status. */
    record Run(List<String> lines, List<Long> lineNanos, long endNanos, int exitStatus, long pid) {
    }

    private Run runAsSh(String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(fixture.worktree.toFile())
                .redirectErrorStream(false);
        pb.environment().putAll(env);
        pb.environment().put("HOME", fixture.home.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    at.add(System.nanoTime());
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // ended
            }
        });
        reader.start();
        assertThat(p.waitFor(100, TimeUnit.SECONDS)).as("the script ended").isTrue();
        long end = System.nanoTime();
        reader.join(5000);
        return new Run(lines, at, end, p.exitValue(), p.pid());
    }

    private WorkerRequest.Builder request() {
        return fixture.request(Map.of());
    }

    private List<String> claudeArgv(WorkerRequest request, ClaudeWorkerConfig config) {
        return new ClaudeWorker(config.withExecutable(ClaudeCodeCli.executable().toString()))
                .command(request, ClaudeCommandBuilder.SessionMode.NEW).argv();
    }

    private Map<String, String> claudeEnv(WorkerRequest request) {
        Map<String, String> env = new java.util.LinkedHashMap<>(
                ClaudeCommandBuilder.environment(ClaudeWorkerConfig.defaults(), request, false));
        env.putAll(api.cliEnvironment());
        return env;
    }

    @Test
    void printsAReadableLinePerEventWhileClaudeRunsKeepsEveryEventAndTheJudgeReadsTheResult() throws Exception {
        api.enqueue(Turn.bash("echo first > one.txt"),
                Turn.stall(Duration.ofSeconds(3), Turn.bash("echo done > \"$RESULTS_FILE\"")),
                Turn.text("Finished."));
        WorkerRequest request = request().idleTimeout(Duration.ofMinutes(15)).build();

        Run run = runAsSh(DurableWorkerScript.forClaude(claudeArgv(request, ClaudeWorkerConfig.defaults()), request),
                claudeEnv(request));

        assertThat(run.exitStatus()).isZero();
        assertThat(run.lines().get(0)).matches("session started: model [^ ]+, \\d+ tools");
        assertThat(run.lines().subList(1, run.lines().size() - 1)).containsExactly(
                "turn 1: Bash: echo first > one.txt", "turn 2: Bash: echo done > \"$RESULTS_FILE\"", "turn 3 says: Finished.");
        assertThat(run.lines().get(run.lines().size() - 1)).matches("result: success, 3 turns, \\$[0-9.]+, \\d+ s");
        int firstTool = run.lines().indexOf("turn 1: Bash: echo first > one.txt");
        assertThat(Duration.ofNanos(run.endNanos() - run.lineNanos().get(firstTool)))
                .as("the first tool use reached the log seconds before the worker ended").isGreaterThan(Duration.ofSeconds(2));

        List<String> events = Files.readAllLines(request.logs().events());
        assertThat(events).hasSize(7).allMatch(e -> e.startsWith("{") && e.endsWith("}"));
        assertThat(events.get(6)).contains("\"type\":\"result\"");
        assertThat(DurableWorkerScript.stopped(request)).isNull();
        WorkerOutcome outcome = new ClaudeWorker(ClaudeWorkerConfig.defaults()).judge(request,
                new ProcessResult(run.exitStatus(), "", "", false, Duration.ZERO, DurableWorkerScript.stopped(request)));
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.turns()).isEqualTo(3);
        assertThat(tmp.resolve("state/ws-a").toFile().list()).doesNotContain(DurableWorkerScript.FIFO_FILE);
    }

    @Test
    void theAwkFormatterPrintsWhatTheJavaFormatterPrintsForRealStreams() throws Exception {
        api.enqueue(Turn.bash("printf 'tab\\there' > \"$RESULTS_FILE\""), Turn.text("Résumé: ünïcödé ✓ — fine\nmore"),
                Turn.httpError(529), Turn.text("after retry"), Turn.persistentHttpError(400));
        Map<String, String> env = new java.util.LinkedHashMap<>(api.cliEnvironment());
        env.put("CLAUDE_CODE_MAX_RETRIES", "1");
        ClaudeWorker worker = new ClaudeWorker(ClaudeWorkerConfig.defaults().withExecutable(ClaudeCodeCli.executable().toString())
                .withExtraArgs(List.of("--mcp-config", "{\"mcpServers\":{\"broken\":{\"command\":\"/nonexistent/mcp\"}}}")));
        StringBuilder allEvents = new StringBuilder();
        StringBuilder javaLines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            WorkerRequest request = fixture.request(env).logs(WorkerLogs.in(tmp.resolve("run" + i))).build();
            worker.run(request);
            allEvents.append(Files.readString(request.logs().events()));
            javaLines.append(Files.readString(request.logs().stdout()));
        }
        allEvents.append(String.join("\n", ClaudeEventFormatterTest.EDGE_CASES)).append('\n');
        ClaudeEventFormatter javaFormatter = new ClaudeEventFormatter();
        StringBuilder expected = new StringBuilder();
        for (String line : allEvents.toString().split("\n")) {
            for (String shown : javaFormatter.lines(line)) {
                expected.append(shown).append('\n');
            }
        }
        Path input = tmp.resolve("all.jsonl");
        Files.writeString(input, allEvents);

        ProcessBuilder awk = new ProcessBuilder("awk", DurableWorkerScript.formatterProgram())
                .redirectInput(input.toFile());
        awk.environment().put("LC_ALL", "C");
        Process p = awk.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();

        assertThat(printed).isEqualTo(expected.toString());
        assertThat(printed).contains("MCP server broken failed", "API error HTTP 529 (overloaded); retry 1 of 1",
                "says: Résumé: ünïcödé ✓ — fine\n", "result: success (is_error, HTTP 400)");
        assertThat(javaLines.toString()).isNotEmpty();
    }

    @Test
    void aStalledApiIsKilledByTheScriptsWatchdogAfterTheIdleLimit() throws Exception {
        api.enqueue(Turn.bash("echo started > started.txt"), Turn.stall(Duration.ofSeconds(90), Turn.text("late")));
        WorkerRequest request = request().idleTimeout(Duration.ofSeconds(3)).build();

        long start = System.nanoTime();
        Run run = runAsSh(DurableWorkerScript.forClaude(claudeArgv(request, ClaudeWorkerConfig.defaults()), request),
                claudeEnv(request));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(run.lines()).contains("turn 1: Bash: echo started > started.txt");
        assertThat(run.lines()).last().isEqualTo("dispatch-plan: no event or output for 3 s: stopping the worker's"
                + " process tree");
        assertThat(DurableWorkerScript.stopped(request)).isEqualTo(WatchdogStop.IDLE);
        assertThat(Files.readString(tmp.resolve("state/ws-a/" + DurableWorkerScript.WATCHDOG_FILE))).isEqualTo("idle 3\n");
        WorkerOutcome outcome = new ClaudeWorker(ClaudeWorkerConfig.defaults()).judge(request,
                new ProcessResult(run.exitStatus(), "", "", false, Duration.ZERO, DurableWorkerScript.stopped(request)));
        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).startsWith("Claude Code printed no event or output for 3 s");
        assertNoProcessLeft(run.pid(), request);
    }

    @Test
    void aSilentCommandIsKilledWithItsTreeAndItsExitStatusPassesThroughOtherwise() throws Exception {
        Path pid = tmp.resolve("sleep.pid");
        WorkerRequest request = request().idleTimeout(Duration.ofSeconds(2)).build();
        List<String> silent = List.of("sh", "-c", "echo working; sh -c 'echo $$ > \"$0\"; exec sleep 300' \"$1\" & wait",
                "worker", pid.toString());

        Run run = runAsSh(DurableWorkerScript.forCommand(silent, request), Map.of());

        assertThat(run.exitStatus()).isEqualTo(137);
        assertThat(DurableWorkerScript.stopped(request)).isEqualTo(WatchdogStop.IDLE);
        assertThat(Files.readString(request.logs().stdout())).isEqualTo("working\n");
        assertThat(Pids.awaitGone(Long.parseLong(Pids.awaitFile(pid)))).as("the silent grandchild was killed").isTrue();
        WorkerOutcome outcome = CommandWorker.of(silent).judge(request,
                new ProcessResult(run.exitStatus(), "", "", false, Duration.ZERO, DurableWorkerScript.stopped(request)));
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).startsWith("the command printed nothing for 2 s");

        Run busy = runAsSh(DurableWorkerScript.forCommand(List.of("sh", "-c",
                "for i in 1 2 3 4; do echo $i; sleep 1; done; exit 3"), request), Map.of());
        assertThat(busy.exitStatus()).isEqualTo(3);
        assertThat(DurableWorkerScript.stopped(request)).as("the earlier verdict was cleared").isNull();
        assertThat(Files.readString(request.logs().stdout())).isEqualTo("1\n2\n3\n4\n");
    }

    @Test
    void withoutAnIdleLimitACommandIsThePlainRedirectedCommandLine() {
        WorkerRequest request = request().build();

        assertThat(DurableWorkerScript.forCommand(List.of("sh", "-c", "make"), request)).isEqualTo("sh -c make >"
                + request.logs().stdout() + " 2>" + request.logs().stderr());
    }

    @Test
    void aCliStillRunningAfterItsResultIsStoppedAfterTheGraceAndJudgedByItsResult() throws Exception {
        Path cli = tmp.resolve("claude-that-hangs");
        Files.writeString(cli, "#!/bin/sh\nprintf '%s\\n' '" + ClaudeWorkerStreamScriptTest.INIT + "'\n"
                + "echo ok > \"$RESULTS_FILE\"\n"
                + "printf '%s\\n' '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":2}'\n"
                + "exec sleep 300\n");
        cli.toFile().setExecutable(true);
        WorkerRequest request = request().idleTimeout(Duration.ofMinutes(15)).resultGrace(Duration.ofSeconds(2)).build();

        long start = System.nanoTime();
        Run run = runAsSh(DurableWorkerScript.forClaude(List.of(cli.toString()), request), WorkerEnvironment.of(request));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(run.lines()).containsExactly("session started: model m, 2 tools, MCP server db failed",
                "result: success, 2 turns",
                "dispatch-plan: still running 2 s after its result: stopping the worker's process tree");
        assertThat(DurableWorkerScript.stopped(request)).isEqualTo(WatchdogStop.LINGERED);
        WorkerOutcome outcome = new ClaudeWorker(ClaudeWorkerConfig.defaults()).judge(request,
                new ProcessResult(run.exitStatus(), "", "", false, Duration.ZERO, DurableWorkerScript.stopped(request)));
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.reason()).endsWith("; Claude Code was still running 2 s after its result and was stopped");
        assertNoProcessLeft(run.pid(), request);
    }

    @Test
    void pathsWithQuotesSpacesAndDollarSignsAreQuotedNotRun() throws Exception {
        Path odd = tmp.resolve("state it's $(touch pwned) `x`");
        Path cli = tmp.resolve("fake claude");
        Files.writeString(cli, "#!/bin/sh\nprintf '%s\\n' '{\"type\":\"result\",\"subtype\":\"success\",\"num_turns\":1}'\n"
                + "echo oops >&2; exit 5\n");
        cli.toFile().setExecutable(true);
        WorkerRequest request = request().stateDir(odd).logs(WorkerLogs.in(odd)).build();

        Run run = runAsSh(DurableWorkerScript.forClaude(List.of(cli.toString(), "$(touch pwned2)"), request), Map.of());

        assertThat(run.exitStatus()).isEqualTo(5);
        assertThat(run.lines()).containsExactly("result: success, 1 turn");
        assertThat(Files.readString(odd.resolve("worker.stderr.log"))).isEqualTo("oops\n");
        assertThat(odd.resolve(WorkerLogs.EVENTS_FILE)).exists();
        assertThat(fixture.worktree.resolve("pwned")).doesNotExist();
        assertThat(fixture.worktree.resolve("pwned2")).doesNotExist();
        assertThat(tmp.resolve("pwned")).doesNotExist();
    }

    /** Nothing carrying the worker's TASKS_FILE, and none of the script's children, is left. */
    private static void assertNoProcessLeft(long scriptPid, WorkerRequest request) throws InterruptedException {
        assertThat(Pids.awaitGone(scriptPid)).isTrue();
        assertThat(io.dispatchplan.process.WorkerProcesses.marked(WorkerEnvironment.TASKS_FILE,
                request.tasksFile().toString())).isEmpty();
    }
}
