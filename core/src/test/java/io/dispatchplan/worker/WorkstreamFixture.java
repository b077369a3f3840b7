package io.dispatchplan.worker;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.testsupport.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Writes the files into the worktree and commits them on its branch, as a repository would bring them. */
    void commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = worktree.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commitOnly(message, files.keySet().toArray(String[]::new));
    }

    /** Commits a symbolic link {@code name -> target} in the worktree. */
    void commitSymlink(String name, Path target) {
        try {
            Files.createSymbolicLink(worktree.resolve(name), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commitOnly("link " + name, name);
    }

    private void commitOnly(String message, String... paths) {
        List<String> add = new ArrayList<>(List.of("add", "--"));
        add.addAll(List.of(paths));
        repo.gitCli().output(worktree, add.toArray(String[]::new));
        repo.gitCli().output(worktree, "-c", "user.name=" + IDENTITY.name(), "-c", "user.email=" + IDENTITY.email(),
                "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message);
    }

    String read(String file) {
        try {
            return Files.readString(worktree.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
