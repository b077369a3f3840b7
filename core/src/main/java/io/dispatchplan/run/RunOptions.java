package io.dispatchplan.run;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.integrate.ConflictPolicy;
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
        Map<String, String> workerEnvironment) {

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
    }

    /** Defaults for everything but the repository, the output directory and the worker. */
    public static RunOptions of(Path repository, Path outDir, Worker worker) {
        return new RunOptions(repository, null, outDir, null, worker, Map.of(), 0, false, false, null, null,
                ConflictPolicy.SKIP, null, null, true, CommitIdentity.DEFAULT, SetupOptions.none(), RetryPolicy.defaults(),
                null, Map.of());
    }

    public RunOptions withBase(String ref) {
        return new RunOptions(repository, ref, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }

    public RunOptions withMaxParallel(int n) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, n, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }

    public RunOptions withFailFast(boolean value) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, value,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }

    public RunOptions withKeepWorktrees(boolean value) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                value, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }

    public RunOptions withTimeouts(Duration perWorkstream, Duration wholeRun) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, perWorkstream, wholeRun, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }

    public RunOptions withIntegration(ConflictPolicy policy, List<String> verify, Duration verifyLimit, boolean mergeUnstableToo) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, policy, verify, verifyLimit, mergeUnstableToo, identity,
                setup, retry, job, workerEnvironment);
    }

    public RunOptions withWorkers(Worker defaultWorker, Map<String, Worker> byName) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, defaultWorker, byName, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }

    public RunOptions withSetup(SetupOptions value, CommitIdentity who) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                who, value, retry, job, workerEnvironment);
    }

    public RunOptions withRetry(RetryPolicy value) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, value, job, workerEnvironment);
    }

    public RunOptions withWorkerEnvironment(Map<String, String> variables) {
        return new RunOptions(repository, baseRef, outDir, worktreeRoot, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, variables);
    }

    public RunOptions withWorktreeRoot(Path root) {
        return new RunOptions(repository, baseRef, outDir, root, worker, namedWorkers, maxParallel, failFast,
                keepWorktrees, workstreamTimeout, deadline, conflictPolicy, verifyCommand, verifyTimeout, mergeUnstable,
                identity, setup, retry, job, workerEnvironment);
    }
}
