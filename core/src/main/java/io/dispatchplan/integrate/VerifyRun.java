package io.dispatchplan.integrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the verify command on one commit of the integration branch.
 *
 * @param number 1 for the first run, then 2, 3...
 * @param commit the commit it ran on (the integration worktree's HEAD)
 * @param tested what that commit holds, for a human: "every merge", "the base alone", "a, b without c"...
 * @param merged the workstreams merged in that commit, in merge order
 * @param passed whether it exited 0 within its timeout
 * @param exitCode its exit code; -1 when it could not start
 * @param timedOut whether it was killed at its timeout
 * @param duration how long it ran
 * @param logFile its stdout and stderr, interleaved
 * @param outputTail the last lines of its output
 */
public record VerifyRun(int number, String commit, String tested, List<String> merged, boolean passed, int exitCode,
        boolean timedOut, Duration duration, Path logFile, String outputTail) {

    public VerifyRun {
        Objects.requireNonNull(commit, "commit");
        merged = merged == null ? List.of() : List.copyOf(merged);
        duration = duration == null ? Duration.ZERO : duration;
        outputTail = outputTail == null ? "" : outputTail;
    }

    /** This run as the integration's verify result. */
    public VerifyResult asResult() {
        return new VerifyResult(true, passed, exitCode, timedOut, logFile, duration);
    }
}
