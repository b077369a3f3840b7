package io.dispatchplan.run;

import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.GitVersion;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.graph.RunBudget;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.integrate.IntegrationException;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.report.IntegrationMarkdown;
import io.dispatchplan.report.PlanGraphPicture;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.ScheduleSummary;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a plan on this machine: the scheduler grants starts, each granted workstream runs on its own thread
 * ({@link WorkstreamRunner}), and when nothing is left to start the integration stage merges what succeeded.
 * The Jenkins plugin drives the same scheduler from Pipeline steps instead.
 */
public final class LocalDispatcher {
    private static final GitVersion MERGE_TREE_WRITE_TREE = new GitVersion(2, 38, 0);

    static final String DONE_EARLIER = "done in an earlier run";

    private final GitCli git;
    private final ProcessRunner runner;
    /** Why the run was asked to stop (Ctrl-C, SIGTERM), or null. */
    private final java.util.concurrent.atomic.AtomicReference<String> stopRequest =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Asks a run under way to stop: nothing more starts, running workers are stopped (their process trees killed)
     * and their work is collected as WIP, integration is not started, and the report says the run was
     * interrupted. Safe from any thread, e.g. a signal handler.
     */
    public void stop(String reason) {
        stopRequest.compareAndSet(null, reason);
    }

    /** Whether {@link #stop} was called. */
    public boolean stopRequested() {
        return stopRequest.get() != null;
    }

    public LocalDispatcher() {
        this(new GitCli(), new ProcessRunner());
    }

    public LocalDispatcher(GitCli git, ProcessRunner runner) {
        this.git = git;
        this.runner = runner;
    }

    public RunResult run(Plan plan, RunOptions options, RunListener progress) throws RunException, InterruptedException {
        ConflictWarnings listener = new ConflictWarnings(git, options.repository(), DependencyGraph.of(plan),
                options.mergeUnstable(), progress);
        checkRepository(options.repository());
        Preflight preflight = new Preflight(git, plan, options);
        preflight.featureBranchIsFree();
        if (options.rerun() != Rerun.NONE) {
            preflight.workersCanStart();
        }
        try (RunLock lock = RunLock.acquire(git, options.repository(), plan.feature())) {
            return runLocked(plan, options, listener);
        }
    }

    private RunResult runLocked(Plan plan, RunOptions options, ConflictWarnings listener)
            throws RunException, InterruptedException {
        Instant startedAt = Instant.now();
        RunLayout layout = new RunLayout(options.outDir(), options.worktreeRoot(), plan.feature());
        Preflight.outDirIsOurs(layout);
        createDirectories(layout, options.repository());
        RunSetup.excludeFromRepository(git, options.repository(), List.of(options.outDir(), options.worktreeRoot()));

        Optional<PreviousRun> previous = PreviousRun.in(layout, plan.workstreams().stream().map(Workstream::id).toList());
        String baseSha = resolveBase(plan, options, previous, listener);
        if (previous.isPresent() && !previous.get().baseSha().equals(baseSha)) {
            listener.message("the earlier run in " + layout.outDir() + " started from " + previous.get().baseSha()
                    + "; this one starts from " + baseSha + ", so nothing of it is reused");
            previous = Optional.empty();
            clearOutcomes(layout, plan);
        }
        new Preflight(git, plan, options).namedBranchesAreOurs(previous);
        RunRecord.write(layout.outDir(), layout.runFile(), plan.feature(), baseSha);
        write(layout, layout.planJson(), PlanJson.write(plan));
        write(layout, layout.planGraph(), PlanGraphPicture.mermaid(plan));

        RunContext context = new RunContext(plan, options, layout, baseSha, agentName(), git, runner, new WorktreeManager(git),
                new WorktreeSetup(runner), new ResultCollector(git),
                new TaskFiles(plan, RunSetup.templatesAt(git, options.repository(), baseSha)), listener,
                DependencyGraph.of(plan), Secrets.of(options.secretVariables(), options.workerEnvironment(), System.getenv()));
        Map<String, WorkstreamReport> reports = new ConcurrentHashMap<>();
        Scheduler scheduler = new Scheduler(context.graph(), options.maxParallel(), options.failFast(),
                budget(plan, options), options.rateLimitQuietPeriod());
        if (options.rerun() == Rerun.NONE) {
            // Integration only: the branches as they are, no worker.
            BranchesAsTheyAre.judge(git, options.repository(), plan, baseSha, previous, context.agent())
                    .forEach((id, report) -> {
                        reports.put(id, report);
                        listener.finished(report);
                    });
        } else {
            previous.ifPresent(p -> p.done(git, options.repository(), options.rerun(), DONE_EARLIER).forEach((id, report) -> {
                scheduler.alreadyDone(id, Outcome.valueOf(report.status()), DONE_EARLIER);
                reports.put(id, report);
                listener.finished(report);
            }));
            for (Workstream w : plan.workstreams()) {
                if (scheduler.state(w.id()) == WorkstreamState.WAITING) {
                    listener.waiting(w.id(), scheduler.waitingFor(w.id()));
                }
            }
            dispatch(context, scheduler, reports);
        }

        List<WorkstreamReport> ordered = new ArrayList<>();
        for (Workstream w : plan.workstreams()) {
            WorkstreamReport report = reports.get(w.id());
            ordered.add(report != null ? report : skipped(w, scheduler.reason(w.id()), context.agent()));
        }
        String interrupted = stopRequest.get();
        IntegrationResult integration = null;
        String integrationMessage = interrupted == null ? null : "interrupted (" + interrupted + "): integration did"
                + " not run; run the plan again to go on where it stopped";
        if (interrupted == null) {
            try {
                integration = new IntegrationStage(context).integrate(scheduler, ordered);
            } catch (IntegrationException | GitException e) {
                // The workstreams' outcomes still deserve their report; it says why the merging could not happen.
                integrationMessage = "the integration could not run: " + e.getMessage();
                listener.message(integrationMessage);
            }
        }
        RunReport report = new RunReport(plan.feature(), plan.title(), baseSha, startedAt, Instant.now(), ordered, integration,
                integrationMessage, listener.predicted(), new ScheduleSummary(scheduler.budget(),
                        scheduler.concurrencyChanges()));
        write(layout, layout.reportJson(), context.secrets().mask(ReportJson.write(report)));
        write(layout, layout.integrationMarkdown(), context.secrets().mask(IntegrationMarkdown.write(report)));
        String notCopied = RunSetup.copyIfPresent(layout.worktreeRoot(), layout.coordinationFile(), layout.outDir(),
                layout.outDir().resolve(TaskFiles.COORDINATION));
        if (notCopied != null) {
            listener.message("COORDINATION.md was not archived: " + notCopied);
        }
        if (!options.keepWorktrees()) {
            new Cleanup(context).removeWorktrees(ordered);
        }
        return new RunResult(report, layout);
    }

    /** Runs every workstream the scheduler grants on its own thread until nothing is left. */
    private void dispatch(RunContext context, Scheduler scheduler, Map<String, WorkstreamReport> reports)
            throws InterruptedException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < context.plan().workstreams().size(); i++) {
            index.put(context.plan().workstreams().get(i).id(), i);
        }
        RunListener listener = context.listener();
        WorkstreamRunner workstreams = new WorkstreamRunner(context, new ScheduleSignals() {
            @Override
            public void rateLimited(String id, String cause) {
                scheduler.rateLimited(id, cause, Instant.now());
            }

            @Override
            public void spent(String id, double totalUsd) {
                scheduler.spent(id, totalUsd);
            }
        });
        new ParallelDispatch<WorkstreamReport>(scheduler, r -> Outcome.valueOf(r.status()), WorkstreamReport::reason,
                WorkstreamReport::costUsd).run(
                id -> workstreams.run(context.plan().workstream(id).orElseThrow(), index.get(id), reports),
                (id, e) -> failedInternally(context, id, e),
                (report, why) -> report.withReason("stopped: " + why + "; " + report.reason()),
                context.options().failFast(), context.options().deadline(), stopRequest::get,
                new ParallelDispatch.Listener<>() {
                    @Override
                    public void started(String id) {
                        listener.started(id);
                    }

                    @Override
                    public void finished(String id, WorkstreamReport done) {
                        WorkstreamReport report = done.withReason(context.secrets().mask(done.reason()));
                        // The durable record first: a kill right after this must not make a re-run do it again.
                        write(context.layout(), context.layout().outcomeFile(id), ReportJson.writeWorkstream(report));
                        reports.put(id, report);
                        listener.finished(report);
                    }

                    @Override
                    public void stopping(String reason) {
                        listener.message(reason + ": stopping the running workers");
                    }

                    @Override
                    public void concurrencyChanged(RateGovernor.Change change) {
                        listener.message(change.describe());
                    }

                    @Override
                    public void notStarted(String id, String reason) {
                        listener.message(id + " not started: " + reason);
                    }
                });
    }

    /**
     * The run budget: each workstream reserves its worker's own cap ({@code maxBudgetUsd}), else an even share of
     * the run's cap.
     */
    private static RunBudget budget(Plan plan, RunOptions options) {
        Map<String, Double> workerCaps = new HashMap<>();
        for (Workstream w : plan.workstreams()) {
            try {
                Double cap = options.workerFor(w).budgetCapUsd();
                if (cap != null) {
                    workerCaps.put(w.id(), cap);
                }
            } catch (IllegalArgumentException unknownWorker) {
                // It fails when it starts, saying so; until then it reserves an even share.
            }
        }
        return RunBudget.of(options.maxTotalBudgetUsd(), plan.ids(), workerCaps);
    }

    private static WorkstreamReport failedInternally(RunContext context, String id, RuntimeException e) {
        Workstream w = context.plan().workstream(id).orElseThrow();
        return new WorkstreamReport(id, w.title(), WorkstreamState.FAILED.name(),
                "internal error: " + WorkstreamRunner.describe(e), context.agent(), 0, w.branch(), null, 0, null,
                null, null, null, 0, null);
    }

    private static WorkstreamReport skipped(Workstream w, String reason, String agent) {
        return new WorkstreamReport(w.id(), w.title(), WorkstreamState.SKIPPED.name(), reason, agent, 0, w.branch(),
                null, 0, null, null, null, null, 0, null);
    }

    private void checkRepository(Path repository) throws RunException {
        if (!Files.isDirectory(repository)) {
            throw new RunException("the repository " + repository + " does not exist. Give --repo a git repository.");
        }
        try {
            git.commonDir(repository);
        } catch (GitException e) {
            throw new RunException(repository + " is not a git repository. Give --repo a git repository (git init,"
                    + " git clone), or run from inside one.", e);
        }
        try {
            git.requireVersion(MERGE_TREE_WRITE_TREE, "checking merges with 'git merge-tree --write-tree'");
        } catch (GitException e) {
            throw new RunException(e.getMessage(), e);
        }
    }

    /** --base, else the earlier run's base (resuming), else the plan's baseBranch, else HEAD. */
    private String resolveBase(Plan plan, RunOptions options, Optional<PreviousRun> previous, RunListener listener)
            throws RunException {
        String ref = options.baseRef();
        if (ref == null && previous.isPresent()) {
            listener.base("the earlier run's base", previous.get().baseSha());
            return previous.get().baseSha();
        }
        boolean fromPlan = ref == null && plan.baseBranch() != null;
        String wanted = ref != null ? ref : fromPlan ? plan.baseBranch() : "HEAD";
        Optional<String> sha = git.tryRevParse(options.repository(), wanted + "^{commit}");
        if (sha.isEmpty()) {
            throw new RunException("cannot find the base '" + wanted + "' in " + options.repository()
                    + (fromPlan ? ": the plan's baseBranch names no branch there. Create it, fix the plan, or give --base."
                            : ref == null ? ": the repository has no commit yet. Commit something first."
                            : ". Give --base a branch, tag or commit of that repository."));
        }
        listener.base(wanted, sha.get());
        return sha.get();
    }

    /**
     * The run directory and the worktree root. Inside the repository (the default, {@code .dispatch-plan/runs/...})
     * no directory on the way may be a symbolic link: a committed {@code .dispatch-plan} link would lead every run
     * file out of it. A directory given outside the repository is the user's own choice.
     */
    private static void createDirectories(RunLayout layout, Path repository) {
        for (Path dir : List.of(layout.outDir(), layout.worktreeRoot())) {
            Path root = repository.toAbsolutePath().normalize();
            SafeFiles.directories(dir.toAbsolutePath().normalize().startsWith(root) ? root : dir, dir);
        }
        // <root>/<feature> holds every worktree and COORDINATION.md: a link there fails the run before anything starts.
        SafeFiles.directories(layout.worktreeRoot(), layout.coordinationFile().getParent());
    }

    /**
     * Writes one of the run's files atomically (a reader sees the old content or the new); a symbolic link there is
     * replaced, and a link among the run directory's subdirectories is refused.
     */
    static void write(RunLayout layout, Path file, String text) {
        SafeFiles.writeRegularFile(layout.outDir(), file, text);
    }

    /** Outcomes recorded against another base say nothing about this run. */
    private static void clearOutcomes(RunLayout layout, Plan plan) {
        for (Workstream w : plan.workstreams()) {
            try {
                Files.deleteIfExists(layout.outcomeFile(w.id()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + layout.outcomeFile(w.id()) + ": " + e.getMessage(), e);
            }
        }
    }

    private static String agentName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static Map<String, WorkstreamReport> byId(List<WorkstreamReport> reports) {
        Map<String, WorkstreamReport> map = new LinkedHashMap<>();
        reports.forEach(r -> map.put(r.id(), r));
        return map;
    }
}
