package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchplan.process.ProcessListener;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Pids;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.RecordedRequest;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (pinned, installed by the build) as a worker, talking to a scripted Messages API on
 * 127.0.0.1, in a real git worktree. Each run takes about half a second.
 */
class ClaudeWorkerRealCliTest {

    private static final String EDIT_AND_REPORT =
            "sed -i s/hello/goodbye/ greeting.txt && printf '# Results\\nChanged the greeting.\\n' > \"$RESULTS_FILE\"";

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private WorkstreamFixture fixture;
    private final List<Long> startedPids = new ArrayList<>();
    private final ProcessRunner runner = new ProcessRunner(new ProcessListener() {
        @Override
        public void started(ProcessSpec spec, long pid) {
            synchronized (startedPids) {
                startedPids.add(pid);
            }
        }
    });

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        fixture = new WorkstreamFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private ClaudeWorker worker(ClaudeWorkerConfig config) {
        return new ClaudeWorker(config.withExecutable(ClaudeCodeCli.executable().toString()), runner);
    }

    private ClaudeWorker worker() {
        return worker(ClaudeWorkerConfig.defaults());
    }

    private WorkerRequest request(Duration timeout) {
        return fixture.request(api.cliEnvironment()).timeout(timeout).build();
    }

    @Test
    void runsTheScriptedBashToolInTheWorktreeAndReportsTheTypedResult() throws Exception {
        api.enqueue(Turn.bash(EDIT_AND_REPORT), Turn.text("Changed the greeting."));
        WorkerRequest request = request(Duration.ofSeconds(60));

        WorkerOutcome outcome = worker().run(request);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(fixture.read("greeting.txt")).isEqualTo("goodbye\n");
        assertThat(fixture.read("RESULTS.md")).contains("Changed the greeting.");
        assertThat(outcome.resultsWritten()).isTrue();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.sessionId()).isEqualTo(
                SessionIds.forWorkstream(WorkstreamFixture.JOB, WorkstreamFixture.FEATURE, WorkstreamFixture.WORKSTREAM)
                        .toString());
        assertThat(outcome.claude().sessionId()).isEqualTo(outcome.sessionId());
        assertThat(outcome.turns()).isEqualTo(2);
        assertThat(outcome.costUsd()).isPositive();
        assertThat(outcome.claude().result()).isEqualTo("Changed the greeting.");
        assertThat(outcome.claude().usage().outputTokens()).isPositive();

        List<RecordedRequest> conversation = api.conversationRequests();
        assertThat(conversation).hasSize(2);
        assertThat(conversation.get(0).sessionHeader()).isEqualTo(outcome.sessionId());
        assertThat(conversation.get(0).mentions(request.tasksFile().toString())).isTrue();
        assertThat(conversation.get(1).bashCommands()).containsExactly(EDIT_AND_REPORT);
        assertThat(conversation.get(1).toolResults()).hasSize(1);
        assertThat(api.requests()).as("no request besides the conversation").hasSize(2);

        String key = api.cliEnvironment().get("ANTHROPIC_API_KEY");
        assertThat(worker().command(request, ClaudeCommandBuilder.SessionMode.NEW).argv()).noneMatch(a -> a.contains(key));
        for (Path written : List.of(request.logs().resultJson(), request.logs().stdout(), request.logs().stderr())) {
            assertThat(Files.readString(written)).as("%s holds no API key", written).doesNotContain(key);
        }

        WorkerOutcome archived = WorkerResultFile.read(request.logs().resultJson());
        assertThat(archived.status()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(archived.sessionId()).isEqualTo(outcome.sessionId());
        assertThat(archived.claude()).isEqualTo(outcome.claude());
    }

    @Test
    void givesTheWorkerTheStandardVariablesAndTheCommitIdentity() throws Exception {
        api.enqueue(Turn.bash("env | grep -E '^(WORKSTREAM_ID|WORKSTREAM_TITLE|FEATURE|TASKS_FILE|COORDINATION_FILE"
                + "|RESULTS_FILE|PORT|GIT_AUTHOR_NAME)=' | sort > \"$RESULTS_FILE\""
                + " && git commit -q --allow-empty -m 'work of the worker'"), Turn.text("Done."));
        WorkerRequest request = request(Duration.ofSeconds(60));

        WorkerOutcome outcome = worker().run(request);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(fixture.read("RESULTS.md")).contains(
                "WORKSTREAM_ID=ws-a\n",
                "WORKSTREAM_TITLE=Workstream A: the greeting\n",
                "FEATURE=feat\n",
                "TASKS_FILE=" + request.tasksFile() + "\n",
                "COORDINATION_FILE=" + request.coordinationFile() + "\n",
                "RESULTS_FILE=" + request.resultsFile() + "\n",
                "PORT=20100\n",
                "GIT_AUTHOR_NAME=Worker Bot\n");
        assertThat(fixture.repo.gitCli().log(fixture.worktree, "-1", 0).get(0).subject())
                .isEqualTo("work of the worker");
    }

    @Test
    void aSecondRunResumesTheSameSessionWithTheEarlierConversation() throws Exception {
        api.enqueue(Turn.bash(EDIT_AND_REPORT), Turn.text("First run done."));
        WorkerRequest request = request(Duration.ofSeconds(60));
        WorkerOutcome first = worker().run(request);
        assertThat(first.status()).as(first.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(ClaudeWorker.sessionMode(request)).isEqualTo(ClaudeCommandBuilder.SessionMode.RESUME);

        api.enqueue(Turn.text("Picked up where I left off."));
        WorkerOutcome second = worker().run(request);

        assertThat(second.status()).as(second.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        List<RecordedRequest> conversation = api.conversationRequests();
        assertThat(conversation).hasSize(3);
        RecordedRequest resumed = conversation.get(2);
        assertThat(resumed.sessionHeader()).isEqualTo(first.sessionId());
        assertThat(resumed.bashCommands()).as("the earlier tool call travels with the resumed conversation")
                .containsExactly(EDIT_AND_REPORT);
        assertThat(resumed.mentions("First run done.")).isTrue();
        assertThat(resumed.mentions("Continue the work of workstream ws-a")).isTrue();
    }

    @Test
    void aRunOnAnotherMachineResumesTheConversationFromTheArchivedTranscript() throws Exception {
        api.enqueue(Turn.bash(EDIT_AND_REPORT), Turn.text("First run done."));
        WorkerRequest first = request(Duration.ofSeconds(60));
        assertThat(worker().run(first).status()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        // Archived with the build, then the next build lands on an agent with another workspace path.
        Path archived = tmp.resolve("archive/claude-session.jsonl");
        Files.createDirectories(archived.getParent());
        Files.copy(ClaudeWorker.newestTranscript(first).orElseThrow(), archived);
        WorkstreamFixture elsewhere = new WorkstreamFixture(tmp.resolve("agent2"));
        WorkerRequest second = elsewhere.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();
        assertThat(ClaudeWorker.sessionMode(second)).isEqualTo(ClaudeCommandBuilder.SessionMode.NEW);

        assertThat(ClaudeWorker.restoreTranscript(second, archived)).isTrue();
        api.enqueue(Turn.bash(EDIT_AND_REPORT), Turn.text("Picked up where I left off."));
        WorkerOutcome resumed = worker().run(second);

        assertThat(resumed.status()).as(resumed.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        RecordedRequest last = api.conversationRequests().get(2);
        assertThat(last.bashCommands()).as("the earlier conversation travels with the resumed one")
                .containsExactly(EDIT_AND_REPORT);
        assertThat(last.mentions("First run done.")).isTrue();
        assertThat(ClaudeWorker.restoreTranscript(second, archived)).as("its own transcript is not replaced").isFalse();
    }

    @Test
    void startsAfreshWhenTheTranscriptCannotBeResumed() throws Exception {
        WorkerRequest request = request(Duration.ofSeconds(60));
        // What a first run that died before its first turn can leave: a transcript with no conversation.
        Path project = ClaudeCommandBuilder.configDir(request).resolve("projects").resolve("-died-early");
        Files.createDirectories(project);
        Path empty = Files.createFile(project.resolve(ClaudeWorker.sessionId(request) + ".jsonl"));
        api.enqueue(Turn.bash(EDIT_AND_REPORT), Turn.text("Done."));

        WorkerOutcome outcome = worker().run(request);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.sessionId()).isEqualTo(ClaudeWorker.sessionId(request).toString());
        assertThat(empty).doesNotExist();
        assertThat(Files.list(project).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith(empty.getFileName() + ".unresumable-"));
        assertThat(api.conversationRequests().get(0).mentions("You are the worker for workstream ws-a")).isTrue();
    }

    @Test
    void aNonRetryableApiErrorFailsWithTheHttpStatusInTheReason() {
        api.enqueue(Turn.persistentHttpError(400));

        WorkerOutcome outcome = worker().run(request(Duration.ofSeconds(60)));

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.API_ERROR);
        assertThat(outcome.reason()).contains("HTTP 400 invalid_request_error", "scripted failure 400");
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.resultsWritten()).isFalse();
    }

    @Test
    void anOverloadedApiIsRetriedAndTheNextAttemptSucceeds() throws Exception {
        api.enqueue(Turn.httpError(529), Turn.bash(EDIT_AND_REPORT), Turn.text("Done after a retry."));
        List<Duration> waits = new ArrayList<>();
        RetryingWorker retrying = new RetryingWorker(worker(),
                new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5)), waits::add, WorkerListener.NONE);
        WorkerRequest request = request(Duration.ofSeconds(60));

        WorkerOutcome outcome = retrying.run(request);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(30));
        assertThat(fixture.read("greeting.txt")).isEqualTo("goodbye\n");
        assertThat(Files.readString(request.logs().events())).contains("\"api_error_status\":529");
        assertThat(request.logs().forAttempt(2).stdout()).exists();
        assertThat(WorkerResultFile.read(request.logs().resultJson()).attempts()).isEqualTo(2);
    }

    @Test
    void theTurnLimitStopsTheRunAndIsNotRetried() {
        api.enqueue(Turn.bash("echo one > one.txt"), Turn.bash("echo two > two.txt"), Turn.text("never reached"));

        WorkerOutcome outcome = worker(ClaudeWorkerConfig.defaults().withMaxTurns(1)).run(request(Duration.ofSeconds(60)));

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.MAX_TURNS);
        assertThat(outcome.reason()).contains("turn limit", "maxTurns");
        assertThat(outcome.retryable()).isFalse();
    }

    @Test
    void theBudgetLimitStopsTheRunAndIsNotRetried() {
        api.enqueue(Turn.bash("echo one > one.txt"), Turn.text("never reached"));

        WorkerOutcome outcome = worker(ClaudeWorkerConfig.defaults().withMaxBudgetUsd(0.000001))
                .run(request(Duration.ofSeconds(60)));

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.claude().status()).isEqualTo(ClaudeResult.Status.MAX_BUDGET);
        assertThat(outcome.reason()).contains("budget limit", "maxBudgetUsd");
        assertThat(outcome.retryable()).isFalse();
    }

    @Test
    void finishingWithoutResultsMdIsNoResultsNotSuccess() {
        api.enqueue(Turn.bash("sed -i s/hello/goodbye/ greeting.txt"), Turn.text("Done, but no report."));

        WorkerOutcome outcome = worker().run(request(Duration.ofSeconds(60)));

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.NO_RESULTS);
        assertThat(outcome.claude().succeeded()).isTrue();
        assertThat(outcome.reason()).contains("wrote no RESULTS.md");
        assertThat(fixture.read("greeting.txt")).isEqualTo("goodbye\n");
    }

    @Test
    void bypassPermissionsWorksEvenWhenRunningAsRoot() {
        api.enqueue(Turn.bash(EDIT_AND_REPORT), Turn.text("Done."));
        ClaudeWorkerConfig config = ClaudeWorkerConfig.defaults()
                .withPermissionMode(ClaudePermissionMode.BYPASS_PERMISSIONS).withAllowedTools(List.of());

        WorkerOutcome outcome = worker(config).run(request(Duration.ofSeconds(60)));

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(fixture.read("greeting.txt")).isEqualTo("goodbye\n");
    }

    @Test
    void aHangingApiTimesOutAndLeavesNoProcessBehind() throws Exception {
        api.enqueue(Turn.hang());
        Set<Long> seen = ConcurrentHashMap.newKeySet();

        WorkerOutcome outcome = withDescendantsWatched(seen, () -> worker().run(request(Duration.ofSeconds(3))));

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.TIMED_OUT);
        assertThat(outcome.reason()).contains("did not finish within 3 s");
        assertThat(outcome.retryable()).isFalse();
        assertNoneRunning(seen);
    }

    @Test
    void aTimeoutKillsTheCommandTheToolIsRunning() throws Exception {
        Path sleepPid = tmp.resolve("sleep.pid");
        api.enqueue(Turn.bash("sh -c 'echo $$ > " + sleepPid + "; exec sleep 300'"), Turn.text("never reached"));
        Set<Long> seen = ConcurrentHashMap.newKeySet();

        // Long enough for the CLI to reach its tool call on a loaded 2-core machine (4 s was not, twice); the tool's
        // sleep 300 still outlives it by far.
        WorkerOutcome outcome = withDescendantsWatched(seen, () -> worker().run(request(Duration.ofSeconds(10))));

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.TIMED_OUT);
        long sleeper = Long.parseLong(Pids.awaitFile(sleepPid));
        assertThat(Pids.isRunning(sleeper)).as("the tool's sleep 300 was killed with the tree").isFalse();
        seen.add(sleeper);
        assertNoneRunning(seen);
    }

    private WorkerOutcome withDescendantsWatched(Set<Long> seen, java.util.function.Supplier<WorkerOutcome> run)
            throws InterruptedException {
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (startedPids) {
                    for (long pid : startedPids) {
                        seen.add(pid);
                        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> seen.add(d.pid())));
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        try {
            return run.get();
        } finally {
            watcher.interrupt();
            watcher.join();
        }
    }

    // What the run budget counts: a resumed conversation reports its whole total, and only what an attempt adds is
    // its spending. The scripted usage is priced by the CLI: 2,000 output tokens cost $0.04 at the model it asks for.

    @Test
    void aResumedConversationCountsOnlyWhatItAdds() {
        api.enqueue(Turn.costly(0, 2000, Turn.bash("echo one > one.txt")), Turn.text("First part done."),
                Turn.costly(0, 1000, Turn.bash(EDIT_AND_REPORT)), Turn.text("All done."));
        WorkerRequest request = request(Duration.ofSeconds(60));

        WorkerOutcome first = worker().run(request);
        assertThat(ClaudeWorker.sessionMode(request)).isEqualTo(ClaudeCommandBuilder.SessionMode.RESUME);
        WorkerOutcome second = worker().run(request);

        assertThat(first.costUsd()).isCloseTo(0.04, within(0.002));
        assertThat(second.claude().totalCostUsd()).as("the CLI reports the conversation's total")
                .isCloseTo(first.costUsd() + 0.02, within(0.002));
        assertThat(second.costUsd()).as("the resumed attempt spent only its own turns").isCloseTo(0.02, within(0.002));
        assertThat(second.reason()).endsWith(String.format(java.util.Locale.ROOT, "($%.4f)", second.costUsd()));
    }

    @Test
    void aRateLimitedAttemptIsRetriedResumedItsRateLimitHeardAndItsSpendingCountedOnce() {
        api.enqueue(Turn.costly(0, 2000, Turn.bash("echo one > one.txt")), Turn.httpError(429),
                Turn.costly(0, 1000, Turn.bash(EDIT_AND_REPORT)), Turn.text("Done after the rate limit."));
        List<String> rateLimits = new java.util.concurrent.CopyOnWriteArrayList<>();
        WorkerListener listener = new WorkerListener() {
            @Override
            public void rateLimited(WorkerRequest request, String cause) {
                rateLimits.add(cause);
            }
        };

        WorkerOutcome outcome = new RetryingWorker(worker(), new RetryPolicy(2, Duration.ofMillis(10),
                Duration.ofMillis(10)), d -> { }, WorkerListener.NONE).run(request(Duration.ofSeconds(60)), listener);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(api.conversationRequests().get(2).bashCommands()).as("the second attempt resumed the conversation")
                .contains("echo one > one.txt");
        assertThat(rateLimits).as("the 429 result was heard as it came").containsExactly("HTTP 429");
        assertThat(outcome.costUsd()).as("both attempts' spending, the first not counted twice")
                .isCloseTo(outcome.claude().totalCostUsd(), within(1e-9))
                .isCloseTo(0.06, within(0.003));
    }

    private static void assertNoneRunning(Set<Long> pids) throws InterruptedException {
        assertThat(pids).isNotEmpty();
        for (long pid : pids) {
            assertThat(Pids.awaitGone(pid)).as("process %d is gone", pid).isTrue();
        }
    }
}
