package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.worktree.BranchBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * On the agent, before a workstream is prepared: what an earlier build of the job left of it in the job's repository.
 * <ul>
 * <li>A branch missing here (the earlier build ran on another agent) is brought back from that build's archived
 * bundle, at the head it recorded.</li>
 * <li>A branch still at the head of an earlier success, or with commits on top of it (a person's), is done.</li>
 * <li>A branch kept to go on from must be that head or built on it; with no head recorded, built on a base of the
 * job. Anything else was not left by this job's builds, and is refused with both commits named.</li>
 * </ul>
 */
final class EarlierWork {
    /** A workstream an earlier build finished, taken as done: its branch's head and the reason shown. */
    record Done(String head, int commits, String reason) {
    }

    private final GitCli git;

    EarlierWork(GitCli git) {
        this.git = git;
    }

    Optional<Done> check(Path repo, WorkstreamSetup setup, Path workspace) {
        String ref = "refs/heads/" + setup.branch;
        Optional<String> tip = git.tryRevParse(repo, ref);
        if (tip.isEmpty() && setup.priorHead != null) {
            tip = restore(repo, setup, workspace);
        }
        if (tip.isEmpty()) {
            return Optional.empty();
        }
        String head = tip.get();
        boolean atRecorded = head.equals(setup.priorHead);
        boolean builtOnRecorded = setup.priorHead != null && !atRecorded && git.hasCommit(repo, setup.priorHead)
                && git.isAncestor(repo, setup.priorHead, head);
        if (setup.priorSucceeded && (atRecorded || builtOnRecorded)) {
            int commits = git.countCommits(repo, List.of(head, "^" + setup.baseCommit));
            String reason = "done in build #" + setup.priorBuild + (atRecorded
                    ? " (its branch is still at " + abbreviate(head) + "); not run again"
                    : "; its branch has " + git.countCommits(repo, setup.priorHead + ".." + head) + " commit(s) made"
                            + " after that build, honoured and merged as it is");
            return Optional.of(new Done(head, commits, reason));
        }
        if (setup.priorHead != null && !atRecorded && !builtOnRecorded) {
            throw new IllegalStateException("the branch " + setup.branch + " in " + repo + " is at " + head
                    + ", which is neither the head build #" + setup.priorBuild + " of this job recorded ("
                    + setup.priorHead + ") nor built on it, so this job's builds did not leave it there. Look at it"
                    + " (git -C " + repo + " log " + setup.branch + "), then move it away (git -C " + repo
                    + " branch -m " + setup.branch + " " + setup.branch + "-kept) and run again");
        }
        if (setup.priorHead == null && !builtOnABase(repo, head, setup)) {
            throw new IllegalStateException("the branch " + setup.branch + " in " + repo + " is at " + head
                    + ", which is not built on this run's base " + setup.baseCommit + (setup.priorBase == null ? ""
                    : " nor on " + setup.priorBase + ", the base of build #" + setup.priorBuild) + ", so this job's"
                    + " builds did not leave it there. Look at it (git -C " + repo + " log " + setup.branch + "),"
                    + " then move it away (git -C " + repo + " branch -m " + setup.branch + " " + setup.branch
                    + "-kept) and run again");
        }
        return Optional.empty();
    }

    /**
     * With {@code push: true} the repository's branch is the truth: commits a person pushed on top of what the job
     * left (a conflict fixed by hand) move the job's branch up to them, so they are honoured, never overwritten. Only a
     * fast-forward from the job's branch (or, on an agent without it, from the recorded head) is taken; a kept
     * worktree on the branch is left as it is.
     *
     * @param shared the agent's shared cache, just fetched: the repository's branches are its {@code refs/remotes/origin/*}
     */
    void followPushedBranch(Path shared, Path repo, WorkstreamSetup setup, Path worktree) {
        Optional<String> pushed = git.tryRevParse(shared, "refs/remotes/origin/" + setup.branch);
        if (pushed.isEmpty() || java.nio.file.Files.exists(worktree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<String> local = git.tryRevParse(repo, "refs/heads/" + setup.branch);
        String from = local.orElse(setup.priorHead);
        if (pushed.get().equals(from) || !git.hasCommit(repo, from) || !git.isAncestor(repo, from, pushed.get())) {
            return;
        }
        git.updateRef(repo, "refs/heads/" + setup.branch, pushed.get(), local.orElse(""),
                "dispatch-plan: commits pushed to the repository's " + setup.branch + " after build #" + setup.priorBuild);
    }

    private boolean builtOnABase(Path repo, String head, WorkstreamSetup setup) {
        return git.isAncestor(repo, setup.baseCommit, head)
                || setup.priorBase != null && git.hasCommit(repo, setup.priorBase) && git.isAncestor(repo, setup.priorBase, head);
    }

    /** The branch at the recorded head, from the earlier build's archived bundle when the controller sent it. */
    private Optional<String> restore(Path repo, WorkstreamSetup setup, Path workspace) {
        Path bundle = workspace.resolve(io.jenkins.plugins.dispatchplan.config.RunSettings.ARTIFACTS_DIR)
                .resolve(io.jenkins.plugins.dispatchplan.run.EarlierArtifacts.bundle(setup.id));
        if (SafeFiles.kind(workspace, bundle) != SafeFiles.Kind.FILE) {
            return Optional.empty();
        }
        new BranchBundle(git).importCommit(repo, bundle, setup.branch, setup.priorHead);
        git.updateRef(repo, "refs/heads/" + setup.branch, setup.priorHead, "",
                "dispatch-plan: the head build #" + setup.priorBuild + " recorded, from its archived bundle");
        return Optional.of(setup.priorHead);
    }

    private static String abbreviate(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }
}
