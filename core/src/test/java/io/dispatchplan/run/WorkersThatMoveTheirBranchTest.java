package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that leave their branch (another branch, a detached HEAD, a deleted branch, a merge half done): whole
 * runs where no commit is lost, no user branch is touched and the report says what happened.
 */
class WorkersThatMoveTheirBranchTest {
    @TempDir
    Path dir;

    TempRepo repo;
    String develop;

    @BeforeEach
    void createRepository() {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "demo\n", "shared.txt", "one\n"));
        develop = repo.branch("develop").checkout("develop").commitFile("dev.txt", "dev\n", "develop's own work");
        repo.checkout("main");
    }

    private Map<String, WorkstreamReport> run(String script) throws Exception {
        Plan plan = Plans.yaml("""
                feature: moved
                workstreams:
                  - {id: a}
                """);
        RunResult result = new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), dir.resolve("out"),
                CommandWorker.shell(script + "\necho done > RESULTS.md")).retry(RetryPolicy.none()).build(), RunListener.NONE);
        return LocalDispatcher.byId(result.report().workstreams());
    }

    @Test
    void aWorkerThatChecksOutAUserBranchLeavesItUntouchedAndItsHistoryOutOfIntegration() throws Exception {
        WorkstreamReport a = run("git checkout -q develop && echo mine > mine.txt").get("a");

        assertThat(repo.revParse("develop")).isEqualTo(develop);
        assertThat(a.status()).isEqualTo("UNSTABLE");
        assertThat(a.reason()).contains("branch develop").contains("moved/a-recovered-1");
        assertThat(repo.readFileAt("moved/a-recovered-1", "mine.txt")).isEqualTo("mine\n");
        assertThat(repo.filesAt("moved/integration")).doesNotContain("dev.txt", "mine.txt");
    }

    @Test
    void aMergeLeftHalfDoneIsUnstableAndNeverMergedWithMarkers() throws Exception {
        repo.checkout("develop").commitFile("shared.txt", "develop's line\n", "develop edits shared");
        repo.checkout("main");
        WorkstreamReport a = run("echo 'a line' > shared.txt && git commit -qam 'a edits shared'"
                + " && git merge -q develop; true").get("a");

        assertThat(a.status()).isEqualTo("UNSTABLE");
        assertThat(a.reason()).contains("a merge in progress").contains("aborted");
        assertThat(repo.readFileAt("moved/a", "shared.txt")).isEqualTo("a line\n");
        assertThat(repo.readFileAt("moved/a-recovered-1", "shared.txt")).contains("<<<<<<<");
        assertThat(repo.readFileAt("moved/integration", "shared.txt")).doesNotContain("<<<<<<<");
    }

    @Test
    void aWorkerThatDeletesItsBranchHasItMadeAgainWithItsCommits() throws Exception {
        WorkstreamReport a = run("echo one > one.txt && git add one.txt && git commit -qm one"
                + " && git checkout -q --detach && git branch -D moved/a && echo two > two.txt").get("a");

        assertThat(a.status()).isEqualTo("SUCCEEDED");
        assertThat(a.reason()).contains("deleted branch moved/a").contains("made again");
        assertThat(repo.filesAt("moved/a")).contains("one.txt", "two.txt");
        assertThat(repo.filesAt("moved/integration")).contains("one.txt", "two.txt");
        assertThat(repo.git("fsck", "--no-reflogs", "--dangling", "--no-progress")).doesNotContain("dangling commit");
    }
}
