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
    /** What the engine itself puts in a worktree and keeps out of git: not the worker's files. */
    private static final List<String> OURS = List.of("TASKS.md", "COORDINATION.md", "RESULTS.md", ".env");

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
        List<String> ignored = ignoredFiles(worktree);
        CleanupResult result = context.worktrees().cleanup(context.options().repository(), worktree, branch, branch,
                false, false);
        if (!result.worktreeRemoved()) {
            context.listener().message(result.message());
        } else if (!ignored.isEmpty()) {
            context.listener().message("removed " + worktree + " with " + ignored.size() + " file(s) git ignores (e.g. "
                    + String.join(", ", ignored.subList(0, Math.min(3, ignored.size()))) + "); they are not on the branch."
                    + " Use --keep-worktrees to keep such files");
        }
    }

    /** Files in the worktree that git ignores (build output, a .gitignore'd file), apart from the engine's own. */
    private List<String> ignoredFiles(Path worktree) {
        io.dispatchplan.process.ProcessResult result = context.git().tryRun(worktree, List.of("ls-files", "--others",
                "--ignored", "--exclude-standard", "--directory", "-z"));
        if (!result.succeeded()) {
            return List.of();
        }
        return java.util.Arrays.stream(result.stdout().split("\0")).filter(p -> !p.isEmpty() && !OURS.contains(p))
                .toList();
    }
}
