package io.dispatchplan.worker;

/**
 * Does one workstream's work in its worktree: Claude Code ({@link ClaudeWorker}) or any command
 * ({@link CommandWorker}). Implementations run the process through the one process runner, capture its output
 * to the request's log files, write {@code worker-result.json}, and report how it went; a failure the worker
 * or the user can cause is an outcome, never an exception.
 */
public interface Worker {

    /** The worker's kind as reports show it, e.g. {@code claude} or {@code command}. */
    String kind();

    WorkerOutcome run(WorkerRequest request);

    /**
     * Runs it, telling {@code listener} what the worker does as it goes ({@link WorkerListener#activity}) and about
     * retries. Workers that report nothing as they go just run.
     */
    default WorkerOutcome run(WorkerRequest request, WorkerListener listener) {
        return run(request);
    }

    /**
     * The most one run of this worker may spend, in USD, when the worker itself enforces it (Claude Code's
     * {@code --max-budget-usd}); null when it has no cap. The run budget reserves it before the worker starts.
     */
    default Double budgetCapUsd() {
        return null;
    }

    /**
     * What would make every run of this worker fail before it starts (its program cannot be found), said so that a
     * user can fix it; empty when it can run. Checked before a run creates any branch or worktree.
     */
    default java.util.Optional<String> preflightProblem() {
        return java.util.Optional.empty();
    }
}
