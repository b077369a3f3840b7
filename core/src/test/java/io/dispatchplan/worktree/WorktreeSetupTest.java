package io.dispatchplan.worktree;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.CommitInfo;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeSetupTest {

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final ProcessRunner runner = new ProcessRunner();
    private final WorktreeSetup setup = new WorktreeSetup(runner);
    private TempRepo source;
    private Worktree worktree;

    @BeforeEach
    void setUp() {
        // The user's checkout: tracked files plus untracked ones git never carries to a worktree.
        source = TempRepo.initWithFiles(tmp.resolve("checkout"), files(
                ".gitignore", ".env\n*.local\nnode_modules/\n",
                "config/app.local.example", "tracked example\n",
                "README.md", "tracked readme\n"));
        source.write(".env", "API_URL=http://localhost\nPORT=3000\n")
                .write("config/app.local", "local config\n")
                .write("node_modules/lib/index.js", "module\n")
                .write("node_modules/.cache/big.bin", "cache\n")
                .write("README.md", "readme edited in the checkout, not committed\n")
                .write("notes.txt", "untracked but not listed\n");
        worktree = new WorktreeManager(git).prepare(
                WorktreeRequest.of(source.dir(), tmp.resolve("ws"), "chat", "api", source.head()));
    }

    @Test
    void copiesListedAndWorktreeIncludeFilesButNeverOverwritesTrackedOnes() throws Exception {
        source.write(".worktreeinclude", "# what a worktree needs\n*.local\nnode_modules/\n!node_modules/.cache/\n"
                + "README.md\n");

        SetupResult result = setup.apply(worktree.path(), SetupOptions.none().withSource(source.dir(), ".env"),
                Map.of());

        Path wt = worktree.path();
        assertThat(result.copiedFiles()).containsExactlyInAnyOrder(".env", "config/app.local",
                "node_modules/lib/index.js");
        assertThat(wt.resolve(".env")).hasContent("API_URL=http://localhost\nPORT=3000");
        assertThat(wt.resolve("node_modules/.cache/big.bin")).doesNotExist();
        assertThat(wt.resolve("notes.txt")).doesNotExist();
        assertThat(wt.resolve("README.md")).hasContent("tracked readme");
        assertThat(git.hasUncommittedChanges(wt)).isFalse();
    }

    @Test
    void doesNotCopyOtherWorktreesLivingInsideTheSource() throws Exception {
        Path nested = new WorktreeManager(git).prepare(
                WorktreeRequest.of(source.dir(), source.dir().resolve("wt"), "chat", "ui", source.head())).path();
        Files.writeString(nested.resolve(".env"), "nested\n");

        SetupResult result = setup.apply(worktree.path(), SetupOptions.none().withSource(source.dir(), ".env"),
                Map.of());

        assertThat(result.copiedFiles()).containsExactly(".env");
        assertThat(worktree.path().resolve("wt")).doesNotExist();
    }

    @Test
    void givesEachWorkstreamItsOwnPortInTheEnvironmentAndTheEnvFile() throws Exception {
        SetupOptions options = SetupOptions.none().withSource(source.dir(), ".env")
                .withPorts(new PortBlock(4000, 10, 3));

        SetupResult result = setup.apply(worktree.path(), options, Map.of());

        assertThat(result.port()).isEqualTo(4030);
        assertThat(result.environment()).containsEntry("PORT", "4030");
        assertThat(worktree.path().resolve(".env")).hasContent("API_URL=http://localhost\nPORT=4030");
    }

    @Test
    void rewritesOrAppendsPortLinesAndLeavesAMissingEnvFileAlone() throws Exception {
        PortBlock block = new PortBlock(5000, 5, 2);
        Path exported = Files.writeString(tmp.resolve("exported.env"), "export PORT=1\nPORT_X=2\n  PORT = 3\n");
        Path without = Files.writeString(tmp.resolve("without.env"), "A=1");

        assertThat(block.writeTo(exported)).isTrue();
        assertThat(block.writeTo(without)).isTrue();
        assertThat(block.writeTo(tmp.resolve("missing.env"))).isFalse();

        assertThat(exported).hasContent("export PORT=5010\nPORT_X=2\n  PORT=5010");
        assertThat(without).hasContent("A=1\nPORT=5010");
        assertThat(tmp.resolve("missing.env")).doesNotExist();
        assertThat(block.lastPort()).isEqualTo(5014);
    }

    @Test
    void refusesAPortBlockPastTheLastPort() {
        assertThatThrownBy(() -> new PortBlock(65000, 100, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past 65535");
        assertThatThrownBy(() -> new PortBlock(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsTheSetupCommandInTheWorktreeWithPortIdentityAndCallerVariables() throws Exception {
        SetupOptions options = SetupOptions.none().withPorts(new PortBlock(4000, 10, 1))
                .withCommand(SetupCommand.shell("echo \"$PORT $WORKSTREAM_ID $GIT_AUTHOR_NAME\" > setup.out; pwd"),
                        Duration.ofMinutes(1));

        SetupResult result = setup.apply(worktree.path(), options, Map.of("WORKSTREAM_ID", "api"));

        assertThat(worktree.path().resolve("setup.out")).hasContent("4010 api dispatch-plan");
        assertThat(Path.of(result.command().stdout().strip()).toRealPath()).isEqualTo(worktree.path().toRealPath());
    }

    @Test
    void runsAnArgvSetupCommandWithoutAShell() throws Exception {
        SetupOptions options = SetupOptions.none()
                .withCommand(SetupCommand.argv("touch", "$(not expanded)"), Duration.ofMinutes(1));

        setup.apply(worktree.path(), options, Map.of());

        assertThat(worktree.path().resolve("$(not expanded)")).exists();
    }

    @Test
    void aFailingSetupCommandReportsItsExitCodeAndOutput() {
        SetupOptions options = SetupOptions.none()
                .withCommand(SetupCommand.shell("echo installing; echo 'npm ERR! missing' >&2; exit 7"),
                        Duration.ofMinutes(1));

        assertThatThrownBy(() -> setup.apply(worktree.path(), options, Map.of()))
                .isInstanceOfSatisfying(WorktreeSetupException.class,
                        e -> assertThat(e.result().exitCode()).isEqualTo(7))
                .hasMessageContaining("failed with exit code 7")
                .hasMessageContaining("npm ERR! missing");
    }

    @Test
    void aWorkerWithAFreshHomeCommitsAsTheConfiguredIdentity() throws Exception {
        CommitIdentity identity = new CommitIdentity("Nightly Bot", "bot@example.invalid");
        SetupResult result = setup.apply(worktree.path(), SetupOptions.none().withIdentity(identity), Map.of());
        Files.writeString(worktree.path().resolve("work.txt"), "done\n");

        // What a worker does: plain git, no -c, only the environment it was given (HOME has no config).
        ProcessSpec add = ProcessSpec.of("git", "add", "work.txt").in(worktree.path()).env(TestGit.environment());
        ProcessSpec commit = ProcessSpec.of("git", "commit", "-q", "-m", "worker commit").in(worktree.path())
                .env(TestGit.environment()).env(result.environment());
        assertThat(runner.run(add).succeeded()).isTrue();
        ProcessResult committed = runner.run(commit);

        assertThat(committed.exitCode()).as(committed.stderr()).isZero();
        CommitInfo info = git.log(worktree.path(), "-1", 0).get(0);
        assertThat(info.authorName()).isEqualTo("Nightly Bot");
        assertThat(info.authorEmail()).isEqualTo("bot@example.invalid");
    }
}
