package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.process.ProcessListener;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Pids;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress and the watchdog with the real Claude Code CLI ({@code --output-format stream-json --verbose})
 * against a scripted API that streams several tool turns with delays, or stalls.
 */
@Timeout(120)
class ClaudeWorkerProgressRealCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private WorkstreamFixture fixture;
    private final List<Long> startedPids = new CopyOnWriteArrayList<>();
    private final ProcessRunner runner = new ProcessRunner(new ProcessListener() {
        @Override
        public void started(ProcessSpec spec, long pid) {
            startedPids.add(pid);
        }
    });
    private final List<WorkerActivity> activities = new CopyOnWriteArrayList<>();
    private final WorkerListener listener = new WorkerListener() {
        @Override
        public void activity(WorkerRequest request, WorkerActivity activity) {
            activities.add(activity);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        fixture = new WorkstreamFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private ClaudeWorker worker() {
        return new ClaudeWorker(ClaudeWorkerConfig.defaults().withExecutable(ClaudeCodeCli.executable().toString()),
                runner);
    }

    private List<String> lines() {
        return activities.stream().map(WorkerActivity::line).toList();
    }

    @Test
    void progressLinesArriveWhileTheWorkerRunsNotOnlyAtTheEnd() throws Exception {
        api.enqueue(Turn.bash("echo first > one.txt"),
                Turn.stall(Duration.ofSeconds(4), Turn.bash("printf '# Results\\nDone.\\n' > \"$RESULTS_FILE\"")),
                Turn.stall(Duration.ofSeconds(1), Turn.text("All done.\nSecond line.")));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();

        CompletableFuture<WorkerOutcome> running = CompletableFuture.supplyAsync(() -> worker().run(request, listener));
        WorkerActivity firstTool = awaitActivity("Bash: echo first > one.txt");

        assertThat(running).as("the worker is still running when its first tool use is reported").isNotDone();
        assertThat(firstTool.turns()).isEqualTo(1);
        assertThat(Files.readAllLines(request.logs().stdout())).as("the readable log grows as it goes")
                .contains("turn 1: Bash: echo first > one.txt");
        WorkerOutcome outcome = running.get(60, TimeUnit.SECONDS);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        List<String> lines = lines();
        assertThat(lines.get(0)).matches("session started: model [^ ]+, \\d+ tools");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "turn 1: Bash: echo first > one.txt",
                "turn 2: Bash: printf '# Results\\nDone.\\n' > \"$RESULTS_FILE\"",
                "turn 3 says: All done.",
                lines.get(lines.size() - 1));
        assertThat(lines.get(lines.size() - 1)).matches("result: success, 3 turns, \\$[0-9.]+, \\d+ s");
        assertThat(activities.get(activities.size() - 1).turns()).isEqualTo(3);
        assertThat(Duration.between(firstTool.at(), activities.get(activities.size() - 1).at()))
                .as("the first tool use was reported seconds before the result").isGreaterThan(Duration.ofSeconds(3));
        assertThat(Files.readAllLines(request.logs().stdout())).isEqualTo(lines);
    }

    @Test
    void theRawStreamFileHoldsEveryEventAndTheJudgeReadsTheLastResult() throws Exception {
        api.enqueue(Turn.bash("echo hi > \"$RESULTS_FILE\""), Turn.text("Done."));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();

        WorkerOutcome outcome = worker().run(request, listener);

        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(request.logs().events())) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).extracting(e -> e.path("type").asText() + "/" + e.path("subtype").asText(""))
                .containsExactly("system/init", "assistant/", "user/", "assistant/", "result/success");
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.turns()).isEqualTo(events.get(4).path("num_turns").asInt()).isEqualTo(2);
        assertThat(outcome.sessionId()).isEqualTo(events.get(0).path("session_id").asText());
        assertThat(WorkerResultFile.read(request.logs().resultJson()).logs().events()).isEqualTo(request.logs().events());
    }

    @Test
    void theTurnLimitIsJudgedFromTheStreamsResult() throws Exception {
        api.enqueue(Turn.bash("echo one"), Turn.bash("echo two"), Turn.text("never reached"));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();

        WorkerOutcome outcome = new ClaudeWorker(ClaudeWorkerConfig.defaults().withMaxTurns(1)
                .withExecutable(ClaudeCodeCli.executable().toString()), runner).run(request, listener);

        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.MAX_TURNS);
        assertThat(outcome.retryable()).isFalse();
        assertThat(lines().get(lines().size() - 1)).startsWith("result: error_max_turns (is_error), 2 turns, $");
        assertThat(lines().get(lines().size() - 1)).endsWith(": Reached maximum number of turns (1)");
    }

    @Test
    void anApiErrorResultShowsItsHttpStatus() {
        api.enqueue(Turn.persistentHttpError(400));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();

        WorkerOutcome outcome = worker().run(request, listener);

        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.API_ERROR);
        assertThat(lines()).last().asString()
                .startsWith("result: success (is_error, HTTP 400), 1 turn, $0, ")
                .endsWith(": API Error: 400 scripted failure 400");
    }

    @Test
    void theClisOwnRetriesAreShown() {
        api.enqueue(Turn.httpError(529), Turn.text("Done after the CLI retried."));
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(api.cliEnvironment());
        env.put("CLAUDE_CODE_MAX_RETRIES", "2");
        WorkerRequest request = fixture.request(env).timeout(Duration.ofSeconds(60)).build();

        worker().run(request, listener);

        assertThat(lines()).anyMatch(l -> l.matches("API error HTTP 529 \\(overloaded\\); retry 1 of 2 in \\d+ s"));
        assertThat(lines()).contains("turn 1 says: Done after the CLI retried.");
    }

    @Test
    void aStalledApiEndsTheWorkerAfterTheIdleLimitRetryableWithNothingLeftRunning() throws Exception {
        api.enqueue(Turn.bash("echo started > started.txt"), Turn.stall(Duration.ofSeconds(90), Turn.text("too late")));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60))
                .idleTimeout(Duration.ofSeconds(3)).build();

        long start = System.nanoTime();
        WorkerOutcome outcome = worker().run(request, listener);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).isEqualTo("Claude Code printed no event or output for 3 s; its process tree was"
                + " killed [retryable: it went silent]");
        assertThat(lines()).contains("turn 1: Bash: echo started > started.txt");
        assertThat(fixture.read("started.txt")).isEqualTo("started\n");
        assertThat(startedPids).isNotEmpty();
        for (long pid : startedPids) {
            assertThat(Pids.awaitGone(pid)).as("process %d is gone", pid).isTrue();
        }
    }

    @Test
    void aSilentToolRunIsIdleTooAndTheRetryingWorkerRunsItAgain() throws Exception {
        Path sleepPid = tmp.resolve("sleep.pid");
        api.enqueue(Turn.bash("sh -c 'echo $$ > " + sleepPid + "; exec sleep 300'"),
                Turn.bash("echo ok > \"$RESULTS_FILE\""), Turn.text("Done the second time."));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60))
                .idleTimeout(Duration.ofSeconds(3)).build();
        List<Duration> waits = new ArrayList<>();

        WorkerOutcome outcome = new RetryingWorker(worker(), new RetryPolicy(2, Duration.ofMillis(10),
                Duration.ofMillis(10)), waits::add, WorkerListener.NONE).run(request, listener);

        long sleeper = Long.parseLong(Pids.awaitFile(sleepPid));
        assertThat(Pids.awaitGone(sleeper)).as("the silent tool's sleep was killed with the tree").isTrue();
        assertThat(waits).hasSize(1);
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(Files.readString(request.logs().events())).as("attempt 1's events").contains("exec sleep 300");
        assertThat(Files.readString(request.logs().forAttempt(2).events())).contains("\"type\":\"result\"");
    }

    private WorkerActivity awaitActivity(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (WorkerActivity a : activities) {
                if (a.line().contains(fragment)) {
                    return a;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no activity with '" + fragment + "' in " + lines());
    }
}
