package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that prints, writes or commits its API key: the value reaches none of the run's output, reports, logs or
 * commits, and a branch whose own commits hold it is not merged.
 */
class SecretsNeverLeaveTest {
    static final String KEY = "sk-ant-test-0123456789-secret";
    static final String TOKEN = "tok-9876543210-marked";

    @TempDir
    Path dir;

    @Test
    void aKeyTheWorkerPrintsWritesOrCommitsGoesNowhere() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "demo\n"));
        Plan plan = Plans.yaml("""
                feature: keys
                workstreams:
                  - {id: printer}
                  - {id: committer}
                  - {id: after, dependsOn: [printer]}
                """);
        CommandWorker worker = CommandWorker.shell(String.join("\n",
                "echo \"my key is $ANTHROPIC_API_KEY and $DEPLOY_TOKEN\"",
                "echo \"stderr: $ANTHROPIC_API_KEY\" >&2",
                "case $WORKSTREAM_ID in",
                "  printer) echo \"key=$ANTHROPIC_API_KEY\" > leak.txt; echo ok > fine.txt;"
                        + " echo \"# Results: used $ANTHROPIC_API_KEY\" > RESULTS.md ;;",
                "  committer) echo \"token=$DEPLOY_TOKEN\" > config.txt && git add config.txt && git commit -qm config;"
                        + " echo done > RESULTS.md ;;",
                "  *) echo done > RESULTS.md ;;",
                "esac"));
        RunResult result = new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), dir.resolve("out"), worker)
                .retry(RetryPolicy.none())
                .workerEnvironment(Map.of("ANTHROPIC_API_KEY", KEY, "DEPLOY_TOKEN", TOKEN))
                .secretVariables(List.of("DEPLOY_TOKEN"))
                .keepWorktrees(true)
                .build(), RunListener.NONE);

        Map<String, WorkstreamReport> reports = LocalDispatcher.byId(result.report().workstreams());
        assertThat(reports.get("printer").status()).isEqualTo("UNSTABLE");
        assertThat(reports.get("printer").reason()).contains("leak.txt (ANTHROPIC_API_KEY)");
        assertThat(repo.filesAt("keys/printer")).contains("fine.txt").doesNotContain("leak.txt");
        assertThat(dir.resolve("out/worktrees/keys/printer/leak.txt")).as("left in the worktree, not lost").exists();
        assertThat(reports.get("committer").status()).isEqualTo("FAILED");
        assertThat(reports.get("committer").reason()).contains("(DEPLOY_TOKEN)").contains("neither merged nor pushed");
        assertThat(result.report().integration().merges()).noneMatch(m -> m.workstreamId().equals("committer"));

        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(dir.resolve("out/worktrees"))).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY).doesNotContain(TOKEN);
            }
        }
        Path printerLogs = dir.resolve("out/workstreams/printer");
        assertThat(Files.readString(printerLogs.resolve("worker.stdout.log"))).contains("my key is **** and ****");
        assertThat(Files.readString(printerLogs.resolve("RESULTS.md"))).contains("used ****");
        assertThat(Files.readString(dir.resolve("out/workstreams/after/TASKS.md"))).contains("used ****");
        assertThat(repo.gitCli().tryRun(repo.dir(), List.of("grep", "-F", "-e", KEY, "keys/integration")).stdout()).isEmpty();
    }
}
