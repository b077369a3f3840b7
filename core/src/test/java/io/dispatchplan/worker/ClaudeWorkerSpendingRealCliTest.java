package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real Claude Code CLI spends, as the run budget counts it: a resumed conversation reports its whole total,
 * and only what an attempt adds is its spending. Turns are scripted with usage the CLI prices (2,000 output tokens
 * cost $0.04 at the model the CLI asks for here).
 */
@Timeout(120)
class ClaudeWorkerSpendingRealCliTest {

    private static final String REPORT = "printf '# Results\\nDone.\\n' > \"$RESULTS_FILE\"";

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private WorkstreamFixture fixture;
    private final List<String> rateLimits = new CopyOnWriteArrayList<>();
    private final WorkerListener listener = new WorkerListener() {
        @Override
        public void rateLimited(WorkerRequest request, String cause) {
            rateLimits.add(cause);
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
        return new ClaudeWorker(ClaudeWorkerConfig.defaults().withExecutable(ClaudeCodeCli.executable().toString()));
    }

    @Test
    void aResumedConversationCountsOnlyWhatItAdds() {
        api.enqueue(Turn.costly(0, 2000, Turn.bash("echo one > one.txt")), Turn.text("First part done."),
                Turn.costly(0, 1000, Turn.bash(REPORT)), Turn.text("All done."));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();

        WorkerOutcome first = worker().run(request, listener);
        assertThat(ClaudeWorker.sessionMode(request)).isEqualTo(io.dispatchplan.worker.ClaudeCommandBuilder.SessionMode.RESUME);
        WorkerOutcome second = worker().run(request, listener);

        assertThat(first.costUsd()).isCloseTo(0.04, within(0.002));
        assertThat(second.claude().totalCostUsd()).as("the CLI reports the conversation's total")
                .isCloseTo(first.costUsd() + 0.02, within(0.002));
        assertThat(second.costUsd()).as("the resumed attempt spent only its own turns")
                .isCloseTo(0.02, within(0.002));
        assertThat(second.reason()).endsWith(String.format(java.util.Locale.ROOT, "($%.4f)", second.costUsd()));
        assertThat(rateLimits).isEmpty();
    }

    @Test
    void aRateLimitedAttemptIsRetriedResumedAndItsSpendingCountedOnce() {
        api.enqueue(Turn.costly(0, 2000, Turn.bash("echo one > one.txt")), Turn.httpError(429),
                Turn.costly(0, 1000, Turn.bash(REPORT)), Turn.text("Done after the rate limit."));
        WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();
        List<Duration> waits = new CopyOnWriteArrayList<>();

        WorkerOutcome outcome = new RetryingWorker(worker(), new RetryPolicy(2, Duration.ofMillis(10),
                Duration.ofMillis(10)), waits::add, WorkerListener.NONE).run(request, listener);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(api.conversationRequests().get(2).bashCommands()).as("the second attempt resumed the conversation")
                .contains("echo one > one.txt");
        assertThat(rateLimits).as("the 429 result was reported as it came").containsExactly("HTTP 429");
        assertThat(outcome.costUsd()).as("both attempts' spending, the first not counted twice")
                .isCloseTo(outcome.claude().totalCostUsd(), within(1e-9))
                .isCloseTo(0.06, within(0.003));
    }
}
