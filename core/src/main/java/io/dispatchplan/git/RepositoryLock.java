package io.dispatchplan.git;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one repository, held across threads of this JVM and across processes on this
 * machine: a JVM-wide lock first (the OS grants file locks per process, not per thread), then an OS file
 * lock on {@code <git dir>/dispatch-plan.lock}. The OS drops a file lock when its process dies, so a
 * crashed build never leaves a stale lock behind. Re-entrant for the thread holding it.
 */
public final class RepositoryLock implements AutoCloseable {

    public static final String LOCK_FILE_NAME = "dispatch-plan.lock";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private static final ConcurrentHashMap<Path, Held> HELD = new ConcurrentHashMap<>();

    /** The JVM-wide lock of one lock file and, while some thread holds it, the OS lock. */
    private static final class Held {
        final ReentrantLock jvmLock = new ReentrantLock();
        FileChannel channel;
        FileLock fileLock;
    }

    private final Held held;
    private boolean closed;

    private RepositoryLock(Held held) {
        this.held = held;
    }

    /** Locks the repository whose (common) git directory is {@code gitDir}. */
    public static RepositoryLock forGitDir(Path gitDir, Duration timeout) {
        return acquire(gitDir.resolve(LOCK_FILE_NAME), timeout);
    }

    /**
     * Waits up to {@code timeout} for the lock on {@code lockFile} (created if missing).
     *
     * @throws GitException when another holder keeps it longer than that
     */
    public static RepositoryLock acquire(Path lockFile, Duration timeout) {
        Path key = canonical(lockFile);
        Held held = HELD.computeIfAbsent(key, k -> new Held());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!held.jvmLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(key, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while waiting for the lock " + key);
        }
        if (held.jvmLock.getHoldCount() > 1) {
            return new RepositoryLock(held);
        }
        try {
            lockFile(held, key, deadline, timeout);
            return new RepositoryLock(held);
        } catch (RuntimeException e) {
            held.jvmLock.unlock();
            throw e;
        }
    }

    private static void lockFile(Held held, Path key, long deadline, Duration timeout) {
        try {
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long pause = 10;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    held.channel = channel;
                    held.fileLock = lock;
                    return;
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw busy(key, timeout);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    channel.close();
                    Thread.currentThread().interrupt();
                    throw new GitException("interrupted while waiting for the lock " + key);
                }
                pause = Math.min(pause * 2, 200);
            }
        } catch (IOException e) {
            throw new GitException("cannot lock " + key + ": " + e.getMessage()
                    + ". Check that the directory is writable by this user");
        }
    }

    private static GitException busy(Path key, Duration timeout) {
        return new GitException("waited " + timeout.toMinutes() + " min for the lock " + key
                + ", which another build or process on this machine still holds");
    }

    private static Path canonical(Path lockFile) {
        try {
            Path parent = lockFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return parent.toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new GitException("cannot create the directory for the lock " + lockFile + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (held.jvmLock.getHoldCount() == 1) {
                try {
                    held.fileLock.release();
                    held.channel.close();
                } catch (IOException e) {
                    // Closing the channel releases the lock in any case.
                } finally {
                    held.fileLock = null;
                    held.channel = null;
                }
            }
        } finally {
            held.jvmLock.unlock();
        }
    }
}
