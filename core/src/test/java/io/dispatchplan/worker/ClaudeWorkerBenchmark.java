package io.dispatchplan.worker;

import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long one real Claude Code worker run takes against the fake API (a Bash tool turn, then a text turn):
 * a program that prints figures, not a test. Run after {@code mvn test-compile}:
 * {@code java -cp core/target/test-classes:core/target/classes:<deps> io.dispatchplan.worker.ClaudeWorkerBenchmark [runs]}.
 */
public final class ClaudeWorkerBenchmark {

    private ClaudeWorkerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path tmp = Files.createTempDirectory("claude-bench");
        List<Long> wall = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            ClaudeWorker worker = new ClaudeWorker(ClaudeWorkerConfig.defaults()
                    .withExecutable(ClaudeCodeCli.executable().toString()));
            for (int i = 0; i < runs; i++) {
                WorkstreamFixture fixture = new WorkstreamFixture(tmp.resolve("run" + i));
                api.enqueue(Turn.bash("echo done > \"$RESULTS_FILE\""), Turn.text("Done."));
                WorkerRequest request = fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build();
                long start = System.nanoTime();
                WorkerOutcome outcome = worker.run(request);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (outcome.status() != WorkerOutcome.Status.SUCCEEDED) {
                    throw new IllegalStateException("run " + i + ": " + outcome.reason());
                }
                wall.add(ms);
                reported.add(outcome.claude().durationMs());
            }
        }
        System.out.println(String.format(Locale.ROOT, "%d runs of claude %s (2 turns, 1 Bash tool call)", runs,
                ClaudeCodeCli.executable()));
        System.out.println("wall ms (process start to exit): " + summary(wall));
        System.out.println("CLI duration_ms:                 " + summary(reported));
    }

    private static String summary(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "min %d, median %d, max %d", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }
}
