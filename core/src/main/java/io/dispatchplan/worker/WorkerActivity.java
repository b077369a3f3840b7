package io.dispatchplan.worker;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a running worker did, as one readable line: Claude Code's session start, a tool use, a retry, its result.
 *
 * @param line the readable line, e.g. {@code turn 3: Bash: npm test}
 * @param turns the worker's turns so far; null when the worker does not count turns
 * @param at when it was seen
 */
public record WorkerActivity(String line, Integer turns, Instant at) {
    public WorkerActivity {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(at, "at");
    }
}
