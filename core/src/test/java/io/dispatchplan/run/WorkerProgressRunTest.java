package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import io.dispatchplan.worker.ClaudeWorker;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import io.dispatchplan.worker.WorkerActivity;
import io.dispatchplan.worker.WorkerLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run's live progress (RunListener.activity) and its watchdog, with real processes and the real CLI. */
@Timeout(120)
class WorkerProgressRunTest {
    @TempDir
    Path dir;

    @Test
    void aSilentWorkerIsStoppedRetriedWithThatReasonAndItsWorkIsCommitted() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "shop\n"));
        Plan plan = Plans.yaml("""
                feature: shop
                workstreams:
                  - {id: api}
                """);
        CommandWorker silent = CommandWorker.shell("echo \"attempt\" >> attempts.txt; echo working; exec sleep 300");
        RunOptions options = RunOptions.builder(repo.dir(), dir.resolve("out"), silent)
                .retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)))
                .watchdog(Duration.ofSeconds(2), null)
                .build();

        long start = System.nanoTime();
        RunResult result = new LocalDispatcher().run(plan, options, RunListener.NONE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        WorkstreamReport api = result.report().workstream("api").orElseThrow();
        assertThat(api.status()).isEqualTo("FAILED");
        assertThat(api.attempts()).as("the idle failure is retryable").isEqualTo(2);
        assertThat(api.reason()).startsWith("the command printed nothing for 2 s; its process tree was killed"
                + " (retryable: it went silent)").contains("uncommitted work saved as a WIP commit");
        assertThat(repo.readFileAt("shop/api", "attempts.txt")).isEqualTo("attempt\nattempt\n");
    }

    @Test
    void theListenerHearsEachToolUseOfAClaudeWorkerBeforeItFinishes() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "shop\n"));
        Plan plan = Plans.yaml("""
                feature: shop
                workstreams:
                  - {id: api}
                """);
        record Heard(String what, long atNanos) {
        }
        List<Heard> heard = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void activity(String id, WorkerActivity activity) {
                heard.add(new Heard(id + ": " + activity.line(), System.nanoTime()));
            }

            @Override
            public void finished(WorkstreamReport report) {
                heard.add(new Heard(report.id() + " finished " + report.status(), System.nanoTime()));
            }
        };
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            api.enqueue(Turn.bash("echo one > one.txt"),
                    Turn.stall(Duration.ofSeconds(2), Turn.bash("echo '# Results' > \"$RESULTS_FILE\"")),
                    Turn.text("Done."));
            RunOptions options = RunOptions.builder(repo.dir(), dir.resolve("out"), new ClaudeWorker(
                            ClaudeWorkerConfig.defaults().withExecutable(ClaudeCodeCli.executable().toString())))
                    .retry(RetryPolicy.none()).workerEnvironment(api.cliEnvironment()).build();

            RunResult result = new LocalDispatcher().run(plan, options, listener);

            assertThat(result.report().workstream("api").orElseThrow().status()).isEqualTo("SUCCEEDED");
            List<String> said = heard.stream().map(Heard::what).toList();
            assertThat(said).contains("api: turn 1: Bash: echo one > one.txt", "api: turn 3 says: Done.");
            assertThat(said.get(said.size() - 1)).isEqualTo("api finished SUCCEEDED");
            Heard firstTool = heard.get(said.indexOf("api: turn 1: Bash: echo one > one.txt"));
            assertThat(Duration.ofNanos(heard.get(heard.size() - 1).atNanos() - firstTool.atNanos()))
                    .isGreaterThan(Duration.ofSeconds(2));
            Path archived = result.layout().workstreamDir("api");
            assertThat(Files.readAllLines(archived.resolve(WorkerLogs.EVENTS_FILE))).hasSize(7);
            assertThat(Files.readString(archived.resolve("worker.stdout.log"))).contains("turn 1: Bash: echo one > one.txt");
        }
    }
}
