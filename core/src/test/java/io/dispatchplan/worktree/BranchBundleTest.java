package io.dispatchplan.worktree;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.CachedRepository;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two caches of one remote stand for two Jenkins agents. */
class BranchBundleTest {

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final BranchBundle bundles = new BranchBundle(git);
    private TempRepo remote;
    private CachedRepository agentA;
    private CachedRepository agentB;
    private String base;
    private Worktree worktree;

    @BeforeEach
    void setUp() {
        remote = TempRepo.initWithFiles(tmp.resolve("remote"), files("README.md", "hello\n"));
        base = remote.head();
        agentA = new RepositoryCache(git, tmp.resolve("agent-a")).update(remote.dir().toString());
        agentB = new RepositoryCache(git, tmp.resolve("agent-b")).update(remote.dir().toString());
        worktree = new WorktreeManager(git).prepare(WorktreeRequest.of(agentA.gitDir(), tmp.resolve("ws"), "chat",
                "api", base));
    }

    private String commit(String file, String content) throws Exception {
        Files.writeString(worktree.path().resolve(file), content);
        return git.commitAll(worktree.path(), "add " + file, CommitIdentity.DEFAULT).orElseThrow();
    }

    @Test
    void carriesOnlyTheWorkstreamsCommitsToAnotherAgent() throws Exception {
        commit("a.txt", "a\n");
        String tip = commit("b.txt", "b\n");

        BranchBundle.Export export = bundles.export(agentA.gitDir(), "chat/api", base, tmp.resolve("api.bundle"));
        String imported = bundles.importBranch(agentB.gitDir(), export, false);

        assertThat(export.commits()).isEqualTo(2);
        assertThat(export.head()).isEqualTo(tip);
        assertThat(imported).isEqualTo(tip);
        assertThat(git.log(agentB.gitDir(), base + "..chat/api", 0)).extracting(c -> c.subject())
                .containsExactly("add b.txt", "add a.txt");
        assertThat(git.output(agentB.gitDir(), "show", "chat/api:b.txt")).isEqualTo("b");
        assertThat(git.output(agentB.gitDir(), "bundle", "list-heads", export.file().toString()))
                .isEqualTo(tip + " refs/heads/chat/api");
    }

    @Test
    void aBranchWithoutCommitsTravelsWithoutAFile() {
        BranchBundle.Export export = bundles.export(agentA.gitDir(), "chat/api", base, tmp.resolve("api.bundle"));

        assertThat(export.file()).isNull();
        assertThat(export.commits()).isZero();
        assertThat(tmp.resolve("api.bundle")).doesNotExist();
        assertThat(bundles.importBranch(agentB.gitDir(), export, false)).isEqualTo(base);
        assertThat(git.revParse(agentB.gitDir(), "refs/heads/chat/api")).isEqualTo(base);
    }

    @Test
    void aSecondImportFastForwardsAndARepeatedOneChangesNothing() throws Exception {
        commit("a.txt", "a\n");
        bundles.importBranch(agentB.gitDir(), bundles.export(agentA.gitDir(), "chat/api", base,
                tmp.resolve("1.bundle")), false);
        String tip = commit("b.txt", "b\n");
        BranchBundle.Export second = bundles.export(agentA.gitDir(), "chat/api", base, tmp.resolve("2.bundle"));

        assertThat(bundles.importBranch(agentB.gitDir(), second, false)).isEqualTo(tip);
        assertThat(bundles.importBranch(agentB.gitDir(), second, false)).isEqualTo(tip);
    }

    @Test
    void refusesToOverwriteCommitsTheBundleLacksUnlessForced() throws Exception {
        String tip = commit("a.txt", "a\n");
        BranchBundle.Export export = bundles.export(agentA.gitDir(), "chat/api", base, tmp.resolve("api.bundle"));
        git.createBranch(agentB.gitDir(), "chat/api", base, false);
        Path other = tmp.resolve("b-ws");
        git.worktreeAddExistingBranch(agentB.gitDir(), other, "chat/api", true);
        Files.writeString(other.resolve("other.txt"), "diverged\n");
        git.commitAll(other, "diverged on b", CommitIdentity.DEFAULT);
        git.worktreeRemove(agentB.gitDir(), other, false);

        assertThatThrownBy(() -> bundles.importBranch(agentB.gitDir(), export, false))
                .isInstanceOf(GitException.class).hasMessageContaining("refusing to overwrite");
        assertThat(bundles.importBranch(agentB.gitDir(), export, true)).isEqualTo(tip);
    }

    @Test
    void explainsABundleWhoseBaseTheTargetLacks() throws Exception {
        commit("a.txt", "a\n");
        BranchBundle.Export export = bundles.export(agentA.gitDir(), "chat/api", base, tmp.resolve("api.bundle"));
        TempRepo unrelated = TempRepo.initWithFiles(tmp.resolve("unrelated"), files("x", "y"));

        assertThatThrownBy(() -> bundles.importBranch(unrelated.dir(), export, false))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("needs the base " + base)
                .hasMessageContaining("prerequisite");
    }
}
