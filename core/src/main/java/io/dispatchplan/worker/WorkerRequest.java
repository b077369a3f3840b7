package io.dispatchplan.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One run of a worker for one workstream.
 *
 * @param job the job the run belongs to (Jenkins full job name, or the CLI's repository); part of the session id
 * @param feature the plan's feature slug
 * @param workstreamId the workstream's id (a safe slug)
 * @param workstreamTitle the workstream's title (plan text: only ever passed as a variable's value)
 * @param worktree the worker's working directory
 * @param tasksFile TASKS.md for this workstream
 * @param coordinationFile the shared COORDINATION.md
 * @param resultsFile where the worker must write RESULTS.md
 * @param port the first port of the workstream's block, null when none was assigned
 * @param environment more variables for the worker (GIT_AUTHOR_*, GIT_COMMITTER_*, an API key); values are never
 *     logged or written to disk by the workers
 * @param timeout how long one attempt may run before its process tree is killed; null for no limit
 * @param logs where stdout, stderr and worker-result.json go
 * @param stateDir a directory of this workstream that outlives the worktree and is reused by the next run (the
 *     Claude worker keeps its {@code CLAUDE_CONFIG_DIR} there so a re-run can resume the session). The caller
 *     chooses it outside anything a repository controls: files there are loaded as the worker's own
 * @param idleTimeout an attempt that prints no event or output for this long has its process tree killed and fails,
 *     retryable; null for no limit
 * @param resultGrace how long Claude Code may go on running after printing its result before its tree is killed (it
 *     is then judged by that result); null for {@link #DEFAULT_RESULT_GRACE}
 */
public record WorkerRequest(
        String job,
        String feature,
        String workstreamId,
        String workstreamTitle,
        Path worktree,
        Path tasksFile,
        Path coordinationFile,
        Path resultsFile,
        Integer port,
        Map<String, String> environment,
        Duration timeout,
        WorkerLogs logs,
        Path stateDir,
        Duration idleTimeout,
        Duration resultGrace) {

    /** A CLI still alive this long after its result is stopped (a known hang of Claude Code). */
    public static final Duration DEFAULT_RESULT_GRACE = Duration.ofSeconds(60);

    public WorkerRequest {
        job = job == null ? "" : job;
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(workstreamId, "workstreamId");
        workstreamTitle = workstreamTitle == null || workstreamTitle.isBlank() ? workstreamId : workstreamTitle;
        worktree = Objects.requireNonNull(worktree, "worktree").toAbsolutePath().normalize();
        tasksFile = absolute(tasksFile, worktree, "TASKS.md");
        coordinationFile = absolute(coordinationFile, worktree, "COORDINATION.md");
        resultsFile = absolute(resultsFile, worktree, "RESULTS.md");
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        stateDir = Objects.requireNonNull(stateDir,
                "stateDir: choose a directory for the worker's state outside the repository").toAbsolutePath().normalize();
        if (stateDir.startsWith(worktree)) {
            throw new IllegalArgumentException("the worker's state directory " + stateDir + " lies inside the worktree "
                    + worktree + ", where the repository's files could stand in for it: give one outside");
        }
        logs = logs == null ? WorkerLogs.in(stateDir) : logs;
        for (Duration limit : new Duration[] {idleTimeout, resultGrace}) {
            if (limit != null && (limit.isZero() || limit.isNegative())) {
                throw new IllegalArgumentException("a watchdog limit must be positive, got " + limit);
            }
        }
        resultGrace = resultGrace == null ? DEFAULT_RESULT_GRACE : resultGrace;
    }

    /** A request with the standard files in {@code worktree}, no port, no timeout; give its state directory. */
    public static Builder builder(String feature, String workstreamId, Path worktree) {
        return new Builder(feature, workstreamId, worktree);
    }

    public WorkerRequest withLogs(WorkerLogs newLogs) {
        return new WorkerRequest(job, feature, workstreamId, workstreamTitle, worktree, tasksFile, coordinationFile,
                resultsFile, port, environment, timeout, newLogs, stateDir, idleTimeout, resultGrace);
    }

    public WorkerRequest withTimeout(Duration newTimeout) {
        return new WorkerRequest(job, feature, workstreamId, workstreamTitle, worktree, tasksFile, coordinationFile,
                resultsFile, port, environment, newTimeout, logs, stateDir, idleTimeout, resultGrace);
    }

    /** With another idle limit (null for none) and grace after the result (null for the default). */
    public WorkerRequest withWatchdog(Duration newIdleTimeout, Duration newResultGrace) {
        return new WorkerRequest(job, feature, workstreamId, workstreamTitle, worktree, tasksFile, coordinationFile,
                resultsFile, port, environment, timeout, logs, stateDir, newIdleTimeout, newResultGrace);
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "WorkerRequest[" + feature + "/" + workstreamId + " in " + worktree
                + (environment.isEmpty() ? "" : " env " + new TreeSet<>(environment.keySet()))
                + (timeout == null ? "" : " timeout " + timeout)
                + (idleTimeout == null ? "" : " idle " + idleTimeout) + "]";
    }

    private static Path absolute(Path file, Path worktree, String defaultName) {
        return (file == null ? worktree.resolve(defaultName) : worktree.resolve(file)).toAbsolutePath().normalize();
    }

    /** Builds a {@link WorkerRequest}; everything but feature, id and worktree is optional. */
    public static final class Builder {
        private final String feature;
        private final String workstreamId;
        private final Path worktree;
        private String job = "";
        private String title;
        private Path tasksFile;
        private Path coordinationFile;
        private Path resultsFile;
        private Integer port;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration timeout;
        private WorkerLogs logs;
        private Path stateDir;
        private Duration idleTimeout;
        private Duration resultGrace;

        private Builder(String feature, String workstreamId, Path worktree) {
            this.feature = feature;
            this.workstreamId = workstreamId;
            this.worktree = worktree;
        }

        public Builder job(String value) {
            this.job = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder tasksFile(Path value) {
            this.tasksFile = value;
            return this;
        }

        public Builder coordinationFile(Path value) {
            this.coordinationFile = value;
            return this;
        }

        public Builder resultsFile(Path value) {
            this.resultsFile = value;
            return this;
        }

        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        public Builder env(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder logs(WorkerLogs value) {
            this.logs = value;
            return this;
        }

        public Builder stateDir(Path value) {
            this.stateDir = value;
            return this;
        }

        /** An attempt silent this long is killed, retryable; null for no limit. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** How long Claude Code may linger after its result; null for {@link #DEFAULT_RESULT_GRACE}. */
        public Builder resultGrace(Duration value) {
            this.resultGrace = value;
            return this;
        }

        public WorkerRequest build() {
            return new WorkerRequest(job, feature, workstreamId, title, worktree, tasksFile, coordinationFile,
                    resultsFile, port, environment, timeout, logs, stateDir, idleTimeout, resultGrace);
        }
    }
}
