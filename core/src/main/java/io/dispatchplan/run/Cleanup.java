package io.dispatchplan.run;

import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worktree.CleanupResult;
import io.dispatchplan.worktree.WorktreeManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Removes the run's worktrees at the end. Branches always stay (failed and skipped ones hold work to inspect,
 * merged ones are cheap); a worktree that still holds uncommitted files is kept and said so.
 */
final class Cleanup {
    private final RunContext context;

    Cleanup(RunContext context) {
        this.context = context;
    }

    void removeWorktrees(List<WorkstreamReport> reports) {
        RunOptions options = context.options();
        String feature = context.plan().feature();
        for (WorkstreamReport report : reports) {
            remove(WorktreeManager.pathFor(options.worktreeRoot(), feature, report.id()), report.branch());
        }
        remove(WorktreeManager.pathFor(options.worktreeRoot(), feature, IntegrationStage.INTEGRATION),
                feature + "/" + IntegrationStage.INTEGRATION);
    }

    private void remove(Path worktree, String branch) {
        if (!Files.isDirectory(worktree)) {
            return;
        }
        // Archived with the run (workstreams/<id>/): the only files collecting leaves uncommitted on purpose.
        for (String archived : List.of(TaskFiles.RESULTS, TaskFiles.TASKS)) {
            try {
                Files.deleteIfExists(worktree.resolve(archived));
            } catch (IOException e) {
                context.listener().message("could not delete " + worktree.resolve(archived) + ": " + e.getMessage());
            }
        }
        CleanupResult result = context.worktrees().cleanup(context.options().repository(), worktree, branch, branch,
                false, false);
        if (!result.worktreeRemoved()) {
            context.listener().message(result.message());
        }
    }
}
