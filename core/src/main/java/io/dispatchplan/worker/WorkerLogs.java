package io.dispatchplan.worker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a worker run leaves its traces: captured stdout and stderr, {@code worker-result.json}, and for Claude Code
 * the raw event stream ({@code worker.events.jsonl}: every event as the CLI printed it, one JSON object a line; its
 * stdout log then holds the readable progress lines). Keep them outside the worktree, or a WIP commit would sweep
 * them up.
 */
public record WorkerLogs(Path stdout, Path stderr, Path resultJson, Path events) {

    public static final String EVENTS_FILE = "worker.events.jsonl";

    public WorkerLogs {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(resultJson, "resultJson");
        events = events == null ? stdout.resolveSibling(EVENTS_FILE) : events;
    }

    /** The logs with the events file beside stdout. */
    public WorkerLogs(Path stdout, Path stderr, Path resultJson) {
        this(stdout, stderr, resultJson, null);
    }

    /**
     * {@code worker.stdout.log}, {@code worker.stderr.log}, {@code worker-result.json} and
     * {@code worker.events.jsonl} in {@code dir}.
     */
    public static WorkerLogs in(Path dir) {
        return new WorkerLogs(dir.resolve("worker.stdout.log"), dir.resolve("worker.stderr.log"),
                dir.resolve("worker-result.json"), dir.resolve(EVENTS_FILE));
    }

    /** The logs of a retry: attempt 1 keeps these names, attempt n writes {@code worker.stdout.n.log}. */
    public WorkerLogs forAttempt(int attempt) {
        if (attempt <= 1) {
            return this;
        }
        return new WorkerLogs(numbered(stdout, attempt), numbered(stderr, attempt), resultJson,
                numbered(events, attempt));
    }

    private static Path numbered(Path file, int attempt) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numberedName = dot <= 0 ? name + "." + attempt
                : name.substring(0, dot) + "." + attempt + name.substring(dot);
        return file.resolveSibling(numberedName);
    }
}
