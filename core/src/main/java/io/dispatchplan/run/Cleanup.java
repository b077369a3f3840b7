package io.dispatchplan.run;

import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.worktree.CleanupResult;
import io.dispatchplan.worktree.WorktreeManager;
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
        if (reports.size() >= IntegrationStage.LONG_PHASE) {
            context.listener().message("removing " + reports.size() + " worktree(s) (their branches stay)");
        }
        int removed = 0;
        for (WorkstreamReport report : reports) {
            if (++removed % 100 == 0) {
                context.listener().message("removed " + removed + " of " + reports.size() + " worktrees");
            }
            remove(WorktreeManager.pathFor(options.worktreeRoot(), feature, report.id()), report.branch(),
                    context.layout().workstreamDir(report.id()));
        }
        remove(WorktreeManager.pathFor(options.worktreeRoot(), feature, IntegrationStage.INTEGRATION),
                feature + "/" + IntegrationStage.INTEGRATION, null);
    }

    private void remove(Path worktree, String branch, Path archive) {
        if (!Files.isDirectory(worktree)) {
            return;
        }
        if (archive != null) {
            ResultCollector.removeArchivedCopies(worktree, archive);
        }
        CleanupResult result = context.worktrees().cleanup(context.options().repository(), worktree, branch, branch,
                false, false);
        if (!result.worktreeRemoved()) {
            context.listener().message(result.message());
        }
    }
}
