package io.dispatchplan.run;

/** What a running workstream's worker tells the run's schedule as it goes. Calls come from the workers' threads. */
interface ScheduleSignals {

    /** The worker met a rate limit or an overload ({@code rate_limit}, {@code overloaded}, {@code HTTP 429}). */
    void rateLimited(String id, String cause);

    /** The workstream has spent {@code totalUsd} in this run so far (after an attempt that will be retried). */
    void spent(String id, double totalUsd);
}
