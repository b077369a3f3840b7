package io.dispatchplan.worker;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.testsupport.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real repository with one workstream worktree ({@code feat/ws-a} at {@code <tmp>/wt/feat/ws-a}), its TASKS.md
 * and COORDINATION.md, an own HOME, and a request builder pointing at them.
 */
final class WorkstreamFixture {

    static final String FEATURE = "feat";
    static final String WORKSTREAM = "ws-a";
    static final String JOB = "folder/nightly-plan";
    static final CommitIdentity IDENTITY = new CommitIdentity("Worker Bot", "worker@dispatch-plan.invalid");

    final TempRepo repo;
    final Path worktree;
    final Path home;
    final Path stateDir;

    WorkstreamFixture(Path tmp) {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), TempRepo.files("greeting.txt", "hello\n"));
        worktree = tmp.resolve("wt").resolve(FEATURE).resolve(WORKSTREAM);
        repo.gitCli().worktreeAddNewBranch(repo.dir(), worktree, FEATURE + "/" + WORKSTREAM, "main", true);
        home = tmp.resolve("home");
        stateDir = tmp.resolve("state").resolve(WORKSTREAM);
        try {
            Files.createDirectories(home);
            Files.writeString(worktree.resolve("TASKS.md"), "# Tasks\n\n- [ ] change the greeting\n");
            Files.writeString(worktree.resolve("COORDINATION.md"), "# Coordination\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WorkerRequest.Builder request(Map<String, String> extraEnv) {
        return WorkerRequest.builder(FEATURE, WORKSTREAM, worktree)
                .job(JOB)
                .title("Workstream A: the greeting")
                .port(20100)
                .env("HOME", home.toString())
                .env(IDENTITY.environment())
                .env(extraEnv)
                .stateDir(stateDir);
    }

    String read(String file) {
        try {
            return Files.readString(worktree.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
