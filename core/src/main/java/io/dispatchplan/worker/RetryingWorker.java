package io.dispatchplan.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs a worker again while its outcome is {@link WorkerOutcome#retryable() retryable} and the policy allows,
 * with exponential backoff. Each attempt writes its own stdout/stderr logs ({@link WorkerLogs#forAttempt});
 * worker-result.json ends up describing the last attempt with the totals of all.
 */
public final class RetryingWorker implements Worker {

    private final Worker delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final WorkerListener listener;

    public RetryingWorker(Worker delegate, RetryPolicy policy) {
        this(delegate, policy, Sleeper.REAL, WorkerListener.NONE);
    }

    public RetryingWorker(Worker delegate, RetryPolicy policy, Sleeper sleeper, WorkerListener listener) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? WorkerListener.NONE : listener;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public Double budgetCapUsd() {
        return delegate.budgetCapUsd();
    }

    @Override
    public WorkerOutcome run(WorkerRequest request) {
        return run(request, WorkerListener.NONE);
    }

    @Override
    public WorkerOutcome run(WorkerRequest request, WorkerListener runListener) {
        WorkerListener listener = this.listener.and(runListener);
        long start = System.nanoTime();
        Double cost = null;
        WorkerOutcome outcome = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Duration delay = policy.delayBefore(attempt);
                listener.retrying(request, outcome, attempt, delay);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            outcome = delegate.run(request.withLogs(request.logs().forAttempt(attempt)), listener);
            cost = add(cost, outcome.costUsd());
            outcome = outcome.afterAttempts(attempt, Duration.ofNanos(System.nanoTime() - start), cost);
            if (!outcome.retryable()) {
                break;
            }
        }
        if (outcome.attempts() > 1) {
            WorkerResultFile.write(outcome);
        }
        return outcome;
    }

    private static Double add(Double total, Double more) {
        if (more == null) {
            return total;
        }
        return total == null ? more : total + more;
    }
}
