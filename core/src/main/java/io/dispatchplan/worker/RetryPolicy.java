package io.dispatchplan.worker;

import java.time.Duration;

/**
 * How often and how patiently to repeat a retryable failure: up to {@code maxAttempts} attempts, waiting
 * {@code initialDelay}, then twice as long each time, never more than {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        maxDelay = maxDelay == null ? initialDelay : maxDelay;
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays may not be negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
        }
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Three attempts, waiting 30 s then 60 s (capped at 5 min for longer policies). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** The wait before attempt {@code attempt} (2 is the first retry). */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        Duration delay = initialDelay;
        for (int i = 2; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
