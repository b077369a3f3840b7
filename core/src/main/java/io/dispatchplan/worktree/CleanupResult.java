package io.dispatchplan.worktree;

/**
 * What cleaning up a workstream did.
 *
 * @param worktreeRemoved whether the worktree directory was removed
 * @param branch what happened to the branch
 * @param unmergedCommits commits that kept the branch alive (for {@link BranchOutcome#KEPT_UNMERGED})
 * @param message one line for the log
 */
public record CleanupResult(boolean worktreeRemoved, BranchOutcome branch, int unmergedCommits, String message) {

    public enum BranchOutcome {
        /** Every commit was merged: the branch is gone. */
        DELETED,
        /** Commits not merged: the branch stays so no work is lost. */
        KEPT_UNMERGED,
        /** Kept because deleting was not asked for (or the worktree could not be removed). */
        KEPT,
        /** There was no such branch. */
        ABSENT
    }
}
