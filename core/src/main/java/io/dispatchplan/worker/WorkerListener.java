package io.dispatchplan.worker;

import java.time.Duration;

/**
 * Hears what a running worker does and about retries, e.g. to show it on a progress display or in a build log. The
 * engine never prints. Calls come from the threads that read the worker's output.
 */
public interface WorkerListener {

    WorkerListener NONE = new WorkerListener() { };

    /** Attempt {@code failed.attempts()} failed with a retryable cause; the next starts after {@code delay}. */
    default void retrying(WorkerRequest request, WorkerOutcome failed, int nextAttempt, Duration delay) {
    }

    /** The worker did something worth a line (Claude Code: its session start, a tool use, a retry, its result). */
    default void activity(WorkerRequest request, WorkerActivity activity) {
    }

    /**
     * The worker met a rate limit or an overload ({@code cause}: {@code rate_limit}, {@code overloaded} from Claude
     * Code's API retries, {@code HTTP 429} from a result), as it happened; the run's governor starts fewer at once.
     */
    default void rateLimited(WorkerRequest request, String cause) {
    }

    /** Both, in this order. */
    default WorkerListener and(WorkerListener other) {
        if (other == null || other == NONE) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        WorkerListener first = this;
        return new WorkerListener() {
            @Override
            public void retrying(WorkerRequest request, WorkerOutcome failed, int nextAttempt, Duration delay) {
                first.retrying(request, failed, nextAttempt, delay);
                other.retrying(request, failed, nextAttempt, delay);
            }

            @Override
            public void activity(WorkerRequest request, WorkerActivity activity) {
                first.activity(request, activity);
                other.activity(request, activity);
            }

            @Override
            public void rateLimited(WorkerRequest request, String cause) {
                first.rateLimited(request, cause);
                other.rateLimited(request, cause);
            }
        };
    }
}
