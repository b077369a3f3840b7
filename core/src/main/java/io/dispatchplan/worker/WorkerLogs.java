package io.dispatchplan.worker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a worker run leaves its traces: captured stdout and stderr, and {@code worker-result.json}.
 * Keep them outside the worktree, or a WIP commit would sweep them up.
 */
public record WorkerLogs(Path stdout, Path stderr, Path resultJson) {

    public WorkerLogs {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(resultJson, "resultJson");
    }

    /** {@code worker.stdout.log}, {@code worker.stderr.log} and {@code worker-result.json} in {@code dir}. */
    public static WorkerLogs in(Path dir) {
        return new WorkerLogs(dir.resolve("worker.stdout.log"), dir.resolve("worker.stderr.log"),
                dir.resolve("worker-result.json"));
    }

    /** The logs of a retry: attempt 1 keeps these names, attempt n writes {@code worker.stdout.n.log}. */
    public WorkerLogs forAttempt(int attempt) {
        if (attempt <= 1) {
            return this;
        }
        return new WorkerLogs(numbered(stdout, attempt), numbered(stderr, attempt), resultJson);
    }

    private static Path numbered(Path file, int attempt) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numberedName = dot <= 0 ? name + "." + attempt
                : name.substring(0, dot) + "." + attempt + name.substring(dot);
        return file.resolveSibling(numberedName);
    }
}
