package io.dispatchplan.run;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.integrate.EarlyConflictCheck;
import io.dispatchplan.integrate.IntegrationRequest;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.PredictedConflict;
import io.dispatchplan.report.WorkstreamReport;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Passes every event on to the run's listener and, when a workstream that will be merged finishes, checks its branch
 * against the other finished ones ({@link EarlyConflictCheck}) and tells the listener of each predicted conflict at
 * once, before the integration. Forwards every {@link RunListener} method: a new one must be forwarded here too.
 */
final class ConflictWarnings implements RunListener {
    private final RunListener next;
    private final DependencyGraph graph;
    private final EarlyConflictCheck check;
    private final boolean mergeUnstable;

    ConflictWarnings(GitCli git, Path repository, DependencyGraph graph, boolean mergeUnstable, RunListener next) {
        this.next = next;
        this.graph = graph;
        this.mergeUnstable = mergeUnstable;
        this.check = new EarlyConflictCheck(git, repository, IntegrationRequest.DEFAULT_REPORT_FILES);
    }

    List<PredictedConflict> predicted() {
        return check.predicted();
    }

    @Override
    public void finished(WorkstreamReport report) {
        next.finished(report);
        boolean merged = WorkstreamState.SUCCEEDED.name().equals(report.status())
                || mergeUnstable && WorkstreamState.UNSTABLE.name().equals(report.status());
        if (merged && report.headSha() != null && report.commits() > 0) {
            check.finished(report.id(), report.branch(), report.headSha(), relatives(report.id()))
                    .forEach(next::conflictPredicted);
        }
    }

    /** Everything {@code id} depends on or that depends on it, directly or not. */
    private Set<String> relatives(String id) {
        Set<String> relatives = new HashSet<>(graph.transitiveDependents(id));
        Deque<String> todo = new ArrayDeque<>(graph.dependsOn(id));
        while (!todo.isEmpty()) {
            String dependency = todo.pop();
            if (relatives.add(dependency)) {
                todo.addAll(graph.dependsOn(dependency));
            }
        }
        return relatives;
    }

    @Override
    public void message(String text) {
        next.message(text);
    }

    @Override
    public void base(String ref, String sha) {
        next.base(ref, sha);
    }

    @Override
    public void waiting(String id, List<String> dependencies) {
        next.waiting(id, dependencies);
    }

    @Override
    public void started(String id) {
        next.started(id);
    }

    @Override
    public void step(String id, String what) {
        next.step(id, what);
    }

    @Override
    public void activity(String id, io.dispatchplan.worker.WorkerActivity activity) {
        next.activity(id, activity);
    }

    @Override
    public void conflictPredicted(PredictedConflict conflict) {
        next.conflictPredicted(conflict);
    }

    @Override
    public void integrating(List<String> branches) {
        next.integrating(branches);
    }

    @Override
    public void integrated(IntegrationResult result) {
        next.integrated(result);
    }
}
