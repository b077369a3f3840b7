package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of different features in one repository at the same time share its files without losing each other's lines. */
class ConcurrentRunsTest {
    @TempDir
    Path dir;

    @Test
    void fiveFeaturesAtOnceKeepEveryRunDirectoryOutOfGitStatus() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "demo\n"));
        CommandWorker worker = CommandWorker.shell("echo x > $WORKSTREAM_ID.txt; echo done > RESULTS.md");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<RunResult>> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String feature = "f" + i;
            runs.add(pool.submit(() -> new LocalDispatcher().run(
                    Plans.yaml("feature: " + feature + "\nworkstreams: [{id: a}, {id: b}]"),
                    RunOptions.builder(repo.dir(), repo.dir().resolve(".dispatch-plan/runs/" + feature), worker)
                            .retry(RetryPolicy.none()).keepWorktrees(true).build(), RunListener.NONE)));
        }
        for (Future<RunResult> run : runs) {
            assertThat(run.get().clean()).isTrue();
        }
        pool.shutdown();

        String exclude = Files.readString(repo.dir().resolve(".git/info/exclude"));
        for (int i = 0; i < 5; i++) {
            assertThat(exclude).contains("/.dispatch-plan/runs/f" + i + "/");
        }
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }
}
