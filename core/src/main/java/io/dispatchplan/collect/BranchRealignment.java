package io.dispatchplan.collect;

import io.dispatchplan.git.GitCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Puts the workstream branch back in charge when the worker left its worktree on a detached HEAD, on another
 * branch, or deleted the branch. Commits that are the worker's own and build on the workstream branch are taken
 * into it (a fast-forward, or the branch made again); anything else is kept on a recovery branch and reported.
 * Either way the workstream branch is checked out again and no commit is left dangling.
 */
final class BranchRealignment {

    private final GitCli git;
    private final WorkRecovery recovery;

    BranchRealignment(GitCli git) {
        this.git = git;
        this.recovery = new WorkRecovery(git);
    }

    /**
     * @param where where the worker left the worktree, e.g. {@code branch develop}; null when on the branch
     * @param base the run's base: a deleted branch is made again only from commits that descend from it
     */
    void realign(Path worktree, String branch, String where, String base, List<String> problems, List<String> notes) {
        if (where == null) {
            return;
        }
        String head = git.revParse(worktree, "HEAD");
        Optional<String> tip = git.tryRevParse(worktree, "refs/heads/" + branch);
        boolean buildsOnBranch = tip.isPresent() ? git.isAncestor(worktree, tip.get(), head) : git.isAncestor(worktree, base, head);
        if (buildsOnBranch && recovery.onlyOwnCommits(worktree, head, tip.isPresent() ? tip : Optional.of(base), branch)) {
            if (tip.isEmpty()) {
                git.createBranch(worktree, branch, head, false);
                notes.add("the worker deleted branch " + branch + " and left its worktree on " + where + "; the branch"
                        + " was made again at " + head.substring(0, 12) + " with its commits, and is checked out again");
            } else {
                if (!tip.get().equals(head)) {
                    // Compare-and-swap: moves the branch only if nobody moved it meanwhile.
                    git.updateRef(worktree, "refs/heads/" + branch, head, tip.get(),
                            "dispatch-plan: collect work left on " + where);
                }
                notes.add("the worker left the worktree on " + where + "; branch " + branch + " now holds its commits"
                        + " and is checked out again");
            }
            git.run(worktree, "checkout", "--quiet", branch);
            return;
        }
        String kept = onNoOtherBranch(worktree, head, branch) ? recovery.keep(worktree, branch, head) : null;
        if (tip.isEmpty()) {
            git.createBranch(worktree, branch, base, false);
        }
        git.run(worktree, "checkout", "--quiet", branch);
        problems.add("the worker left the worktree on " + where + " at " + head.substring(0, 12) + ", which is not on"
                + " branch " + branch + (kept != null ? ": that work is kept as branch " + kept + ", not merged; merge"
                + " what belongs to this workstream into " + branch + " by hand" : ": those commits are on that branch"
                + " and were not taken into " + branch) + (tip.isEmpty() ? "; " + branch + " was deleted and is made"
                + " again at the base" : ""));
    }

    /** Whether {@code head} holds a commit no branch has: only a recovery branch keeps it from dangling. */
    private boolean onNoOtherBranch(Path worktree, String head, String branch) {
        return git.countCommits(worktree, List.of(head, "--not", "--branches")) > 0;
    }
}
