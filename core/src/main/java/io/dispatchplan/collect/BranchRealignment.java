package io.dispatchplan.collect;

import io.dispatchplan.git.GitCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Puts the workstream branch back in charge when the worker left its worktree on a detached HEAD or another
 * branch: commits made there that build on the workstream branch are taken into it (a fast-forward); commits
 * that do not are left where they are and reported, never thrown away.
 */
final class BranchRealignment {

    private final GitCli git;

    BranchRealignment(GitCli git) {
        this.git = git;
    }

    void realign(Path worktree, String branch, List<String> problems, List<String> notes) {
        Optional<String> current = git.currentBranch(worktree);
        if (current.isPresent() && current.get().equals(branch)) {
            return;
        }
        String where = current.map(b -> "branch " + b).orElse("a detached HEAD");
        String head = git.revParse(worktree, "HEAD");
        Optional<String> tip = git.tryRevParse(worktree, "refs/heads/" + branch);
        if (tip.isEmpty()) {
            return;
        }
        if (!git.isAncestor(worktree, tip.get(), head)) {
            problems.add("the worker left the worktree on " + where + " at " + head.substring(0, 12)
                    + ", which is not on branch " + branch + ": those commits were not collected; merge them into "
                    + branch + " by hand");
            return;
        }
        if (!tip.get().equals(head)) {
            // Compare-and-swap: moves the branch only if nobody moved it meanwhile.
            git.run(worktree, "update-ref", "-m", "dispatch-plan: collect work left on " + where,
                    "refs/heads/" + branch, head, tip.get());
        }
        git.run(worktree, "checkout", "--quiet", branch);
        notes.add("the worker left the worktree on " + where + "; branch " + branch + " now holds its commits"
                + " and is checked out again");
    }
}
