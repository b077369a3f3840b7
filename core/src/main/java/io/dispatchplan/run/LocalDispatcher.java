package io.dispatchplan.run;

import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.GitVersion;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.report.IntegrationMarkdown;
import io.dispatchplan.report.PlanGraphPicture;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
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

    public LocalDispatcher() {
        this(new GitCli(), new ProcessRunner());
    }

    public LocalDispatcher(GitCli git, ProcessRunner runner) {
        this.git = git;
        this.runner = runner;
    }

    public RunResult run(Plan plan, RunOptions options, RunListener progress) throws RunException, InterruptedException {
        Instant startedAt = Instant.now();
        ConflictWarnings listener = new ConflictWarnings(git, options.repository(), DependencyGraph.of(plan),
                options.mergeUnstable(), progress);
        checkRepository(options.repository());
        RunLayout layout = new RunLayout(options.outDir(), options.worktreeRoot(), plan.feature());
        createDirectories(layout);
        RunSetup.excludeFromRepository(git, options.repository(), List.of(options.outDir(), options.worktreeRoot()));

        Optional<PreviousRun> previous = PreviousRun.in(layout);
        String baseSha = resolveBase(options, previous, listener);
        if (previous.isPresent() && !previous.get().baseSha().equals(baseSha)) {
            listener.message("the earlier run in " + layout.outDir() + " started from " + previous.get().baseSha()
                    + "; this one starts from " + baseSha + ", so nothing of it is reused");
            previous = Optional.empty();
        }
        write(layout.planJson(), PlanJson.write(plan));
        write(layout.planGraph(), PlanGraphPicture.mermaid(plan));

        RunContext context = new RunContext(plan, options, layout, baseSha, agentName(), git, runner, new WorktreeManager(git),
                new WorktreeSetup(runner), new ResultCollector(git),
                new TaskFiles(plan, RunSetup.templatesAt(git, options.repository(), baseSha)), listener,
                DependencyGraph.of(plan));
        Map<String, WorkstreamReport> reports = new ConcurrentHashMap<>();
        Scheduler scheduler = new Scheduler(context.graph(), options.maxParallel(), options.failFast());
        previous.ifPresent(p -> p.done(git, options.repository()).forEach((id, earlier) -> {
            WorkstreamReport report = withReason(earlier, DONE_EARLIER);
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

        List<WorkstreamReport> ordered = new ArrayList<>();
        for (Workstream w : plan.workstreams()) {
            WorkstreamReport report = reports.get(w.id());
            ordered.add(report != null ? report : skipped(w, scheduler.reason(w.id()), context.agent()));
        }
        IntegrationResult integration = new IntegrationStage(context).integrate(scheduler, ordered);
        RunReport report = new RunReport(plan.feature(), plan.title(), baseSha, startedAt, Instant.now(), ordered, integration,
                null, listener.predicted());
        write(layout.reportJson(), ReportJson.write(report));
        write(layout.integrationMarkdown(), IntegrationMarkdown.write(report));
        RunSetup.copyIfPresent(layout.coordinationFile(), layout.outDir().resolve(TaskFiles.COORDINATION));
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
        WorkstreamRunner workstreams = new WorkstreamRunner(context);
        RunListener listener = context.listener();
        new ParallelDispatch<WorkstreamReport>(scheduler, r -> Outcome.valueOf(r.status()), WorkstreamReport::reason).run(
                id -> workstreams.run(context.plan().workstream(id).orElseThrow(), index.get(id), reports),
                (id, e) -> failedInternally(context, id, e),
                (report, why) -> withReason(report, "stopped: " + why + "; " + report.reason()),
                context.options().failFast(), context.options().deadline(),
                new ParallelDispatch.Listener<>() {
                    @Override
                    public void started(String id) {
                        listener.started(id);
                    }

                    @Override
                    public void finished(String id, WorkstreamReport report) {
                        reports.put(id, report);
                        listener.finished(report);
                    }

                    @Override
                    public void stopping(String reason) {
                        listener.message(reason + ": stopping the running workers");
                    }
                });
    }

    private static WorkstreamReport failedInternally(RunContext context, String id, RuntimeException e) {
        Workstream w = context.plan().workstream(id).orElseThrow();
        return new WorkstreamReport(id, w.title(), WorkstreamState.FAILED.name(),
                "internal error: " + WorkstreamRunner.describe(e), context.agent(), 0, w.branch(), null, 0, null,
                null, null, null, 0, null);
    }

    private static WorkstreamReport withReason(WorkstreamReport r, String reason) {
        return new WorkstreamReport(r.id(), r.title(), r.status(), reason, r.agent(), r.durationMillis(), r.branch(),
                r.headSha(), r.commits(), r.diffStat(), r.costUsd(), r.turns(), r.sessionId(), r.attempts(), r.resultsFile());
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

    private String resolveBase(RunOptions options, Optional<PreviousRun> previous, RunListener listener)
            throws RunException {
        String ref = options.baseRef();
        if (ref == null && previous.isPresent()) {
            listener.base("the earlier run's base", previous.get().baseSha());
            return previous.get().baseSha();
        }
        String wanted = ref == null ? "HEAD" : ref;
        Optional<String> sha = git.tryRevParse(options.repository(), wanted + "^{commit}");
        if (sha.isEmpty()) {
            throw new RunException("cannot find the base '" + wanted + "' in " + options.repository()
                    + (ref == null ? ": the repository has no commit yet. Commit something first."
                            : ". Give --base a branch, tag or commit of that repository."));
        }
        listener.base(wanted, sha.get());
        return sha.get();
    }

    private static void createDirectories(RunLayout layout) {
        try {
            Files.createDirectories(layout.outDir());
            Files.createDirectories(layout.worktreeRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + layout.outDir(), e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
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
