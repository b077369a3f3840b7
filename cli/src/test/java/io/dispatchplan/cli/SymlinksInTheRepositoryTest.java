package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own handling of repository content: a committed link is named, never followed. */
class SymlinksInTheRepositoryTest {
    static final String SECRET = "CANARY-SECRET-91c2";

    @TempDir
    Path dir;
    TempRepo repo;
    Path home;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n",
                "plans/plan.yaml", "feature: demo\nworkstreams: [{id: api}]\n"));
    }

    @Test
    void aPlanFileBelowACommittedDirectoryLinkIsRefusedWithExitTwo() throws Exception {
        Path specs = Files.createDirectories(home.resolve("specs"));
        Files.writeString(specs.resolve("plan.yaml"), "feature: " + SECRET.toLowerCase() + "\nworkstreams: [{id: a}]\n");
        Files.createSymbolicLink(repo.dir().resolve("specs"), specs);
        repo.commit("specs link");

        CommandRun run = CommandRun.of("run", repo.dir().resolve("specs/plan.yaml").toString(), "--repo",
                repo.dir().toString(), "--worker-command", "true", "--retries", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(repo.dir().resolve("specs") + " is a symbolic link").doesNotContain(SECRET)
                .doesNotContain("\tat ");
        assertThat(repo.dir().resolve(".dispatch-plan")).doesNotExist();
    }

    @Test
    void aPlanFileThatIsALinkIsRefusedWithExitTwo() throws Exception {
        Files.writeString(home.resolve("secret.yaml"), "feature: " + SECRET.toLowerCase() + "\nworkstreams: [{id: a}]\n");
        Files.createSymbolicLink(repo.dir().resolve("plan.yaml"), home.resolve("secret.yaml"));

        CommandRun run = CommandRun.of("plan", repo.dir().resolve("plan.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("symbolic link").doesNotContain(SECRET);
        assertThat(run.out()).doesNotContain(SECRET.toLowerCase());
    }

    @Test
    void aCommittedDispatchPlanLinkStopsTheRunWithExitTwoBeforeWritingAnything() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createSymbolicLink(repo.dir().resolve(".dispatch-plan"), elsewhere);
        repo.commit(".dispatch-plan link");

        CommandRun run = CommandRun.of("run", repo.dir().resolve("plans/plan.yaml").toString(), "--repo",
                repo.dir().toString(), "--worker-command", "echo done > RESULTS.md", "--retries", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(repo.dir().resolve(".dispatch-plan") + " is a symbolic link")
                .contains("Replace it with a real directory").doesNotContain("\tat ");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aWorktreeincludeLinkInTheRepositoryFailsItsWorkstreamNamingIt() throws Exception {
        Files.writeString(home.resolve("include"), "*\n");
        Files.createSymbolicLink(repo.dir().resolve(".worktreeinclude"), home.resolve("include"));

        CommandRun run = CommandRun.of("run", repo.dir().resolve("plans/plan.yaml").toString(), "--repo",
                repo.dir().toString(), "--worker-command", "echo done > RESULTS.md", "--retries", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains(repo.dir().resolve(".worktreeinclude") + " is a symbolic link");
    }
}
