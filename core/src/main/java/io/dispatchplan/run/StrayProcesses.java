package io.dispatchplan.run;

import io.dispatchplan.plan.Workstream;
import io.dispatchplan.process.WorkerProcesses;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worker.WorkerEnvironment;
import io.dispatchplan.worktree.WorktreeManager;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Processes of a workstream's worker that outlive it: found by the {@code TASKS_FILE} every one of them inherits
 * (unique to the worktree), wherever they went, and stopped.
 */
final class StrayProcesses {
    private final RunContext context;
    private final Workstream workstream;

    StrayProcesses(RunContext context, Workstream workstream) {
        this.context = context;
        this.workstream = workstream;
    }

    /**
     * A run that was killed can leave its worker running in the worktree; it is stopped before another worker
     * starts there, so two never write the same files.
     */
    void stopOrphans() {
        String stopped = stop();
        if (stopped != null) {
            context.listener().message(workstream.id() + ": stopped " + stopped + " of an earlier run, still working in"
                    + " its worktree, before starting again");
        }
    }

    /** Background processes the worker left running are stopped before collecting; what they wrote is collected. */
    String stopLeftovers() {
        String stopped = stop();
        return stopped == null ? null : "the worker left " + stopped + " running: stopped before collecting";
    }

    /** Stops every process carrying this workstream's TASKS_FILE; says which ("2 process(es) (pid 1, 2)"), or null. */
    private String stop() {
        Path tasks = WorktreeManager.pathFor(context.options().worktreeRoot(), context.plan().feature(), workstream.id())
                .resolve(TaskFiles.TASKS);
        List<Long> stopped = WorkerProcesses.stopAll(WorkerEnvironment.TASKS_FILE, tasks.toString());
        return stopped.isEmpty() ? null : stopped.size() + " process(es) (pid " + stopped.stream()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
}
