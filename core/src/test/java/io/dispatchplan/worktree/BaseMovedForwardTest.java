package io.dispatchplan.worktree;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.CachedRepository;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run after the base branch moved on: a branch kept from the earlier run gets the new base merged in (a
 * pre-checked {@code --no-ff} merge), its own work untouched; a conflict changes nothing and names the files.
 */
class BaseMovedForwardTest {
    private static final CommitIdentity ROBOT = new CommitIdentity("Robot", "robot@example.invalid");

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final WorktreeManager manager = new WorktreeManager(git);
    private TempRepo remote;
    private RepositoryCache caches;
    private CachedRepository cache;
    private String oldBase;
    private Path root;

    @BeforeEach
    void setUp() {
        remote = TempRepo.initWithFiles(tmp.resolve("remote"), files("README.md", "hello\n", "shared.txt", "one\n"));
        caches = new RepositoryCache(git, tmp.resolve("cache"));
        cache = caches.update(remote.dir().toString());
        oldBase = remote.head();
        root = tmp.resolve("workspace");
    }

    private String newBase(String file, String content) throws Exception {
        Files.writeString(remote.dir().resolve(file), content);
        String sha = git.commitAll(remote.dir(), "main moves on", ROBOT).orElseThrow();
        cache = caches.update(remote.dir().toString());
        return sha;
    }

    private String workOn(Worktree wt, String file, String content) throws Exception {
        Files.writeString(wt.path().resolve(file), content);
        return git.commitAll(wt.path(), "work on " + file, ROBOT).orElseThrow();
    }

    @Test
    void aKeptWorktreeGetsTheNewBaseMergedInWithItsOwnWorkKept() throws Exception {
        Worktree first = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", oldBase));
        String work = workOn(first, "a.txt", "a\n");
        String base = newBase("main.txt", "new on main\n");

        Worktree again = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", base));

        assertThat(again.outcome()).isEqualTo(Worktree.Outcome.REUSED);
        assertThat(again.path().resolve("main.txt")).hasContent("new on main");
        assertThat(again.path().resolve("a.txt")).hasContent("a");
        assertThat(again.baseMerge()).isEqualTo(again.head());
        assertThat(git.output(again.path(), "log", "-1", "--format=%P|%s"))
                .isEqualTo(work + " " + base + "|Merge base " + base.substring(0, 12) + " into f/a");
        assertThat(git.isAncestor(cache.gitDir(), base, git.revParse(cache.gitDir(), "refs/heads/f/a"))).isTrue();
    }

    @Test
    void aKeptBranchWithoutWorktreeGetsTheNewBaseToo() throws Exception {
        Worktree first = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", oldBase));
        String work = workOn(first, "a.txt", "a\n");
        manager.cleanup(cache.gitDir(), first.path(), "f/a", null, false, false);
        String base = newBase("main.txt", "new on main\n");

        Worktree again = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", base));

        assertThat(again.outcome()).isEqualTo(Worktree.Outcome.REUSED);
        assertThat(again.path().resolve("main.txt")).hasContent("new on main");
        assertThat(git.output(again.path(), "rev-parse", "HEAD^1", "HEAD^2")).isEqualTo(work + "\n" + base);
    }

    @Test
    void aBranchWithNothingOfItsOwnMovesUpToTheNewBaseWithoutAMerge() throws Exception {
        manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", oldBase));
        String base = newBase("main.txt", "new on main\n");

        Worktree again = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", base));

        assertThat(again.head()).isEqualTo(base);
        assertThat(again.commitsAhead()).isZero();
    }

    @Test
    void aNewBaseThatConflictsWithTheKeptWorkChangesNothingAndNamesTheFile() throws Exception {
        Worktree first = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", oldBase));
        String work = workOn(first, "shared.txt", "the workstream's\n");
        String base = newBase("shared.txt", "main's\n");

        assertThatThrownBy(() -> manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", base)))
                .isInstanceOf(DependencyConflictException.class)
                .hasMessageContaining("new base " + base.substring(0, 12))
                .hasMessageContaining("shared.txt")
                .hasMessageContaining("Nothing was merged");
        assertThat(git.revParse(cache.gitDir(), "refs/heads/f/a")).isEqualTo(work);
        assertThat(first.path().resolve("shared.txt")).hasContent("the workstream's");
        assertThat(git.output(first.path(), "status", "--porcelain")).isEmpty();
    }

    @Test
    void aDependentOfAKeptBranchGetsTheBaseBeforeItsDependencies() throws Exception {
        Worktree dep = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "a", oldBase));
        Dependency a = new Dependency("a", "f/a", workOn(dep, "a.txt", "a\n"), false);
        Worktree d = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "d", oldBase)
                .withDependencies(List.of(a), ROBOT));
        String own = workOn(d, "d.txt", "d\n");
        String base = newBase("main.txt", "new on main\n");

        Worktree again = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", "d", base)
                .withDependencies(List.of(a), ROBOT));

        assertThat(again.path().resolve("main.txt")).hasContent("new on main");
        assertThat(again.path().resolve("a.txt")).hasContent("a");
        assertThat(again.path().resolve("d.txt")).hasContent("d");
        assertThat(git.output(again.path(), "rev-parse", "HEAD^1")).isEqualTo(own);
    }
}
