package io.dispatchplan.run;

import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.integrate.BranchToMerge;
import io.dispatchplan.integrate.IntegrationRequest;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.Integrator;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.worktree.WorktreeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges, in dependency order, every workstream that succeeded (and, unless turned off, every unstable one,
 * flagged). Failed and skipped workstreams are not merged; their branches stay for inspection.
 */
final class IntegrationStage {
    static final String INTEGRATION = "integration";

    private final RunContext context;

    IntegrationStage(RunContext context) {
        this.context = context;
    }

    /** From this many branches on, each merge is reported as it is made. */
    static final int LONG_PHASE = 20;

    private int done;

    /** One line per merge: with thousands of branches the integration takes minutes and must be seen to move. */
    private void progress(io.dispatchplan.integrate.MergeRecord merge, int total) {
        done++;
        if (total < LONG_PHASE) {
            return; // short: the summary at the end says it all
        }
        context.listener().message("integration: " + merge.workstreamId() + " "
                + merge.status().name().toLowerCase().replace('_', ' ') + " (" + done + " of " + total + ")");
    }

    /** The run's resolver, given the workstreams' archived notes, the workers' variables, the run's name and secrets. */
    private io.dispatchplan.integrate.ResolverOptions resolver() {
        RunOptions options = context.options();
        return options.resolver() == null ? null : options.resolver()
                .withNotesDir(context.layout().workstreamsDir())
                .withRun(options.workerEnvironment(), options.job(), context.secrets());
    }

    IntegrationResult integrate(Scheduler scheduler, List<WorkstreamReport> reports) {
        Map<String, WorkstreamReport> byId = LocalDispatcher.byId(reports);
        List<BranchToMerge> branches = new ArrayList<>();
        for (String id : scheduler.graph().topologicalOrder()) {
            WorkstreamReport report = byId.get(id);
            boolean succeeded = WorkstreamState.SUCCEEDED.name().equals(report.status());
            boolean unstable = WorkstreamState.UNSTABLE.name().equals(report.status());
            if (succeeded || (unstable && context.options().mergeUnstable())) {
                branches.add(new BranchToMerge(id, report.branch(), unstable, scheduler.graph().dependsOn(id)));
            }
        }
        RunOptions options = context.options();
        String feature = context.plan().feature();
        context.listener().integrating(branches.stream().map(BranchToMerge::branch).toList());
        WorktreeManager.requireNoLinks(options.worktreeRoot(), WorktreeManager.pathFor(options.worktreeRoot(), feature,
                INTEGRATION));
        IntegrationResult result = new Integrator(context.git(), context.runner())
                .integrate(new IntegrationRequest(options.repository(), feature, context.baseSha(),
                        feature + "/" + INTEGRATION, branches, options.conflictPolicy(), options.verifyCommand(),
                        options.verifyTimeout(), WorktreeManager.pathFor(options.worktreeRoot(), feature, INTEGRATION),
                        options.identity()).withVerifyEach(options.verifyEach()).withResolver(resolver()),
                merge -> progress(merge, branches.size()));
        context.listener().integrated(result);
        return result;
    }
}
