package io.dispatchplan.collect;

import io.dispatchplan.git.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a git operation a worker left unfinished in its worktree (a merge, rebase, cherry-pick, revert). */
final class WorktreeOperation {

    private WorktreeOperation() {
    }

    /** What is unfinished, as a phrase ("a merge in progress"), or empty when the worktree is at rest. */
    static Optional<String> inProgress(GitCli git, Path worktree) {
        Path gitDir = Path.of(git.output(worktree, "rev-parse", "--absolute-git-dir"));
        if (Files.isDirectory(gitDir.resolve("rebase-merge")) || Files.isDirectory(gitDir.resolve("rebase-apply"))) {
            return Optional.of("a rebase in progress");
        }
        if (Files.exists(gitDir.resolve("MERGE_HEAD"))) {
            return Optional.of("a merge in progress");
        }
        if (Files.exists(gitDir.resolve("CHERRY_PICK_HEAD"))) {
            return Optional.of("a cherry-pick in progress");
        }
        if (Files.exists(gitDir.resolve("REVERT_HEAD"))) {
            return Optional.of("a revert in progress");
        }
        if (!git.output(worktree, "diff", "--name-only", "--diff-filter=U").isEmpty()) {
            return Optional.of("unresolved conflicts");
        }
        return Optional.empty();
    }
}
