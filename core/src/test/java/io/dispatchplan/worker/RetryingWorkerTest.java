package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries with real commands; the sleeper only records, so no test waits. */
class RetryingWorkerTest {

    @TempDir
    Path tmp;

    private WorkstreamFixture fixture;
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(5), Duration.ofSeconds(12));

    @BeforeEach
    void setUp() {
        fixture = new WorkstreamFixture(tmp);
    }

    private RetryingWorker retrying(String script) {
        return new RetryingWorker(CommandWorker.shell(script), policy, waits::add, new WorkerListener() {
            @Override
            public void retrying(WorkerRequest request, WorkerOutcome failed, int nextAttempt, Duration delay) {
                heard.add(nextAttempt + " after " + delay.toSeconds() + "s: " + failed.reason());
            }
        });
    }

    @Test
    void retriesATemporaryFailureUntilItSucceeds() throws Exception {
        Path counter = tmp.resolve("count");
        // Fails temporarily twice, then succeeds.
        String script = "n=$(cat " + counter + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + counter + "; "
                + "echo attempt $n; if [ $n -lt 3 ]; then echo busy >&2; exit 75; fi; echo done > \"$RESULTS_FILE\"";
        WorkerRequest request = fixture.request(Map.of()).build();

        WorkerOutcome outcome = retrying(script).run(request);

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(heard).containsExactly(
                "2 after 5s: the command exited with code 75: busy (the command reported a temporary failure (exit 75))",
                "3 after 10s: the command exited with code 75: busy (the command reported a temporary failure (exit 75))");
        assertThat(Files.readString(request.logs().stdout())).isEqualTo("attempt 1\n");
        assertThat(Files.readString(request.logs().forAttempt(2).stdout())).isEqualTo("attempt 2\n");
        assertThat(Files.readString(request.logs().forAttempt(3).stdout())).isEqualTo("attempt 3\n");
        assertThat(WorkerResultFile.read(request.logs().resultJson()).attempts()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheCappedBackoff() {
        WorkerOutcome outcome = retrying("exit 75").run(fixture.request(Map.of()).build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.retryable()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(12));
    }

    @Test
    void doesNotRetryAnOrdinaryFailure() {
        WorkerOutcome outcome = retrying("echo broken >&2; exit 1").run(fixture.request(Map.of()).build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void doesNotRetryATimeout() {
        WorkerOutcome outcome = retrying("sleep 30").run(fixture.request(Map.of()).timeout(Duration.ofMillis(300)).build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.TIMED_OUT);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }
}
