package io.dispatchplan.worker;

import java.time.Duration;

/** Hears about retries, e.g. to say so in a build log. The engine never prints. */
public interface WorkerListener {

    WorkerListener NONE = new WorkerListener() { };

    /** Attempt {@code failed.attempts()} failed with a retryable cause; the next starts after {@code delay}. */
    default void retrying(WorkerRequest request, WorkerOutcome failed, int nextAttempt, Duration delay) {
    }
}
