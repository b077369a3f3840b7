package io.dispatchplan.run;

import io.dispatchplan.collect.CollectRequest;
import io.dispatchplan.collect.CollectedWorkstream;
import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.collect.TaskFileExclusion;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worker.RetryingWorker;
import io.dispatchplan.worker.Worker;
import io.dispatchplan.worker.WorkerActivity;
import io.dispatchplan.worker.WorkerListener;
import io.dispatchplan.worker.WorkerLogs;
import io.dispatchplan.worker.WorkerOutcome;
import io.dispatchplan.worker.WorkerRequest;
import io.dispatchplan.worktree.PortBlock;
import io.dispatchplan.worktree.SetupOptions;
import io.dispatchplan.worktree.SetupResult;
import io.dispatchplan.worktree.Worktree;
import io.dispatchplan.worktree.WorktreeRequest;
import io.dispatchplan.worktree.Dependency;
import io.dispatchplan.worktree.DeliveredDependency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one workstream from start to end: its worktree, TASKS.md, the worker, then collecting what it did.
 * Whatever happens, the outcome is a report; work left in the worktree is committed, never dropped.
 */
final class WorkstreamRunner {
    private final RunContext context;
    private final ScheduleSignals schedule;

    WorkstreamRunner(RunContext context, ScheduleSignals schedule) {
        this.context = context;
        this.schedule = schedule;
    }

    /**
     * @param finished the reports of the workstreams finished so far (this run's and the earlier run's): a
     *     dependent starts from its dependencies' recorded heads
     */
    WorkstreamReport run(Workstream w, int index, Map<String, WorkstreamReport> finished) {
        long start = System.nanoTime();
        RunOptions options = context.options();
        Plan plan = context.plan();
        Worktree worktree = null;
        WorkerOutcome outcome = null;
        StrayProcesses strays = new StrayProcesses(context, w);
        try {
            strays.stopOrphans();
            worktree = context.worktrees().prepare(new WorktreeRequest(options.repository(),
                    options.worktreeRoot(), plan.feature(), w.id(), w.branch(), context.baseSha(), null)
                    .withDependencies(dependencies(w, finished), options.identity()));
            context.listener().step(w.id(), "worktree " + worktree.outcome().name().toLowerCase() + " at " + worktree.path()
                    + startedFrom(worktree));
            SetupResult setup = setUp(worktree, index);
            TaskFileExclusion.applyForWorkstream(context.git(), worktree.path(), setup);
            setAsidePreviousResults(w, worktree);
            Path coordination = context.taskFiles().writeCoordination(options.worktreeRoot(),
                    context.layout().coordinationFile());
            context.taskFiles().writeTasks(worktree.path(), w.id(), this::resultsOf, coordination,
                    worktree.dependencies());

            // The logs and the worker's state go below the run directory; no link may lead them out of it.
            SafeFiles.directories(context.layout().outDir(), context.layout().workstreamDir(w.id()));
            SafeFiles.directories(context.layout().outDir(), context.layout().stateDir(w.id()));
            Worker worker = new RetryingWorker(options.workerFor(w), options.retry());
            WorkerRequest request = WorkerRequest.builder(plan.feature(), w.id(), worktree.path())
                    .job(options.job())
                    .title(w.title())
                    .coordinationFile(coordination)
                    .port(setup.port())
                    .env(options.workerEnvironment())
                    .env(setup.environment())
                    .timeout(timeoutFor(w))
                    .idleTimeout(options.idleTimeout())
                    .resultGrace(options.resultGrace())
                    .stateDir(context.layout().stateDir(w.id()))
                    .logs(WorkerLogs.in(context.layout().workstreamDir(w.id())))
                    .build();
            context.listener().step(w.id(), worker.kind() + " worker running");
            try {
                outcome = worker.run(request, new WorkerListener() {
                    @Override
                    public void activity(WorkerRequest r, WorkerActivity activity) {
                        context.listener().activity(w.id(), activity);
                    }

                    @Override
                    public void rateLimited(WorkerRequest r, String cause) {
                        schedule.rateLimited(w.id(), cause);
                    }

                    @Override
                    public void retrying(WorkerRequest r, WorkerOutcome failed, int nextAttempt, Duration delay) {
                        if (failed.costUsd() != null) {
                            schedule.spent(w.id(), failed.costUsd());
                        }
                    }
                });
            } finally {
                // What the worker printed is kept and archived: never with a secret in it.
                context.secrets().maskFiles(request.logs().stdout(), request.logs().stderr(), request.logs().resultJson(),
                        request.logs().events());
            }
        } catch (RuntimeException e) {
            strays.stopLeftovers();
            return collectAfterFailure(w, worktree, start, describe(e));
        }
        // A stop request (failFast, deadline) ended the worker; it must not also stop saving the worker's work.
        Thread.interrupted();
        String leftovers = strays.stopLeftovers();
        try {
            Worktree collected = worktree;
            WorkerOutcome ended = outcome;
            WorkstreamReport report = uninterruptibly(() -> judge(w, collected, ended, start));
            return leftovers == null ? report : report.withReason(report.reason() == null ? leftovers
                    : report.reason() + "; " + leftovers);
        } catch (RuntimeException e) {
            return new WorkstreamReport(w.id(), w.title(), WorkstreamState.FAILED.name(), "the worker ended ("
                    + outcome.status().name().toLowerCase() + ") but collecting its results failed: " + describe(e)
                    + ". Its work is still in " + worktree.path(), context.agent(), millisSince(start), w.branch(),
                    null, 0, null, outcome.costUsd(), outcome.turns(), outcome.sessionId(), outcome.attempts(), null);
        }
    }

    /** The dependencies' recorded heads, in dependency order; one that delivered no commit has none to merge. */
    private List<Dependency> dependencies(Workstream w, Map<String, WorkstreamReport> finished) {
        List<Dependency> heads = new ArrayList<>();
        for (String id : context.graph().dependenciesInOrder(w.id())) {
            WorkstreamReport report = finished.get(id);
            if (report != null && report.headSha() != null) {
                heads.add(new Dependency(id, report.branch(), report.headSha(),
                        WorkstreamState.UNSTABLE.name().equals(report.status())));
            }
        }
        return heads;
    }

    private static String startedFrom(Worktree worktree) {
        List<String> merged = worktree.dependencies().stream().filter(d -> d.mergeCommit() != null)
                .map(d -> d.id() + " at " + d.head().substring(0, Math.min(12, d.head().length()))).toList();
        return merged.isEmpty() ? "" : ", with " + String.join(", ", merged) + " merged in";
    }

    /** A dependency's archived RESULTS.md (a regular file the run wrote; anything else is not read). */
    private Optional<String> resultsOf(String id) {
        Path results = context.layout().workstreamDir(id).resolve(TaskFiles.RESULTS);
        try {
            return SafeFiles.readRegularFile(context.layout().outDir(), results);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private SetupResult setUp(Worktree worktree, int index) {
        SetupOptions configured = context.options().setup();
        PortBlock ports = configured.ports() == null ? null
                : new PortBlock(configured.ports().basePort(), configured.ports().portSpan(), index);
        SetupOptions options = configured.withPorts(ports);
        if (worktree.outcome() == Worktree.Outcome.REUSED) {
            // Files were copied and the setup command ran when it was made; only the environment is needed now.
            options = new SetupOptions(null, java.util.List.of(), ports, null, null, configured.identity());
        }
        return context.setup().apply(worktree.path(), options, java.util.Map.of());
    }

    /**
     * A RESULTS.md left in a reused worktree by an earlier attempt would pass for this run's: it moves to the
     * archive as RESULTS.previous.md, so the worker's own report is the one judged.
     */
    private void setAsidePreviousResults(Workstream w, Worktree worktree) {
        Path stale = worktree.path().resolve(TaskFiles.RESULTS);
        SafeFiles.Kind kind = SafeFiles.kind(worktree.path(), stale);
        if (kind != SafeFiles.Kind.FILE && kind != SafeFiles.Kind.LINK) {
            return;
        }
        // A link is never archived nor followed: it goes, as a stale file would.
        if (kind == SafeFiles.Kind.FILE) {
            SafeFiles.copyRegularFile(worktree.path(), stale, context.layout().outDir(),
                    context.layout().workstreamDir(w.id()).resolve("RESULTS.previous.md"));
        }
        try {
            Files.delete(stale);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the earlier " + stale + " aside: " + e.getMessage(), e);
        }
    }

    private Duration timeoutFor(Workstream w) {
        return w.timeoutMinutes() != null ? Duration.ofMinutes(w.timeoutMinutes()) : context.options().workstreamTimeout();
    }

    private WorkstreamReport judge(Workstream w, Worktree worktree, WorkerOutcome outcome, long start) {
        CollectedWorkstream collected = collect(w, worktree);
        WorkstreamState state;
        String reason;
        if (collected.secretLeak() != null) {
            state = WorkstreamState.FAILED;
            reason = collected.secretLeak();
        } else if (outcome.status() == WorkerOutcome.Status.SUCCEEDED && !collected.unstable()) {
            state = WorkstreamState.SUCCEEDED;
            reason = null;
        } else if (outcome.status() == WorkerOutcome.Status.SUCCEEDED || outcome.status() == WorkerOutcome.Status.NO_RESULTS) {
            state = WorkstreamState.UNSTABLE;
            reason = collected.reason() != null ? collected.reason() : outcome.reason();
        } else {
            state = WorkstreamState.FAILED;
            // What collecting found (work kept aside, an aborted merge) matters more than a missing RESULTS.md here.
            reason = outcome.reason() + (collected.unstable() && !collected.reason().equals(ResultCollector.NO_RESULTS)
                    ? "; " + collected.reason() : "");
        }
        if (collected.wipCommitted()) {
            reason = (reason == null ? "" : reason + "; ") + "uncommitted work saved as a WIP commit";
        }
        for (String note : collected.notes()) {
            reason = (reason == null ? "" : reason + "; ") + note;
        }
        return new WorkstreamReport(w.id(), w.title(), state.name(), reason, context.agent(), millisSince(start),
                w.branch(), collected.headSha(), collected.commits(), collected.diffStat(), outcome.costUsd(),
                outcome.turns(), outcome.sessionId(), outcome.attempts(), relative(collected.resultsCopy()));
    }

    /**
     * Runs {@code work} to its end even if this thread is interrupted meanwhile (a stop request arriving while a
     * workstream is being collected must not stop its work being saved); the interrupt is kept for afterwards.
     */
    static <T> T uninterruptibly(java.util.function.Supplier<T> work) {
        java.util.concurrent.CompletableFuture<T> result = java.util.concurrent.CompletableFuture.supplyAsync(work,
                task -> {
                    Thread t = new Thread(task, "collect");
                    t.setDaemon(true);
                    t.start();
                });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The worker never ran or blew up: still save what the worktree holds, and report the failure. */
    private WorkstreamReport collectAfterFailure(Workstream w, Worktree worktree, long start, String reason) {
        String head = null;
        int commits = 0;
        io.dispatchplan.git.DiffStat diffStat = null;
        String why = reason;
        Thread.interrupted(); // as in run(): collecting always happens
        if (worktree != null) {
            try {
                Worktree left = worktree;
                CollectedWorkstream collected = uninterruptibly(() -> collect(w, left));
                head = collected.headSha();
                commits = collected.commits();
                diffStat = collected.diffStat();
                if (collected.wipCommitted()) {
                    why += "; uncommitted work saved as a WIP commit";
                }
            } catch (RuntimeException e) {
                why += "; collecting its work failed too: " + describe(e);
            }
        }
        return new WorkstreamReport(w.id(), w.title(), WorkstreamState.FAILED.name(), why, context.agent(),
                millisSince(start), w.branch(), head, commits, diffStat, null, null, null, 0, null);
    }

    private CollectedWorkstream collect(Workstream w, Worktree worktree) {
        context.listener().step(w.id(), "collecting results");
        SafeFiles.directories(context.layout().outDir(), context.layout().workstreamDir(w.id()));
        return context.collector().collect(new CollectRequest(w.id(), worktree.path(), w.branch(), context.baseSha(),
                context.layout().workstreamDir(w.id()), context.options().identity(), null,
                worktree.dependencies().stream().map(DeliveredDependency::head).toList(), context.secrets()));
    }

    private String relative(Path file) {
        return file == null ? null : context.layout().outDir().relativize(file.toAbsolutePath()).toString();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
