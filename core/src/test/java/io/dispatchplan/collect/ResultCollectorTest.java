package io.dispatchplan.collect;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.CommitInfo;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worktree.BranchBundle;
import io.dispatchplan.worktree.Worktree;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCollectorTest {

    private static final CommitIdentity ROBOT = new CommitIdentity("Dispatch Robot", "robot@dispatch-plan.invalid");

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final ResultCollector collector = new ResultCollector(git);
    private TempRepo repo;
    private String base;
    private Path wt;
    private Path artifacts;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), files("README.md", "hello\n", "src/app.txt", "v1\n"));
        base = repo.head();
        Worktree worktree = new WorktreeManager(git).prepare(
                WorktreeRequest.of(repo.dir(), tmp.resolve("wt"), "chat", "api", base));
        wt = worktree.path();
        artifacts = tmp.resolve("out/workstreams/api");
        // What the dispatcher does before the worker runs.
        TaskFileExclusion.apply(git, wt);
        Files.writeString(wt.resolve("TASKS.md"), "# Tasks for api\n- [ ] build it\n");
        Files.writeString(wt.resolve("COORDINATION.md"), "# Coordination\n");
    }

    private CollectRequest request(Path bundle) {
        return new CollectRequest("api", wt, "chat/api", base, artifacts, ROBOT, bundle);
    }

    private void workerCommits(String file, String content) throws Exception {
        Path path = wt.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        // A worker commits the way people do: everything, with its own identity.
        git.run(wt, "-c", "user.name=Worker", "-c", "user.email=w@x.invalid", "add", "-A");
        git.run(wt, "-c", "user.name=Worker", "-c", "user.email=w@x.invalid", "commit", "-q", "-m", "add " + file);
    }

    @Test
    void collectsAFinishedWorkstreamAndArchivesItsResultsFileWithoutCommittingIt() throws Exception {
        workerCommits("src/api.txt", "api\n");
        Files.writeString(wt.resolve("RESULTS.md"), "# Results\nDone.\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.resultsPresent()).isTrue();
        assertThat(c.reason()).isNull();
        assertThat(c.unstable()).isFalse();
        assertThat(c.wipCommitted()).as("RESULTS.md alone is nothing to commit").isFalse();
        assertThat(c.commits()).isEqualTo(1);
        assertThat(c.headSha()).isEqualTo(git.revParse(repo.dir(), "chat/api"));
        assertThat(c.changedFiles()).containsExactly("src/api.txt");
        assertThat(c.diffStat().insertions()).isEqualTo(1);
        assertThat(c.branch()).isEqualTo("chat/api");
        assertThat(c.baseSha()).isEqualTo(base);
        assertThat(c.resultsCopy()).isEqualTo(artifacts.resolve("RESULTS.md")).hasContent("# Results\nDone.");
        assertThat(artifacts.resolve("TASKS.md")).hasContent("# Tasks for api\n- [ ] build it");
        assertThat(c.bundle()).isNull();
        assertThat(repo.log(base + "..chat/api")).containsExactly("add src/api.txt");
        assertThat(repo.filesAt("chat/api")).doesNotContain("RESULTS.md");
        assertThat(wt.resolve("RESULTS.md")).as("left in the worktree").hasContent("# Results\nDone.");
    }

    @Test
    void aResultsFileTheWorkerCommittedIsUntrackedOnTheBranchAgain() throws Exception {
        Files.writeString(wt.resolve("RESULTS.md"), "# Results\n");
        workerCommits("src/api.txt", "api\n");
        assertThat(repo.filesAt("chat/api")).contains("RESULTS.md");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(repo.filesAt("chat/api")).contains("src/api.txt").doesNotContain("RESULTS.md");
        assertThat(repo.log(base + "..chat/api")).containsExactly(ResultCollector.RESULTS_OFF_BRANCH_MESSAGE, "add src/api.txt");
        assertThat(repo.readFileAt("chat/api~1", "RESULTS.md")).as("still in history").isEqualTo("# Results\n");
        assertThat(c.headSha()).isEqualTo(git.revParse(repo.dir(), "chat/api"));
        assertThat(c.changedFiles()).containsExactly("src/api.txt");
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("RESULTS.md was committed by the worker"));
        assertThat(c.resultsCopy()).hasContent("# Results");
    }

    @Test
    void aMissingResultsFileMakesTheWorkstreamUnstableWithTheReason() throws Exception {
        workerCommits("src/api.txt", "api\n");
        Files.createDirectories(artifacts);
        Files.writeString(artifacts.resolve("RESULTS.md"), "stale copy from an earlier run");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.resultsPresent()).isFalse();
        assertThat(c.reason()).isEqualTo("no RESULTS.md: the worker did not write it");
        assertThat(c.unstable()).isTrue();
        assertThat(c.resultsCopy()).isNull();
        assertThat(artifacts.resolve("RESULTS.md")).doesNotExist();
        assertThat(c.wipCommitted()).isFalse();
        assertThat(c.commits()).isEqualTo(1);
    }

    @Test
    void savesChangedDeletedAndUntrackedFilesAsAWipCommitButNeverTheEngineFiles() throws Exception {
        Files.writeString(wt.resolve("src/app.txt"), "v2\n");
        Files.delete(wt.resolve("README.md"));
        Files.createDirectories(wt.resolve("src/new"));
        Files.writeString(wt.resolve("src/new/untracked.txt"), "new\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.wipCommitted()).isTrue();
        CommitInfo wip = git.log(wt, "-1", 0).get(0);
        assertThat(wip.subject()).isEqualTo("WIP: uncommitted work of api saved by dispatch-plan");
        assertThat(wip.authorName()).isEqualTo("Dispatch Robot");
        assertThat(wip.authorEmail()).isEqualTo("robot@dispatch-plan.invalid");
        assertThat(repo.filesAt("chat/api")).containsExactlyInAnyOrder("src/app.txt", "src/new/untracked.txt");
        assertThat(repo.readFileAt("chat/api", "src/app.txt")).isEqualTo("v2\n");
        assertThat(c.changedFiles()).containsExactlyInAnyOrder("README.md", "src/app.txt", "src/new/untracked.txt");
        // The engine files stay in the worktree, TASKS.md ignored, RESULTS.md archived; nothing else is left.
        assertThat(wt.resolve("TASKS.md")).exists();
        assertThat(git.output(wt, "status", "--porcelain", "--untracked-files=all").strip()).isEqualTo("?? RESULTS.md");
    }

    @Test
    void theEngineFilesStayOutOfAWorkersOwnAddAllCommit() throws Exception {
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");
        workerCommits("src/api.txt", "api\n");

        assertThat(repo.filesAt("chat/api")).containsExactlyInAnyOrder("README.md", "src/app.txt", "src/api.txt",
                "RESULTS.md");
        // Only the root files are excluded: a TASKS.md the project keeps in a subdirectory is committed.
        workerCommits("docs/TASKS.md", "project tasks\n");
        assertThat(repo.filesAt("chat/api")).contains("docs/TASKS.md");
    }

    @Test
    void theWipCommitLeavesOutEngineFilesEvenWithoutTheExclusion() throws Exception {
        Path exclude = git.gitPath(wt, "info/exclude");
        Files.writeString(exclude, "");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");
        Files.writeString(wt.resolve("more.txt"), "more\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.wipCommitted()).isTrue();
        assertThat(repo.filesAt("chat/api")).doesNotContain("TASKS.md", "COORDINATION.md", "RESULTS.md").contains("more.txt");
    }

    @Test
    void exclusionIsIdempotentAndKeepsWhatTheFileHad() throws Exception {
        Path exclude = git.gitPath(wt, "info/exclude");
        Files.writeString(exclude, "*.log");

        TaskFileExclusion.apply(git, wt);
        TaskFileExclusion.apply(git, wt);

        List<String> lines = Files.readAllLines(exclude);
        assertThat(lines).contains("*.log");
        assertThat(lines.stream().filter(l -> l.equals("/TASKS.md"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.equals("/COORDINATION.md"))).hasSize(1);
        // Shared by all worktrees of the repository: it is the common directory's file.
        assertThat(exclude).isEqualTo(git.commonDir(repo.dir()).resolve("info/exclude"));
    }

    @Test
    void aWorkstreamWithNothingNewHasNoCommitsAndNoBundleFile() throws Exception {
        Files.writeString(wt.resolve("RESULTS.md"), "nothing to do\n");
        git.run(wt, "add", "RESULTS.md");
        git.run(wt, "-c", "user.name=W", "-c", "user.email=w@x.invalid", "commit", "-q", "-m", "results");
        // The worker changed its mind: the branch is back at the base, RESULTS.md gone.
        git.run(wt, "reset", "-q", "--hard", base);
        Path bundleFile = tmp.resolve("out/api.bundle");
        Files.createDirectories(bundleFile.getParent());
        Files.writeString(bundleFile, "stale bundle of an earlier run");

        CollectedWorkstream c = collector.collect(request(bundleFile));

        assertThat(c.wipCommitted()).isFalse();
        assertThat(c.commits()).isZero();
        assertThat(c.changedFiles()).isEmpty();
        assertThat(c.headSha()).isEqualTo(base);
        assertThat(c.bundle()).isNull();
        assertThat(bundleFile).doesNotExist();
        assertThat(c.export().file()).isNull();
        assertThat(c.export().head()).isEqualTo(base);
    }

    @Test
    void theBundleCarriesTheBranchIntoAnotherRepositoryWithTheBase() throws Exception {
        workerCommits("src/api.txt", "api\n");
        Files.writeString(wt.resolve("RESULTS.md"), "done\n");
        Files.writeString(wt.resolve("untracked.txt"), "saved too\n");
        Path bundleFile = tmp.resolve("out/bundles/api.bundle");

        CollectedWorkstream c = collector.collect(request(bundleFile));

        assertThat(c.bundle()).isEqualTo(bundleFile).exists();
        // Another machine: a clone that has the base commit but none of the workstream's.
        Path other = tmp.resolve("other");
        git.run(null, "clone", "-q", "--bare", "--no-local", "--single-branch", "--branch", "main",
                repo.dir().toString(), other.toString());
        assertThat(git.hasCommit(other, c.headSha())).isFalse();

        String imported = new BranchBundle(git).importBranch(other, c.export(), false);

        assertThat(imported).isEqualTo(c.headSha());
        assertThat(git.output(other, "show", "chat/api:untracked.txt")).isEqualTo("saved too");
        assertThat(git.output(other, "show", "chat/api:src/api.txt")).isEqualTo("api");
        assertThat(git.countCommits(other, base + "..chat/api")).isEqualTo(c.commits()).isEqualTo(2);
    }

    @Test
    void aMergeLeftInProgressIsSavedAsideThenAbortedAndReported() throws Exception {
        repo.branch("other", base).checkout("other").commitFile("src/app.txt", "theirs\n", "theirs");
        repo.checkout("main");
        workerCommits("src/app.txt", "ours\n");
        Files.writeString(wt.resolve("notes.txt"), "uncommitted notes\n");
        git.tryRun(wt, List.of("-c", "user.name=W", "-c", "user.email=w@x.invalid", "merge", "other"));
        assertThat(Files.readString(wt.resolve("src/app.txt"))).contains("<<<<<<<");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");
        String before = git.revParse(wt, "HEAD");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.unstable()).isTrue();
        assertThat(c.reason()).contains("a merge in progress").contains("aborted").contains("chat/api-recovered-1");
        assertThat(git.output(wt, "show", "chat/api-recovered-1:src/app.txt")).as("the state is kept").contains("<<<<<<<");
        assertThat(git.output(wt, "show", "chat/api-recovered-1:notes.txt")).isEqualTo("uncommitted notes");
        assertThat(git.tryRun(wt, List.of("cat-file", "-e", "chat/api-recovered-1:RESULTS.md")).succeeded()).isFalse();
        assertThat(git.gitPath(wt, "MERGE_HEAD")).doesNotExist();
        assertThat(git.currentBranch(wt)).contains("chat/api");
        assertThat(git.isAncestor(wt, before, "chat/api")).isTrue();
        assertThat(repo.readFileAt("chat/api", "src/app.txt")).as("no marker on the branch").isEqualTo("ours\n");
        assertThat(repo.readFileAt("chat/api", "notes.txt")).isEqualTo("uncommitted notes\n");
        assertThat(wt.resolve("RESULTS.md")).as("RESULTS.md stays in the worktree").hasContent("results");
    }

    @Test
    void aWorkerThatSwitchedToAUserBranchNeverGetsOurWipCommitThere() throws Exception {
        String develop = repo.branch("develop", base).checkout("develop").commitFile("dev.txt", "dev\n", "develop's own");
        repo.checkout("main");
        workerCommits("src/one.txt", "1\n");
        git.run(wt, "checkout", "-q", "develop");
        Files.writeString(wt.resolve("src/app.txt"), "edited on develop\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(git.revParse(repo.dir(), "refs/heads/develop")).as("the user's branch is untouched").isEqualTo(develop);
        assertThat(repo.filesAt("chat/api")).contains("src/one.txt").doesNotContain("dev.txt");
        assertThat(git.currentBranch(wt)).contains("chat/api");
        assertThat(c.unstable()).isTrue();
        assertThat(c.reason()).contains("branch develop").contains("chat/api-recovered-1");
        assertThat(repo.readFileAt("chat/api-recovered-1", "src/app.txt")).isEqualTo("edited on develop\n");
        assertThat(c.commits()).isEqualTo(1);
    }

    @Test
    void aDetachedHeadOnSomeoneElsesHistoryIsNotTakenIntoTheBranch() throws Exception {
        repo.branch("develop", base).checkout("develop").commitFile("dev.txt", "dev\n", "develop's own");
        repo.checkout("main");
        git.run(wt, "checkout", "-q", "--detach", "develop");
        workerCommits("src/two.txt", "2\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(repo.filesAt("chat/api")).doesNotContain("dev.txt", "src/two.txt");
        assertThat(c.reason()).contains("detached HEAD").contains("chat/api-recovered-1");
        assertThat(repo.filesAt("chat/api-recovered-1")).contains("src/two.txt");
        assertThat(git.output(repo.dir(), "fsck", "--no-reflogs", "--dangling", "--no-progress")).doesNotContain("dangling commit");
    }

    @Test
    void aDeletedBranchIsMadeAgainFromTheWorktreesCommits() throws Exception {
        workerCommits("src/one.txt", "1\n");
        git.run(wt, "checkout", "-q", "--detach");
        git.run(wt, "branch", "-D", "chat/api");
        workerCommits("src/two.txt", "2\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.reason()).isNull();
        assertThat(c.notes()).singleElement().asString().contains("deleted branch chat/api").contains("made again");
        assertThat(repo.filesAt("chat/api")).contains("src/one.txt", "src/two.txt");
        assertThat(git.currentBranch(wt)).contains("chat/api");
        assertThat(c.commits()).isEqualTo(2);
        assertThat(git.output(repo.dir(), "fsck", "--no-reflogs", "--dangling", "--no-progress")).doesNotContain("dangling commit");
    }

    @Test
    void aHookThatRefusesCommitsCannotStopTheWipCommit() throws Exception {
        Path hooks = git.commonDir(wt).resolve("hooks");
        Files.createDirectories(hooks);
        for (String hook : List.of("pre-commit", "prepare-commit-msg", "commit-msg", "post-checkout")) {
            Files.writeString(hooks.resolve(hook), "#!/bin/sh\necho refused >&2\nexit 1\n");
            hooks.resolve(hook).toFile().setExecutable(true);
        }
        Files.writeString(wt.resolve("src/app.txt"), "changed\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.wipCommitted()).isTrue();
        assertThat(repo.readFileAt("chat/api", "src/app.txt")).isEqualTo("changed\n");
        assertThat(wt.resolve("RESULTS.md")).exists();
    }

    @Test
    void workLeftOnADetachedHeadIsTakenIntoTheBranch() throws Exception {
        workerCommits("src/one.txt", "1\n");
        git.run(wt, "checkout", "-q", "--detach");
        workerCommits("src/two.txt", "2\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.reason()).isNull();
        assertThat(c.notes()).singleElement().asString().contains("detached HEAD").contains("chat/api");
        assertThat(git.currentBranch(wt)).contains("chat/api");
        assertThat(repo.filesAt("chat/api")).contains("src/one.txt", "src/two.txt").doesNotContain("RESULTS.md");
        assertThat(c.commits()).isEqualTo(2);
    }

    @Test
    void workOnAnUnrelatedBranchIsReportedAndLeftAlone() throws Exception {
        workerCommits("src/one.txt", "1\n");
        git.run(wt, "checkout", "-q", "-b", "elsewhere", base);
        workerCommits("src/two.txt", "2\n");
        Files.writeString(wt.resolve("RESULTS.md"), "results\n");

        CollectedWorkstream c = collector.collect(request(null));

        assertThat(c.unstable()).isTrue();
        assertThat(c.reason()).contains("branch elsewhere").contains("not on branch chat/api")
                .contains("those commits are on that branch");
        assertThat(repo.filesAt("elsewhere")).contains("src/two.txt").doesNotContain("RESULTS.md");
        assertThat(repo.filesAt("chat/api")).contains("src/one.txt").doesNotContain("src/two.txt");
        assertThat(c.commits()).isEqualTo(1);
    }

    @Test
    void aRemovedWorktreeIsAClearError() throws Exception {
        git.worktreeRemove(repo.dir(), wt, true);

        assertThatThrownBy(() -> collector.collect(request(null))).isInstanceOf(CollectException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("api");
    }
}
