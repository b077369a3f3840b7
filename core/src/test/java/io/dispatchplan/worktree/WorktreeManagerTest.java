package io.dispatchplan.worktree;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.CachedRepository;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.JavaProcess;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeManagerTest {

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final WorktreeManager manager = new WorktreeManager(git);
    private TempRepo remote;
    private CachedRepository cache;
    private String base;
    private Path root;

    @BeforeEach
    void setUp() {
        remote = TempRepo.initWithFiles(tmp.resolve("remote"), files("README.md", "hello\n", "src/app.txt", "app\n"));
        cache = new RepositoryCache(git, tmp.resolve("cache")).update(remote.dir().toString());
        base = remote.head();
        root = tmp.resolve("workspace");
    }

    private WorktreeRequest request(String id) {
        return WorktreeRequest.of(cache.gitDir(), root, "chat", id, base);
    }

    private void commitIn(Path worktree, String file, String content) throws Exception {
        Files.writeString(worktree.resolve(file), content);
        git.commitAll(worktree, "work on " + file, CommitIdentity.DEFAULT);
    }

    @Test
    void createsAWorktreeOnItsOwnBranchFromTheBaseSharingTheCachesObjects() throws Exception {
        Worktree wt = manager.prepare(request("api"));

        assertThat(wt.path()).isEqualTo(root.toAbsolutePath().resolve("chat/api"));
        assertThat(wt.branch()).isEqualTo("chat/api");
        assertThat(wt.outcome()).isEqualTo(Worktree.Outcome.CREATED);
        assertThat(wt.head()).isEqualTo(base);
        assertThat(wt.commitsAhead()).isZero();
        assertThat(Files.readString(wt.path().resolve("src/app.txt"))).isEqualTo("app\n");
        assertThat(git.currentBranch(wt.path())).contains("chat/api");
        assertThat(git.hasUncommittedChanges(wt.path())).isFalse();
        // A linked worktree: a .git file pointing into the cache, no object store of its own.
        assertThat(wt.path().resolve(".git")).isRegularFile();
        assertThat(git.commonDir(wt.path()).toRealPath()).isEqualTo(cache.gitDir().toRealPath());
    }

    @Test
    void usesTheWorkstreamsOwnBranchName() {
        Worktree wt = manager.prepare(request("api").withBranch("feature/chat-api"));

        assertThat(wt.branch()).isEqualTo("feature/chat-api");
        assertThat(git.currentBranch(wt.path())).contains("feature/chat-api");
    }

    @Test
    void reusingKeepsTheBranchItsCommitsAndUncommittedWork() throws Exception {
        Worktree first = manager.prepare(request("api"));
        commitIn(first.path(), "done.txt", "done");
        Files.writeString(first.path().resolve("README.md"), "edited, not committed");

        Worktree again = manager.prepare(request("api"));

        assertThat(again.outcome()).isEqualTo(Worktree.Outcome.REUSED);
        assertThat(again.commitsAhead()).isEqualTo(1);
        assertThat(again.head()).isNotEqualTo(base);
        assertThat(Files.readString(again.path().resolve("README.md"))).isEqualTo("edited, not committed");
    }

    @Test
    void reusingAnExistingBranchInAFreshWorkspaceResumesItsCommits() throws Exception {
        Worktree first = manager.prepare(request("api"));
        commitIn(first.path(), "night1.txt", "from the first night");
        GitCliTestSupport.deleteTree(root);

        Worktree resumed = manager.prepare(request("api"));

        assertThat(resumed.outcome()).isEqualTo(Worktree.Outcome.REUSED);
        assertThat(resumed.commitsAhead()).isEqualTo(1);
        assertThat(Files.readString(resumed.path().resolve("night1.txt"))).isEqualTo("from the first night");
        assertThat(git.hasUncommittedChanges(resumed.path())).isFalse();
    }

    @Test
    void finishesACheckoutThatAnEarlierRunNeverCompleted() throws Exception {
        Path path = WorktreeManager.pathFor(root, "chat", "api");
        git.worktreeAddNewBranch(cache.gitDir(), path, "chat/api", base, false);

        Worktree wt = manager.prepare(request("api"));

        assertThat(wt.outcome()).isEqualTo(Worktree.Outcome.REUSED);
        assertThat(Files.readString(path.resolve("src/app.txt"))).isEqualTo("app\n");
        assertThat(git.hasUncommittedChanges(path)).isFalse();
    }

    @Test
    void recreatingRefusesABranchWithCommitsNotInTheBase() throws Exception {
        Worktree first = manager.prepare(request("api"));
        commitIn(first.path(), "work.txt", "valuable");

        assertThatThrownBy(() -> manager.prepare(request("api").withPolicy(WorktreePolicy.RECREATE)))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining("will not recreate branch 'chat/api'")
                .hasMessageContaining("1 commit(s) not in the base")
                .hasMessageContaining("REUSE");
        GitCliTestSupport.deleteTree(root);
        assertThatThrownBy(() -> manager.prepare(request("api").withPolicy(WorktreePolicy.RECREATE)))
                .isInstanceOf(WorktreeException.class).hasMessageContaining("not in the base");
        assertThat(git.countCommits(cache.gitDir(), base + "..chat/api")).isEqualTo(1);
    }

    @Test
    void recreatingRefusesUncommittedChanges() throws Exception {
        Worktree first = manager.prepare(request("api"));
        Files.writeString(first.path().resolve("README.md"), "unsaved");

        assertThatThrownBy(() -> manager.prepare(request("api").withPolicy(WorktreePolicy.RECREATE)))
                .isInstanceOf(WorktreeException.class).hasMessageContaining("uncommitted changes");
        assertThat(Files.readString(first.path().resolve("README.md"))).isEqualTo("unsaved");
    }

    @Test
    void recreatingStartsAgainFromANewBaseWhenNothingWouldBeLost() throws Exception {
        Worktree first = manager.prepare(request("api"));
        Files.writeString(first.path().resolve("scratch.txt"), "untracked leftovers");
        String newBase = remote.commitFile("README.md", "v2\n", "upstream change");
        new RepositoryCache(git, tmp.resolve("cache")).update(remote.dir().toString());

        Worktree again = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "chat", "api", newBase)
                .withPolicy(WorktreePolicy.RECREATE));

        assertThat(again.outcome()).isEqualTo(Worktree.Outcome.RECREATED);
        assertThat(again.head()).isEqualTo(newBase);
        assertThat(Files.readString(again.path().resolve("README.md"))).isEqualTo("v2\n");
        assertThat(again.path().resolve("scratch.txt")).doesNotExist();
    }

    @Test
    void refusesABranchCheckedOutInAnotherWorktree() {
        manager.prepare(request("api"));

        assertThatThrownBy(() -> manager.prepare(WorktreeRequest.of(cache.gitDir(), tmp.resolve("other-workspace"),
                "chat", "api", base)))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining("branch 'chat/api' is already checked out in the worktree");
    }

    @Test
    void refusesADirectoryThatIsNotAWorktree() throws Exception {
        Path stray = Files.createDirectories(root.resolve("chat/api"));
        Files.writeString(stray.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> manager.prepare(request("api")))
                .isInstanceOf(WorktreeException.class).hasMessageContaining("exists and is not a worktree");
        assertThat(stray.resolve("notes.txt")).exists();
    }

    @Test
    void acceptsAnEmptyDirectoryAtTheWorktreePath() throws Exception {
        Files.createDirectories(root.resolve("chat/api"));

        assertThat(manager.prepare(request("api")).outcome()).isEqualTo(Worktree.Outcome.CREATED);
    }

    @Test
    void refusesPathsThatWouldLeaveTheRoot() {
        for (String id : List.of("..", ".", "a/b", "../x", "", "-rf", "a\\b")) {
            assertThatThrownBy(() -> manager.prepare(request(id)))
                    .as("id %s", id).isInstanceOf(WorktreeException.class).hasMessageContaining("cannot name");
        }
        assertThatThrownBy(() -> manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "..", "x", base)))
                .isInstanceOf(WorktreeException.class);
        assertThatThrownBy(() -> manager.prepare(request("ok").withBranch("bad..branch")))
                .isInstanceOf(WorktreeException.class).hasMessageContaining("not a valid git branch name");
        assertThat(root).doesNotExist();
    }

    @Test
    void namesABaseCommitTheRepositoryLacks() throws Exception {
        String missing = "0123456789abcdef0123456789abcdef01234567";

        assertThatThrownBy(() -> manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "chat", "api", missing)))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining("the base commit " + missing + " is not in").hasMessageContaining("Fetch it");
        manager.prepare(request("api"));
        assertThatThrownBy(() -> manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "chat", "api", missing)))
                .isInstanceOf(WorktreeException.class).hasMessageContaining("is not in");
        assertThatThrownBy(() -> manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "chat", "ui", "nope")))
                .hasMessageContaining("no commit named 'nope'");
        assertThat(git.branchExists(cache.gitDir(), "chat/ui")).isFalse();
    }

    @Test
    void acceptsTheBaseAsAnyRevision() {
        Worktree wt = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "chat", "api", "refs/remotes/origin/main"));

        assertThat(wt.baseSha()).isEqualTo(base);
        assertThat(wt.head()).isEqualTo(base);
    }

    @Test
    void cleanupRemovesTheWorktreeAndDeletesAMergedBranch() {
        Worktree wt = manager.prepare(request("api"));

        CleanupResult result = manager.cleanup(cache.gitDir(), wt.path(), wt.branch(), base, true, false);

        assertThat(result.worktreeRemoved()).isTrue();
        assertThat(result.branch()).isEqualTo(CleanupResult.BranchOutcome.DELETED);
        assertThat(wt.path()).doesNotExist();
        assertThat(git.branchExists(cache.gitDir(), "chat/api")).isFalse();
        assertThat(git.worktreeList(cache.gitDir())).hasSize(1);
    }

    @Test
    void cleanupNeverDeletesABranchHoldingUnmergedWork() throws Exception {
        Worktree wt = manager.prepare(request("api"));
        commitIn(wt.path(), "work.txt", "valuable");
        String tip = git.revParse(wt.path(), "HEAD");

        CleanupResult result = manager.cleanup(cache.gitDir(), wt.path(), wt.branch(), base, true, false);

        assertThat(result.worktreeRemoved()).isTrue();
        assertThat(result.branch()).isEqualTo(CleanupResult.BranchOutcome.KEPT_UNMERGED);
        assertThat(result.unmergedCommits()).isEqualTo(1);
        assertThat(result.message()).contains("1 commit(s) not merged into " + base);
        assertThat(git.revParse(cache.gitDir(), "refs/heads/chat/api")).isEqualTo(tip);

        // Once merged into the integration branch, the same cleanup deletes it.
        git.createBranch(cache.gitDir(), "chat/integration", tip, false);
        assertThat(manager.cleanup(cache.gitDir(), wt.path(), wt.branch(), "chat/integration", true, false).branch())
                .isEqualTo(CleanupResult.BranchOutcome.DELETED);
    }

    @Test
    void cleanupKeepsAWorktreeWithUncommittedWorkUnlessForced() throws Exception {
        Worktree wt = manager.prepare(request("api"));
        Files.writeString(wt.path().resolve("README.md"), "unsaved");

        CleanupResult kept = manager.cleanup(cache.gitDir(), wt.path(), wt.branch(), base, true, false);
        assertThat(kept.worktreeRemoved()).isFalse();
        assertThat(kept.message()).contains("uncommitted changes");
        assertThat(wt.path().resolve("README.md")).hasContent("unsaved");
        assertThat(git.branchExists(cache.gitDir(), "chat/api")).isTrue();

        CleanupResult forced = manager.cleanup(cache.gitDir(), wt.path(), wt.branch(), base, false, true);
        assertThat(forced.worktreeRemoved()).isTrue();
        assertThat(forced.branch()).isEqualTo(CleanupResult.BranchOutcome.KEPT);
        assertThat(wt.path()).doesNotExist();
    }

    @Test
    void cleanupIgnoresIgnoredFilesLikeACopiedEnv() throws Exception {
        remote.commitFile(".gitignore", ".env\n", "ignore .env");
        new RepositoryCache(git, tmp.resolve("cache")).update(remote.dir().toString());
        Worktree wt = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "chat", "api", remote.head()));
        Files.writeString(wt.path().resolve(".env"), "SECRET=1\n");

        assertThat(manager.cleanup(cache.gitDir(), wt.path(), wt.branch(), remote.head(), true, false)
                .worktreeRemoved()).isTrue();
    }

    @Test
    void twoProcessesPreparingWorktreesFromOneFreshCacheAtOnceBothSucceed() throws Exception {
        for (int i = 0; i < 20; i++) {
            remote.commitFile("f" + i + ".txt", "content " + i, "commit " + i);
        }
        Path cacheRoot = tmp.resolve("fresh-cache");
        String url = remote.dir().toString();
        ProcessRunner runner = new ProcessRunner();
        List<CompletableFuture<ProcessResult>> processes = List.of("one", "two").stream()
                .map(id -> CompletableFuture.supplyAsync(() -> runner.run(ProcessSpec.of(JavaProcess.command(
                        PrepareWorktreeMain.class, cacheRoot.toString(), url, root.toString(), "chat", id)))))
                .toList();
        RepositoryCache cacheHere = new RepositoryCache(git, cacheRoot);
        String sha = cacheHere.updateAndResolve(url, "main").sha();
        Worktree three = manager.prepare(WorktreeRequest.of(cacheHere.directoryFor(url), root, "chat", "three", sha));

        for (CompletableFuture<ProcessResult> process : processes) {
            ProcessResult result = process.join();
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout().strip()).isEqualTo("CREATED " + remote.head());
        }
        assertThat(three.outcome()).isEqualTo(Worktree.Outcome.CREATED);
        for (String id : List.of("one", "two", "three")) {
            Path wt = root.resolve("chat").resolve(id);
            assertThat(wt.resolve("f19.txt")).hasContent("content 19");
            assertThat(git.currentBranch(wt)).contains("chat/" + id);
            assertThat(git.hasUncommittedChanges(wt)).isFalse();
        }
        assertThat(git.worktreeList(cacheHere.directoryFor(url))).hasSize(4);
    }
}
