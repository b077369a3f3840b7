package io.dispatchplan.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A second process for lock tests. {@code rounds <lockFile> <log> <n>}: n times take the lock, append
 * "enter ID" and "exit ID" to the log with a pause between. {@code hold <lockFile> <readyFile>}: take the
 * lock, create the ready file, then hold it until killed.
 */
public final class LockProbeMain {

    public static void main(String[] args) throws Exception {
        Path lockFile = Path.of(args[1]);
        if (args[0].equals("rounds")) {
            rounds(lockFile, Path.of(args[2]), Integer.parseInt(args[3]), "pid" + ProcessHandle.current().pid());
        } else {
            try (RepositoryLock lock = RepositoryLock.acquire(lockFile, Duration.ofMinutes(1))) {
                Files.writeString(Path.of(args[2]), "held");
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            }
        }
    }

    static void rounds(Path lockFile, Path log, int n, String id) throws IOException, InterruptedException {
        for (int i = 0; i < n; i++) {
            try (RepositoryLock lock = RepositoryLock.acquire(lockFile, Duration.ofMinutes(1))) {
                append(log, "enter " + id);
                Thread.sleep(15);
                append(log, "exit " + id);
            }
        }
    }

    private static void append(Path log, String line) throws IOException {
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
