package io.jenkins.plugins.dispatchplan.config;

import java.io.Serializable;

/**
 * Settings a run falls back to when its Jenkinsfile does not give them; the global configuration holds
 * one of these. Plain fields so XStream stores it in the configuration file as is.
 */
public final class RunDefaults implements Serializable {
    private static final long serialVersionUID = 1L;

    static final int DEFAULT_MAX_PARALLEL = 4;
    static final int DEFAULT_TIMEOUT_MINUTES = 120;
    static final int MAX_PARALLEL_LIMIT = 256;
    public static final int DEFAULT_IDLE_TIMEOUT_MINUTES = 15;
    public static final int DEFAULT_RATE_LIMIT_QUIET_SECONDS = 60;
    static final int MAX_RATE_LIMIT_QUIET_SECONDS = 3600;

    String label;
    int maxParallel = DEFAULT_MAX_PARALLEL;
    int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    String credentialsId;
    WorkerConfig worker = new ClaudeWorker();
    boolean keepWorktrees;
    /** Null (as in a configuration saved before the option existed) means the default, 15. */
    Integer idleTimeoutMinutes;
    /** The run cap in USD; 0 (also what a configuration from before the option reads as) for none. */
    double maxTotalBudgetUsd;
    /** Null (as in a configuration saved before the option existed) means the default, 60. */
    Integer rateLimitQuietSeconds;

    RunDefaults copy() {
        RunDefaults c = new RunDefaults();
        c.label = label;
        c.maxParallel = maxParallel;
        c.timeoutMinutes = timeoutMinutes;
        c.credentialsId = credentialsId;
        c.worker = worker;
        c.keepWorktrees = keepWorktrees;
        c.idleTimeoutMinutes = idleTimeoutMinutes;
        c.maxTotalBudgetUsd = maxTotalBudgetUsd;
        c.rateLimitQuietSeconds = rateLimitQuietSeconds;
        return c;
    }

    public String getLabel() {
        return label;
    }

    public int getMaxParallel() {
        return maxParallel;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public WorkerConfig getWorker() {
        return worker;
    }

    public boolean isKeepWorktrees() {
        return keepWorktrees;
    }

    /** Minutes a worker may print nothing before it is stopped; 0 for no limit. */
    public int getIdleTimeoutMinutes() {
        return idleTimeoutMinutes == null ? DEFAULT_IDLE_TIMEOUT_MINUTES : idleTimeoutMinutes;
    }

    /** The whole run's spending cap in USD; 0 for none. */
    public double getMaxTotalBudgetUsd() {
        return maxTotalBudgetUsd;
    }

    /** Seconds without a rate limit before a run starts one more worker at once again. */
    public int getRateLimitQuietSeconds() {
        return rateLimitQuietSeconds == null ? DEFAULT_RATE_LIMIT_QUIET_SECONDS : rateLimitQuietSeconds;
    }

    static String budgetProblem(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            return "maxTotalBudgetUsd must be a positive number of dollars (0 for no cap), not " + value;
        }
        return null;
    }

    public static double checkBudget(double value) {
        return valid(value, budgetProblem(value));
    }

    static String quietProblem(int value) {
        if (value < 1 || value > MAX_RATE_LIMIT_QUIET_SECONDS) {
            return "rateLimitQuietSeconds must be between 1 and " + MAX_RATE_LIMIT_QUIET_SECONDS + " (seconds without a"
                    + " rate limit before one more worker starts at once), not " + value;
        }
        return null;
    }

    public static int checkQuiet(int value) {
        return valid(value, quietProblem(value));
    }

    static String idleTimeoutProblem(int value) {
        if (value < 0) {
            return "idleTimeoutMinutes must be 0 (no limit) or a number of minutes, not " + value;
        }
        return null;
    }

    public static int checkIdleTimeout(int value) {
        return valid(value, idleTimeoutProblem(value));
    }

    static String maxParallelProblem(int value) {
        if (value < 1 || value > MAX_PARALLEL_LIMIT) {
            return "maxParallel must be between 1 and " + MAX_PARALLEL_LIMIT + " (workers running at once), not " + value;
        }
        return null;
    }

    public static int checkMaxParallel(int value) {
        return valid(value, maxParallelProblem(value));
    }

    static String timeoutProblem(int value) {
        if (value < 0) {
            return "timeoutMinutes must be 0 (no timeout) or a number of minutes, not " + value;
        }
        return null;
    }

    public static int checkTimeout(int value) {
        return valid(value, timeoutProblem(value));
    }

    /** {@code value}, or the problem with it as an exception a Jenkinsfile's author reads. */
    private static <T> T valid(T value, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }
}
