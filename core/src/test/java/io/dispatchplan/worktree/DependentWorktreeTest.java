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

/** A dependent's worktree: its branch holds its dependencies' heads, merged without touching any worktree. */
class DependentWorktreeTest {
    private static final CommitIdentity ROBOT = new CommitIdentity("Robot", "robot@example.invalid");

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final WorktreeManager manager = new WorktreeManager(git);
    private CachedRepository cache;
    private String base;
    private Path root;

    @BeforeEach
    void setUp() {
        TempRepo remote = TempRepo.initWithFiles(tmp.resolve("remote"), files("README.md", "hello\n", "shared.txt", "one\n"));
        cache = new RepositoryCache(git, tmp.resolve("cache")).update(remote.dir().toString());
        base = remote.head();
        root = tmp.resolve("workspace");
    }

    /** A dependency's finished worktree with one commit writing {@code file}. */
    private Dependency finished(String id, String file, String content) throws Exception {
        Worktree wt = manager.prepare(WorktreeRequest.of(cache.gitDir(), root, "f", id, base));
        Files.writeString(wt.path().resolve(file), content);
        String head = git.commitAll(wt.path(), id + " work", ROBOT).orElseThrow();
        return new Dependency(id, "f/" + id, head, false);
    }

    /** Writes {@code file} in the worktree and commits it; returns the commit. */
    private String commitIn(Path worktree, String file, String content, String message) throws Exception {
        Files.writeString(worktree.resolve(file), content);
        return git.commitAll(worktree, message, ROBOT).orElseThrow();
    }

    /** The dependency after one more commit on its branch (it ran again). */
    private Dependency movedOn(Dependency d, String file, String content) throws Exception {
        return new Dependency(d.id(), d.branch(), commitIn(root.resolve("f").resolve(d.id()), file, content,
                d.id() + " again"), false);
    }

    private WorktreeRequest dependent(String id, List<Dependency> dependencies) {
        return WorktreeRequest.of(cache.gitDir(), root, "f", id, base).withDependencies(dependencies, ROBOT);
    }

    @Test
    void aNewDependentBranchIsTheBaseWithEachDependencyMergedNoFf() throws Exception {
        Dependency a = finished("a", "a.txt", "a\n");
        Dependency b = finished("b", "b.txt", "b\n");
        String aStatus = git.output(root.resolve("f/a"), "status", "--porcelain");

        Worktree d = manager.prepare(dependent("d", List.of(a, b)));

        assertThat(d.outcome()).isEqualTo(Worktree.Outcome.CREATED);
        assertThat(d.path().resolve("a.txt")).hasContent("a");
        assertThat(d.path().resolve("b.txt")).hasContent("b");
        List<String> history = List.of(git.output(d.path(), "log", "--first-parent", "--format=%P|%an|%s", "-2").split("\n"));
        String mergeA = d.dependencies().get(0).mergeCommit();
        assertThat(history).containsExactly(
                mergeA + " " + b.head() + "|Robot|Merge dependency b (f/b) into f/d",
                base + " " + a.head() + "|Robot|Merge dependency a (f/a) into f/d");
        assertThat(d.dependencies()).extracting(DeliveredDependency::id).containsExactly("a", "b");
        assertThat(d.head()).isEqualTo(d.dependencies().get(1).mergeCommit());
        assertThat(git.output(root.resolve("f/a"), "status", "--porcelain")).as("a's worktree untouched").isEqualTo(aStatus);
        assertThat(git.output(d.path(), "status", "--porcelain")).isEmpty();
    }

    @Test
    void aDependencyAlreadyHeldIsNotMergedAgain() throws Exception {
        Dependency a = finished("a", "a.txt", "a\n");
        Worktree b = manager.prepare(dependent("b", List.of(a)));
        Files.writeString(b.path().resolve("b.txt"), "b\n");
        Dependency bDone = new Dependency("b", "f/b", git.commitAll(b.path(), "b work", ROBOT).orElseThrow(), false);

        Worktree c = manager.prepare(dependent("c", List.of(a, bDone)));

        assertThat(c.dependencies().get(0).mergeCommit()).as("a merged first").isNotNull();
        assertThat(git.countCommits(c.path(), base + "..HEAD")).as("a work, b's merge of a, b work, and two merges")
                .isEqualTo(5);
        assertThat(git.output(c.path(), "log", "--format=%s")).containsOnlyOnce("a work");
    }

    @Test
    void aKeptWorktreeGetsTheNewCommitsOfAMovedDependencyAndKeepsItsOwnWork() throws Exception {
        Dependency a = finished("a", "a.txt", "a\n");
        Worktree d = manager.prepare(dependent("d", List.of(a)));
        String own = commitIn(d.path(), "d.txt", "d\n", "d work");
        Files.writeString(d.path().resolve("notes.txt"), "uncommitted\n");
        Dependency moved = movedOn(a, "a2.txt", "more\n");

        Worktree again = manager.prepare(dependent("d", List.of(moved)));

        assertThat(again.outcome()).isEqualTo(Worktree.Outcome.REUSED);
        assertThat(again.path().resolve("a2.txt")).hasContent("more");
        assertThat(again.path().resolve("notes.txt")).as("the worker's uncommitted file stays").hasContent("uncommitted");
        assertThat(git.isAncestor(again.path(), own, "HEAD")).isTrue();
        assertThat(git.output(again.path(), "log", "-1", "--format=%P %s"))
                .isEqualTo(own + " " + moved.head() + " Merge dependency a (f/a) into f/d");

        Worktree unchanged = manager.prepare(dependent("d", List.of(moved)));
        assertThat(unchanged.head()).as("nothing new: not rebuilt").isEqualTo(again.head());
        assertThat(unchanged.dependencies().get(0).mergeCommit()).isNull();
    }

    @Test
    void aKeptBranchWithoutItsWorktreeIsMovedForwardBeforeItIsCheckedOut() throws Exception {
        Dependency a = finished("a", "a.txt", "a\n");
        Worktree d = manager.prepare(dependent("d", List.of(a)));
        String own = commitIn(d.path(), "d.txt", "d\n", "d work");
        manager.cleanup(cache.gitDir(), d.path(), "f/d", null, false, false);
        Dependency moved = movedOn(a, "a2.txt", "more\n");

        Worktree again = manager.prepare(dependent("d", List.of(moved)));

        assertThat(again.path().resolve("a2.txt")).hasContent("more");
        assertThat(again.path().resolve("d.txt")).hasContent("d");
        assertThat(git.isAncestor(again.path(), own, "HEAD")).isTrue();
    }

    @Test
    void anUncommittedChangeInTheWayOfNewDependencyCommitsStopsThePreparationAndIsKept() throws Exception {
        Dependency a = finished("a", "a.txt", "a\n");
        Worktree d = manager.prepare(dependent("d", List.of(a)));
        String before = d.head();
        Files.writeString(d.path().resolve("a.txt"), "edited by d, not committed\n");
        Dependency moved = movedOn(a, "a.txt", "a, second version\n");

        assertThatThrownBy(() -> manager.prepare(dependent("d", List.of(moved))))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining("cannot bring the new commits of a into the kept worktree")
                .hasMessageContaining("Commit or discard");
        assertThat(d.path().resolve("a.txt")).hasContent("edited by d, not committed");
        assertThat(git.revParse(d.path(), "HEAD")).isEqualTo(before);
    }

    @Test
    void conflictingDependenciesStartNothingAndNameBothBranchesAndTheFiles() throws Exception {
        Dependency b = finished("b", "shared.txt", "b's version\n");
        Dependency c = finished("c", "shared.txt", "c's version\n");

        assertThatThrownBy(() -> manager.prepare(dependent("d", List.of(b, c))))
                .isInstanceOfSatisfying(DependencyConflictException.class, e -> {
                    assertThat(e.branches()).containsExactly("f/b", "f/c");
                    assertThat(e.files()).containsExactly("shared.txt");
                })
                .hasMessageContaining("dependency c (branch f/c) conflicts with dependency b (branch f/b) in shared.txt");
        assertThat(git.branchExists(cache.gitDir(), "f/d")).isFalse();
        assertThat(root.resolve("f/d")).doesNotExist();
    }
}
