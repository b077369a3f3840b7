package io.dispatchplan.collect;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps work that cannot go onto the workstream branch as it is: under a branch of its own,
 * {@code <branch>-recovered-N}, so no commit is ever left dangling.
 */
final class WorkRecovery {
    private final GitCli git;

    WorkRecovery(GitCli git) {
        this.git = git;
    }

    /** Points a new {@code <branch>-recovered-N} branch at {@code commit}; returns its name. */
    String keep(Path worktree, String branch, String commit) {
        for (int n = 1; ; n++) {
            String name = branch + "-recovered-" + n;
            if (!git.branchExists(worktree, name)) {
                git.createBranch(worktree, name, commit, false);
                return name;
            }
        }
    }

    /**
     * Saves the worktree as it is (conflict markers and all) as a commit on a recovery branch, then aborts the
     * operation the worker left unfinished: the worktree is back at rest and nothing it held is lost.
     *
     * @return the recovery branch
     */
    String saveAndAbort(Path worktree, String branch, String operation, CommitIdentity identity,
            List<String> notForTheBranch) {
        String tree = snapshot(worktree, notForTheBranch);
        String state = git.commitTree(worktree, tree, List.of(git.revParse(worktree, "HEAD")),
                "dispatch-plan: the worktree of " + branch + " with " + operation + ", saved before aborting it",
                identity);
        String kept = keep(worktree, branch, state);
        for (List<String> abort : List.of(List.of("merge", "--abort"), List.of("rebase", "--abort"),
                List.of("cherry-pick", "--abort"), List.of("revert", "--abort"))) {
            if (WorktreeOperation.inProgress(git, worktree).isEmpty()) {
                break;
            }
            git.tryRun(worktree, abort);
        }
        if (WorktreeOperation.inProgress(git, worktree).isPresent()) {
            // Nothing else worked: the saved commit holds the state, so a hard reset loses nothing.
            git.run(worktree, "reset", "--quiet", "--hard", "HEAD");
        }
        return kept;
    }

    /**
     * Whether every commit in {@code head} that {@code from} lacks is the worker's own: on no other branch of the
     * repository. A worker that checked out someone's branch must not bring that branch's history in.
     */
    boolean onlyOwnCommits(Path worktree, String head, Optional<String> from, String branch) {
        List<String> range = new ArrayList<>(List.of(head));
        from.ifPresent(f -> range.add("^" + f));
        int all = git.countCommits(worktree, range);
        List<String> notElsewhere = new ArrayList<>(range);
        notElsewhere.addAll(List.of("--not", "--exclude=" + branch, "--branches"));
        return git.countCommits(worktree, notElsewhere) == all;
    }

    /**
     * The worktree's files as a tree, through an index of its own: the worktree's index (conflict stages and all)
     * stays as it is for the abort.
     */
    private String snapshot(Path worktree, List<String> notForTheBranch) {
        Path index = git.gitPath(worktree, "dispatch-plan-snapshot.index");
        Map<String, String> ownIndex = Map.of("GIT_INDEX_FILE", index.toString());
        try {
            run(worktree, ownIndex, List.of("add", "--all"));
            List<String> unstage = new ArrayList<>(List.of("rm", "--cached", "--quiet", "--ignore-unmatch", "--"));
            notForTheBranch.forEach(p -> unstage.add(":(top,literal)" + p));
            run(worktree, ownIndex, unstage);
            return run(worktree, ownIndex, List.of("write-tree")).stdout().strip();
        } finally {
            try {
                Files.deleteIfExists(index);
            } catch (IOException e) {
                // a left-over scratch index harms nothing: the next snapshot starts it afresh with 'add --all'
            }
        }
    }

    private ProcessResult run(Path worktree, Map<String, String> env, List<String> args) {
        ProcessResult result = git.runner().run(git.spec(worktree, args).env(env));
        if (!result.succeeded()) {
            throw new GitException(args, worktree, result.exitCode(), result.stderr(), result.timedOut());
        }
        return result;
    }
}
