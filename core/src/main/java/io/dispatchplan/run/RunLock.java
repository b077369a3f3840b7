package io.dispatchplan.run;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RepositoryLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One run of a feature in a repository at a time: two would run workers in the same worktrees. An OS file lock in
 * the repository's git directory ({@code dispatch-plan/runs/<feature>.lock}), so it is released whenever the
 * holding process ends, a crash or a kill included: a lock is never left stale. Beside it, who holds it.
 */
final class RunLock implements AutoCloseable {
    private final RepositoryLock lock;
    private final Path owner;

    private RunLock(RepositoryLock lock, Path owner) {
        this.lock = lock;
        this.owner = owner;
    }

    /** Takes the lock at once, or says who holds it. */
    static RunLock acquire(GitCli git, Path repository, String feature) throws RunException {
        Path dir = git.commonDir(repository).resolve("dispatch-plan").resolve("runs");
        Path file = dir.resolve(feature + ".lock");
        Path owner = dir.resolve(feature + ".lock.owner");
        RepositoryLock lock;
        try {
            lock = RepositoryLock.acquire(file, Duration.ZERO);
        } catch (GitException e) {
            throw new RunException("another run of '" + feature + "' in " + repository + " is under way ("
                    + holder(owner) + "). Two runs would work in the same worktrees: wait for it to end, or stop it"
                    + " first");
        }
        try {
            Files.writeString(owner, "pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Only the message for a second run would lack the holder; the lock itself is held.
        }
        return new RunLock(lock, owner);
    }

    private static String holder(Path owner) {
        try {
            return Files.readString(owner, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(owner);
        } catch (IOException e) {
            // the next holder overwrites it
        }
        lock.close();
    }
}
