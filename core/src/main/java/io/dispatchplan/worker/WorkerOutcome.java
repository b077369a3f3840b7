package io.dispatchplan.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a worker run went.
 *
 * @param worker the worker's kind ({@code claude}, {@code command})
 * @param status the verdict
 * @param exitCode the last attempt's exit code; -1 when no process ran or none reported one
 * @param reason one line a user can act on; for {@link Status#SUCCEEDED} a short summary
 * @param retryable whether running it again may help (an overload, a lost process); never for limits
 * @param attempts how many attempts ran (retries included)
 * @param duration wall-clock time of all attempts, waits between them included
 * @param costUsd what Claude reported spending, summed over attempts; null for a command worker
 * @param turns Claude's turns in the last attempt; null when unknown
 * @param sessionId the Claude session id; null for a command worker
 * @param resultsWritten whether RESULTS.md exists after the run
 * @param logs where stdout, stderr (of the last attempt) and worker-result.json are
 * @param claude the last attempt's parsed Claude result; null for a command worker or when none ran
 */
public record WorkerOutcome(
        String worker,
        Status status,
        int exitCode,
        String reason,
        boolean retryable,
        int attempts,
        Duration duration,
        Double costUsd,
        Integer turns,
        String sessionId,
        boolean resultsWritten,
        WorkerLogs logs,
        ClaudeResult claude) {

    /** The verdict on a worker run. */
    public enum Status {
        /** The worker finished well and wrote RESULTS.md. */
        SUCCEEDED,
        /** The worker finished well by its own account but wrote no RESULTS.md: the stage is unstable. */
        NO_RESULTS,
        /** The worker failed (non-zero exit, an error result, a limit reached). */
        FAILED,
        /** The attempt ran past its timeout and its process tree was killed. */
        TIMED_OUT,
        /** The run was interrupted (a build aborted); its process tree was killed. */
        ABORTED,
        /** The worker's program could not be started (not installed, bad path). */
        NOT_STARTED
    }

    public WorkerOutcome {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        duration = duration == null ? Duration.ZERO : duration;
        attempts = Math.max(attempts, 1);
    }

    /** The worker did its job (RESULTS.md may still be missing: see {@link #resultsWritten()}). */
    public boolean succeeded() {
        return status == Status.SUCCEEDED || status == Status.NO_RESULTS;
    }

    public Path stdoutFile() {
        return logs == null ? null : logs.stdout();
    }

    public Path stderrFile() {
        return logs == null ? null : logs.stderr();
    }

    public Path resultFile() {
        return logs == null ? null : logs.resultJson();
    }

    /** This outcome after {@code attempts} attempts that took {@code total} and cost {@code totalCost}. */
    public WorkerOutcome afterAttempts(int newAttempts, Duration total, Double totalCost) {
        return new WorkerOutcome(worker, status, exitCode, reason, retryable, newAttempts, total, totalCost, turns,
                sessionId, resultsWritten, logs, claude);
    }
}
