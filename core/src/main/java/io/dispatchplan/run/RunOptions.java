package io.dispatchplan.run;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.integrate.ConflictPolicy;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.worker.RetryPolicy;
import io.dispatchplan.worker.Worker;
import io.dispatchplan.worktree.SetupOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a plan locally.
 *
 * @param repository the git repository to branch from; workstream and integration branches are created in it
 * @param baseRef what the workstreams start from (resolved once); null for the repository's HEAD
 * @param outDir where plan.json, the per-workstream artifacts, report.json and INTEGRATION.md go
 * @param worktreeRoot where worktrees are made ({@code <root>/<feature>/<id>})
 * @param worker the worker for every workstream
 * @param namedWorkers workers a workstream may ask for by name ({@code worker: command} in the plan)
 * @param maxParallel how many workers run at once; 0 for no limit
 * @param failFast stop everything after the first failure
 * @param keepWorktrees leave the worktrees in place at the end
 * @param workstreamTimeout per-workstream limit for one worker attempt, null for none
 * @param deadline the whole run's limit: after it nothing starts and running workers are stopped; null for none
 * @param conflictPolicy what integration does with a conflicting branch
 * @param verifyCommand run in the integration worktree after the merges; null for none
 * @param mergeUnstable merge workstreams that finished without RESULTS.md (flagged in the report)
 * @param identity the author of WIP and merge commits, also given to workers
 * @param setup how to set up each worktree (copied files, ports, a setup command)
 * @param retry when and how often to retry a worker
 * @param job names the run for session ids (stable across re-runs)
 * @param workerEnvironment more variables for every worker (values are never logged or written to disk)
 * @param rerun which workstreams an earlier run finished are run again
 * @param secretVariables more variables whose values are secrets (besides the API key's), masked in everything the
 *     run prints or writes and never committed
 * @param verifyEach run verify after every merge, undoing a merge that breaks it, instead of once at the end
 * @param idleTimeout a worker attempt that prints no event or output for this long is stopped (its tree killed) and
 *     fails, retryable; null for no limit
 * @param resultGrace how long Claude Code may go on running after its result before it is stopped; null for the
 *     default (60 s)
 * @param maxTotalBudgetUsd the whole run's spending cap: a workstream starts only when its reservation (its worker's
 *     own cap, else an even share of this) fits beside what was spent and reserved; null for none
 * @param rateLimitQuietPeriod how long without a rate limit before the run starts one more worker at once again;
 *     null for the default (60 s)
 * @param resolver the worker a conflicting merge is handed to in the integration; null to leave a conflicting branch
 *     out (the run adds the workstreams' notes, the worker environment, its name and secrets)
 */
public record RunOptions(
        Path repository,
        String baseRef,
        Path outDir,
        Path worktreeRoot,
        Worker worker,
        Map<String, Worker> namedWorkers,
        int maxParallel,
        boolean failFast,
        boolean keepWorktrees,
        Duration workstreamTimeout,
        Duration deadline,
        ConflictPolicy conflictPolicy,
        List<String> verifyCommand,
        Duration verifyTimeout,
        boolean mergeUnstable,
        CommitIdentity identity,
        SetupOptions setup,
        RetryPolicy retry,
        String job,
        Map<String, String> workerEnvironment,
        Rerun rerun,
        List<String> secretVariables,
        boolean verifyEach,
        Duration idleTimeout,
        Duration resultGrace,
        Double maxTotalBudgetUsd,
        Duration rateLimitQuietPeriod,
        io.dispatchplan.integrate.ResolverOptions resolver) {

    /** A worker silent this long is stopped, unless the run says otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

    public RunOptions {
        repository = Objects.requireNonNull(repository, "repository").toAbsolutePath().normalize();
        outDir = Objects.requireNonNull(outDir, "outDir").toAbsolutePath().normalize();
        worktreeRoot = worktreeRoot == null ? outDir.resolve("worktrees") : worktreeRoot.toAbsolutePath().normalize();
        Objects.requireNonNull(worker, "worker");
        namedWorkers = Map.copyOf(namedWorkers == null ? Map.of() : namedWorkers);
        conflictPolicy = conflictPolicy == null ? ConflictPolicy.SKIP : conflictPolicy;
        verifyCommand = verifyCommand == null ? null : List.copyOf(verifyCommand);
        verifyTimeout = verifyTimeout == null ? Duration.ofMinutes(30) : verifyTimeout;
        identity = identity == null ? CommitIdentity.DEFAULT : identity;
        setup = setup == null ? SetupOptions.none() : setup;
        retry = retry == null ? RetryPolicy.defaults() : retry;
        job = job == null || job.isBlank() ? repository.toString() : job;
        workerEnvironment = Map.copyOf(workerEnvironment == null ? Map.of() : workerEnvironment);
        rerun = rerun == null ? Rerun.UNFINISHED : rerun;
        secretVariables = List.copyOf(secretVariables == null ? List.of() : secretVariables);
        resultGrace = resultGrace == null ? io.dispatchplan.worker.WorkerRequest.DEFAULT_RESULT_GRACE : resultGrace;
        if (maxTotalBudgetUsd != null && (!(maxTotalBudgetUsd > 0) || maxTotalBudgetUsd.isInfinite())) {
            throw new IllegalArgumentException("the run budget must be a positive amount of USD, not "
                    + maxTotalBudgetUsd);
        }
        rateLimitQuietPeriod = rateLimitQuietPeriod == null ? RateGovernor.DEFAULT_QUIET_PERIOD : rateLimitQuietPeriod;
        if (rateLimitQuietPeriod.isNegative() || rateLimitQuietPeriod.isZero()) {
            throw new IllegalArgumentException("the rate-limit quiet period must be positive, not "
                    + rateLimitQuietPeriod);
        }
    }

    /**
     * The worker {@code w} runs with: the run's, or the one it names ({@code worker: command}).
     *
     * @throws IllegalArgumentException when it names a worker this run does not have
     */
    public Worker workerFor(Workstream w) {
        if (w.worker() == null) {
            return worker;
        }
        Worker named = namedWorkers.get(w.worker());
        if (named == null) {
            throw new IllegalArgumentException("workstream '" + w.id() + "' asks for the worker '" + w.worker()
                    + "', which this run does not have (known: " + namedWorkers.keySet()
                    + "); remove 'worker:' from the plan or configure that worker");
        }
        return named;
    }

    /** Options with defaults for everything but the repository, the output directory and the worker. */
    public static RunOptions of(Path repository, Path outDir, Worker worker) {
        return builder(repository, outDir, worker).build();
    }

    public static Builder builder(Path repository, Path outDir, Worker worker) {
        return new Builder(repository, outDir, worker);
    }

    /** Collects options one by one; unset ones keep their defaults. */
    public static final class Builder {
        private final Path repository;
        private final Path outDir;
        private Worker worker;
        private Map<String, Worker> namedWorkers = Map.of();
        private String baseRef;
        private Path worktreeRoot;
        private int maxParallel;
        private boolean failFast;
        private boolean keepWorktrees;
        private Duration workstreamTimeout;
        private Duration deadline;
        private ConflictPolicy conflictPolicy = ConflictPolicy.SKIP;
        private List<String> verifyCommand;
        private Duration verifyTimeout;
        private boolean mergeUnstable = true;
        private CommitIdentity identity = CommitIdentity.DEFAULT;
        private SetupOptions setup = SetupOptions.none();
        private RetryPolicy retry = RetryPolicy.defaults();
        private String job;
        private Map<String, String> workerEnvironment = Map.of();
        private Rerun rerun = Rerun.UNFINISHED;
        private List<String> secretVariables = List.of();
        private boolean verifyEach;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration resultGrace;
        private Double maxTotalBudgetUsd;
        private Duration rateLimitQuietPeriod;
        private io.dispatchplan.integrate.ResolverOptions resolver;

        private Builder(Path repository, Path outDir, Worker worker) {
            this.repository = repository;
            this.outDir = outDir;
            this.worker = worker;
        }

        public Builder base(String ref) {
            this.baseRef = ref;
            return this;
        }

        public Builder worktreeRoot(Path root) {
            this.worktreeRoot = root;
            return this;
        }

        /** The default worker, and those a workstream may ask for by name. */
        public Builder workers(Worker defaultWorker, Map<String, Worker> byName) {
            this.worker = defaultWorker;
            this.namedWorkers = byName;
            return this;
        }

        public Builder maxParallel(int n) {
            this.maxParallel = n;
            return this;
        }

        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        public Builder keepWorktrees(boolean value) {
            this.keepWorktrees = value;
            return this;
        }

        /** Per-workstream attempt limit and whole-run deadline; null for none. */
        public Builder timeouts(Duration perWorkstream, Duration wholeRun) {
            this.workstreamTimeout = perWorkstream;
            this.deadline = wholeRun;
            return this;
        }

        public Builder integration(ConflictPolicy policy, List<String> verify, Duration verifyLimit, boolean mergeUnstableToo) {
            this.conflictPolicy = policy;
            this.verifyCommand = verify;
            this.verifyTimeout = verifyLimit;
            this.mergeUnstable = mergeUnstableToo;
            return this;
        }

        public Builder setup(SetupOptions value, CommitIdentity who) {
            this.setup = value;
            this.identity = who;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder job(String name) {
            this.job = name;
            return this;
        }

        public Builder workerEnvironment(Map<String, String> variables) {
            this.workerEnvironment = variables;
            return this;
        }

        public Builder rerun(Rerun which) {
            this.rerun = which;
            return this;
        }

        public Builder secretVariables(List<String> names) {
            this.secretVariables = names;
            return this;
        }

        public Builder verifyEach(boolean value) {
            this.verifyEach = value;
            return this;
        }

        /**
         * The watchdog: a worker silent for {@code idle} is stopped (null for no limit; default 15 min), Claude Code
         * still running {@code afterResult} after its result is stopped (null for 60 s).
         */
        public Builder watchdog(Duration idle, Duration afterResult) {
            this.idleTimeout = idle;
            this.resultGrace = afterResult;
            return this;
        }

        /** The whole run's spending cap in USD; null for none. */
        public Builder maxTotalBudgetUsd(Double usd) {
            this.maxTotalBudgetUsd = usd;
            return this;
        }

        /** How long without a rate limit before one more worker starts at once again; null for 60 s. */
        public Builder rateLimitQuietPeriod(Duration quiet) {
            this.rateLimitQuietPeriod = quiet;
            return this;
        }

        /** Conflicting merges go to this resolver; null (the default) leaves a conflicting branch out. */
        public Builder resolver(io.dispatchplan.integrate.ResolverOptions value) {
            this.resolver = value;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                    keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout,
                    mergeUnstable, identity, setup, retry, job, workerEnvironment, rerun, secretVariables,
                    verifyEach, idleTimeout, resultGrace, maxTotalBudgetUsd, rateLimitQuietPeriod,
                    resolver);
        }
    }
}
