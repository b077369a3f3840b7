package io.dispatchplan.git;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCliTest {

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();

    @Test
    void reportsTheInstalledVersion() {
        assertThat(git.version().isAtLeast(new GitVersion(2, 0, 0))).isTrue();
    }

    @Test
    void resolvesBranchesTagsAndShasAndNamesAMissingCommit() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "a"));
        String first = repo.head();
        repo.tag("v1").commitFile("a.txt", "b", "second");

        assertThat(git.revParse(repo.dir(), "main")).isEqualTo(repo.head());
        assertThat(git.revParse(repo.dir(), "v1")).isEqualTo(first);
        assertThat(git.revParse(repo.dir(), first.substring(0, 10))).isEqualTo(first);
        assertThat(git.tryRevParse(repo.dir(), "nope")).isEmpty();
        assertThatThrownBy(() -> git.revParse(repo.dir(), "nope")).isInstanceOf(GitException.class)
                .hasMessageContaining("no commit named 'nope'");
    }

    @Test
    void knowsBranchesAndTheCheckedOutOne() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "a")).branch("feature/x");

        assertThat(git.branchExists(repo.dir(), "feature/x")).isTrue();
        assertThat(git.branchExists(repo.dir(), "feature")).isFalse();
        assertThat(git.currentBranch(repo.dir())).contains("main");
        repo.checkout(repo.head());
        assertThat(git.currentBranch(repo.dir())).isEmpty();
        assertThat(git.isValidBranchName("feat/a.b-c_1")).isTrue();
        assertThat(git.isValidBranchName("-x")).isFalse();
        assertThat(git.isValidBranchName("a..b")).isFalse();
    }

    @Test
    void commitAllSavesNewChangedAndDeletedFilesAsTheGivenIdentityWithoutAnyGitConfig() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("keep.txt", "1", "gone.txt", "x"));
        repo.write("keep.txt", "2").write("new/file.txt", "new").delete("gone.txt");
        CommitIdentity identity = new CommitIdentity("Robot", "robot@example.invalid");

        String sha = git.commitAll(repo.dir(), "WIP: save work", identity).orElseThrow();

        CommitInfo commit = git.log(repo.dir(), "-1", 0).get(0);
        assertThat(commit.sha()).isEqualTo(sha);
        assertThat(commit.subject()).isEqualTo("WIP: save work");
        assertThat(commit.authorName()).isEqualTo("Robot");
        assertThat(repo.git("log", "-1", "--format=%cn <%ce>")).isEqualTo("Robot <robot@example.invalid>");
        assertThat(repo.filesAt("HEAD")).containsExactlyInAnyOrder("keep.txt", "new/file.txt");
        assertThat(git.commitAll(repo.dir(), "nothing", identity)).isEmpty();
    }

    @Test
    void commitAllCanLeaveOutRootFilesTrackedOrNot() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("TASKS.md", "project's own\n"));
        repo.write("TASKS.md", "generated\n").write("COORDINATION.md", "c").write("sub/TASKS.md", "s").write("x", "x");

        git.commitAll(repo.dir(), "save", CommitIdentity.DEFAULT, List.of("TASKS.md", "COORDINATION.md"));

        assertThat(repo.filesAt("HEAD")).containsExactlyInAnyOrder("TASKS.md", "sub/TASKS.md", "x");
        assertThat(repo.readFileAt("HEAD", "TASKS.md")).isEqualTo("project's own\n");
        assertThat(repo.git("status", "--porcelain")).isEqualTo(" M TASKS.md\n?? COORDINATION.md");
    }

    @Test
    void findsMergeBasesAndGitPaths() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "a"));
        String base = repo.head();
        repo.branch("side").commitFile("a.txt", "main", "main");
        String side = repo.checkout("side").commitFile("b.txt", "b", "side");
        repo.git("checkout", "-q", "--orphan", "lonely");
        String lonely = repo.commit("unrelated");

        assertThat(git.mergeBase(repo.dir(), "main", side)).contains(base);
        assertThat(git.mergeBase(repo.dir(), "main", lonely)).isEmpty();
        assertThat(git.gitPath(repo.dir(), "info/exclude")).isEqualTo(repo.dir().resolve(".git/info/exclude"));
    }

    @Test
    void readsLogCountsAndDiffStats() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "1\n2\n3\n"));
        String base = repo.head();
        repo.commitFiles("change a", files("a.txt", "1\nTWO\n3\n", "b.txt", "b\n"));
        Files.write(repo.dir().resolve("bin.dat"), new byte[] {0, 1, 2, 0});
        repo.commit("add binary");

        assertThat(repo.log(base + "..main")).containsExactly("add binary", "change a");
        assertThat(git.countCommits(repo.dir(), base + "..main")).isEqualTo(2);
        DiffStat stat = git.diffStat(repo.dir(), base, "main");
        assertThat(stat.files()).containsExactlyInAnyOrder(
                new DiffStat.FileChange("a.txt", 1, 1, false),
                new DiffStat.FileChange("b.txt", 1, 0, false),
                new DiffStat.FileChange("bin.dat", 0, 0, true));
        assertThat(stat.toString()).isEqualTo("3 files changed, 2 insertions(+), 1 deletions(-)");
    }

    @Test
    void tellsWhetherOneCommitIsAnAncestorOfAnother() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "a"));
        String base = repo.head();
        String next = repo.commitFile("a.txt", "b", "next");

        assertThat(git.isAncestor(repo.dir(), base, next)).isTrue();
        assertThat(git.isAncestor(repo.dir(), next, base)).isFalse();
        assertThatThrownBy(() -> git.isAncestor(repo.dir(), "nope", base)).isInstanceOf(GitException.class);
    }

    @Test
    void addsListsAndRemovesWorktrees() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "a", "d/b.txt", "b"));
        Path wt = tmp.resolve("wt/one");

        git.worktreeAddNewBranch(repo.dir(), wt, "feat/one", repo.head(), false);
        git.populateWorktree(wt);

        assertThat(Files.readString(wt.resolve("d/b.txt"))).isEqualTo("b");
        assertThat(git.hasUncommittedChanges(wt)).isFalse();
        assertThat(git.worktreeList(repo.dir())).extracting(WorktreeEntry::branch).containsExactly("main", "feat/one");
        WorktreeEntry entry = git.worktreeList(repo.dir()).get(1);
        assertThat(entry.path().toRealPath()).isEqualTo(wt.toRealPath());
        assertThat(entry.head()).isEqualTo(repo.head());
        assertThat(git.commonDir(wt).toRealPath()).isEqualTo(repo.dir().resolve(".git").toRealPath());

        Files.writeString(wt.resolve("a.txt"), "changed");
        assertThat(git.hasUncommittedChanges(wt)).isTrue();
        assertThatThrownBy(() -> git.worktreeRemove(repo.dir(), wt, false)).isInstanceOf(GitException.class)
                .hasMessageContaining("worktree remove").hasMessageContaining("modified or untracked files");
        git.worktreeRemove(repo.dir(), wt, true);
        assertThat(wt).doesNotExist();
        assertThat(git.worktreeList(repo.dir())).hasSize(1);
    }

    @Test
    void pruneForgetsAWorktreeWhoseDirectoryWasDeleted() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "a"));
        Path wt = tmp.resolve("wt");
        git.worktreeAddNewBranch(repo.dir(), wt, "x", repo.head(), true);
        deleteTree(wt);

        assertThat(git.worktreeList(repo.dir()).get(1).prunable()).isTrue();
        git.worktreePrune(repo.dir());
        assertThat(git.worktreeList(repo.dir())).hasSize(1);
    }

    @Test
    void movesCommitsBetweenRepositoriesInABundle() {
        TempRepo source = TempRepo.initWithFiles(tmp.resolve("src"), files("a.txt", "a"));
        TempRepo target = TempRepo.init(tmp.resolve("dst"));
        target.git("fetch", "--quiet", source.dir().toString(), "main:refs/heads/upstream");
        String base = source.head();
        source.git("checkout", "--quiet", "-b", "feat/x");
        String tip = source.commitFile("x.txt", "x", "work on x");
        Path bundle = tmp.resolve("x.bundle");

        git.bundleCreate(source.dir(), bundle, List.of("refs/heads/feat/x", "^" + base));
        git.bundleVerify(target.dir(), bundle);
        git.fetchFromBundle(target.dir(), bundle, List.of("refs/heads/feat/x:refs/heads/feat/x"));

        assertThat(target.revParse("feat/x")).isEqualTo(tip);
        assertThat(target.readFileAt("feat/x", "x.txt")).isEqualTo("x");
    }

    @Test
    void aBundleNeedsItsBaseInTheTargetRepository() {
        TempRepo source = TempRepo.initWithFiles(tmp.resolve("src"), files("a.txt", "a"));
        String base = source.head();
        source.commitFile("b.txt", "b", "more");
        TempRepo empty = TempRepo.init(tmp.resolve("empty"));
        Path bundle = tmp.resolve("b.bundle");
        git.bundleCreate(source.dir(), bundle, List.of("refs/heads/main", "^" + base));

        assertThatThrownBy(() -> git.bundleVerify(empty.dir(), bundle)).isInstanceOf(GitException.class)
                .hasMessageContaining("prerequisite");
    }

    @Test
    void mergeTreeFindsConflictsWithoutTouchingAnything() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("r"), files("a.txt", "1\n2\n3\n", "b.txt", "b\n"));
        String base = repo.head();
        repo.git("checkout", "--quiet", "-b", "left");
        repo.commitFile("a.txt", "1\nLEFT\n3\n", "left");
        repo.git("checkout", "--quiet", "-b", "right", base);
        repo.commitFile("a.txt", "1\nRIGHT\n3\n", "right");
        repo.git("checkout", "--quiet", "-b", "other", base);
        repo.commitFile("c.txt", "c\n", "other");
        String headBefore = repo.head();

        MergeTreeResult conflict = git.mergeTree(repo.dir(), "left", "right");
        MergeTreeResult clean = git.mergeTree(repo.dir(), "left", "other");

        assertThat(conflict.clean()).isFalse();
        assertThat(conflict.conflictedFiles()).containsExactly("a.txt");
        assertThat(conflict.messages()).anyMatch(m -> m.contains("CONFLICT (content)"));
        assertThat(clean.clean()).isTrue();
        assertThat(clean.conflictedFiles()).isEmpty();
        assertThat(repo.git("ls-tree", "--name-only", clean.tree()).split("\n"))
                .containsExactly("a.txt", "b.txt", "c.txt");
        assertThat(repo.head()).isEqualTo(headBefore);
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void aFailedCommandNamesTheCommandTheDirectoryAndGitsMessage() {
        assertThatThrownBy(() -> git.run(tmp, "log", "-1"))
                .isInstanceOfSatisfying(GitException.class, e -> {
                    assertThat(e.command()).containsExactly("log", "-1");
                    assertThat(e.exitCode()).isEqualTo(128);
                    assertThat(e.stderr()).contains("not a git repository");
                })
                .hasMessageStartingWith("git log -1 in " + tmp + " failed with exit code 128: fatal:");
    }

    @Test
    void masksCredentialsInUrls() {
        GitException e = new GitException(List.of("fetch", "https://user:s3cret@example.com/r.git"), tmp, 128,
                "fatal: unable to access 'https://tok3n@example.com/r.git/'", false);

        assertThat(e.getMessage()).doesNotContain("s3cret", "tok3n").contains("https://****@example.com/r.git");
        assertThat(e.stderr()).doesNotContain("tok3n");
    }

    @Test
    void runsWithAFixedLocaleNoPromptsAndNoInheritedRepositoryVariables() {
        var spec = git.spec(tmp, List.of("status"));

        assertThat(spec.environment()).containsEntry("LC_ALL", "C").containsEntry("GIT_TERMINAL_PROMPT", "0");
        assertThat(spec.removedEnvironment()).contains("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE");
        assertThat(spec.argv()).startsWith("git", "-C", tmp.toString());
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
