package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RepositoryLock;
import io.dispatchplan.git.WorktreeEntry;
import io.dispatchplan.worktree.WorktreeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives the integration a fresh worktree with the integration branch at the base commit. A branch left by an earlier
 * run is re-created from the base only when everything on it will be merged again: commits that no workstream
 * branch holds, or merges resolved by hand, make it refuse, so no work on the integration branch is ever lost.
 */
final class IntegrationWorkspace {

    /**
     * The prepared worktree.
     *
     * @param worktree the integration worktree, on the integration branch, clean
     * @param baseSha the base commit, full sha
     * @param replacedHead where the re-created branch pointed before; null when it was new or at the base already
     */
    record Prepared(Path worktree, String baseSha, String replacedHead) {
    }

    private final GitCli git;
    private final Duration lockTimeout;

    IntegrationWorkspace(GitCli git, Duration lockTimeout) {
        this.git = git;
        this.lockTimeout = lockTimeout;
    }

    Prepared prepare(IntegrationRequest r) {
        return prepare(r, null);
    }

    /**
     * @param lastHead where the previous call of a resumed integration left the branch: a branch found there is this
     *     integration's own, re-created as it is made again, so it is neither checked for nor kept aside
     */
    Prepared prepare(IntegrationRequest r, String lastHead) {
        Path repo = r.repository();
        Path path = r.integrationWorktree();
        String branch = r.integrationBranch();
        if (!git.isValidBranchName(branch)) {
            throw new IntegrationException("'" + branch + "' is not a valid git branch name for the integration "
                    + "branch: choose another name");
        }
        String base = git.revParse(repo, r.baseSha());
        String replaced = null;
        try (RepositoryLock lock = RepositoryLock.forGitDir(git.commonDir(repo), lockTimeout)) {
            List<WorktreeEntry> entries = worktrees(repo);
            Optional<WorktreeEntry> atPath = entries.stream().filter(e -> WorktreeManager.samePath(e.path(), path)).findFirst();
            Optional<WorktreeEntry> onBranch = entries.stream().filter(e -> branch.equals(e.branch())).findFirst();
            if (onBranch.isPresent() && !WorktreeManager.samePath(onBranch.get().path(), path)) {
                throw new IntegrationException("the integration branch " + branch + " is checked out in "
                        + onBranch.get().path() + ". Switch that worktree to another branch (or remove it) so the "
                        + "integration can use the branch");
            }
            if (atPath.isPresent()) {
                if (!branch.equals(atPath.get().branch())) {
                    throw new IntegrationException(path + " is a worktree on "
                            + (atPath.get().branch() == null ? "a detached HEAD" : "branch " + atPath.get().branch())
                            + ", not on the integration branch " + branch + ". Remove it (git worktree remove "
                            + path + ") or give the integration another directory");
                }
                settle(path);
            } else {
                refuseOccupied(path);
            }
            boolean exists = git.branchExists(repo, branch);
            String tip = exists ? git.revParse(repo, "refs/heads/" + branch) : null;
            boolean ours = exists && tip.equals(lastHead);
            boolean holdsResolutions = false;
            if (exists && !tip.equals(base) && !ours) {
                holdsResolutions = refuseToLoseWork(repo, branch, tip, base, r.branches());
            }
            // Checked: from here on nothing is lost.
            if (atPath.isPresent()) {
                // Re-made below: this also drops untracked build output of an earlier verify.
                git.worktreeRemove(repo, path, true);
            }
            if (!exists) {
                git.createBranch(repo, branch, base, false);
            } else if (!tip.equals(base)) {
                if (!ours) {
                    keepWhatWouldDangle(repo, branch, tip, holdsResolutions);
                    replaced = tip;
                }
                git.createBranch(repo, branch, base, true);
            }
            git.worktreeAddExistingBranch(repo, path, branch, false);
        }
        // Outside the lock: only this worktree's files change.
        git.populateWorktree(path);
        return new Prepared(path, base, replaced);
    }

    /** Ends a merge a crashed run left behind; refuses when someone edited tracked files by hand. */
    private void settle(Path worktree) {
        if (Files.exists(git.gitPath(worktree, "MERGE_HEAD"))) {
            git.run(worktree, "merge", "--abort");
        }
        if (git.hasUncommittedChanges(worktree)) {
            throw new IntegrationException("the integration worktree " + worktree + " holds uncommitted changes to "
                    + "tracked files (a conflict being resolved by hand?). Commit them to the integration branch, or "
                    + "discard them (git -C " + worktree + " reset --hard), then run the integration again");
        }
    }

    /**
     * Refuses to re-create an integration branch holding work that only it has: commits made on it by hand, or
     * merges resolved by hand. What our own earlier merges of workstream branches brought in is not such work,
     * even when that workstream is not merged this time or its branch moved: it came from a workstream branch.
     *
     * @return whether it holds merges our resolver worker resolved (work too, but ours: kept aside, not refused)
     */
    private boolean refuseToLoseWork(Path repo, String branch, String tip, String base, List<BranchToMerge> branches) {
        List<String> args = new ArrayList<>(List.of("rev-list", "--no-merges", tip, "^" + base));
        List<String> merges = new ArrayList<>(List.of("rev-list", "--merges", tip, "^" + base));
        for (BranchToMerge b : branches) {
            if (git.branchExists(repo, b.branch())) {
                args.add("^refs/heads/" + b.branch());
            }
        }
        for (String merged : ourMergedBranchTips(repo, tip, base)) {
            args.add("^" + merged);
        }
        args.add("--");
        String foreign = git.output(repo, args.toArray(String[]::new));
        if (!foreign.isEmpty()) {
            List<String> shas = foreign.lines().toList();
            throw new IntegrationException("the integration branch " + branch + " from an earlier run, in the repository "
                    + repo + ", holds " + shas.size() + " commit(s) that no workstream branch being merged has (newest: "
                    + describe(repo, shas.get(0)) + "), perhaps fixes made by hand. Re-creating it from the base "
                    + "would drop them, so it was kept. See them with: git -C " + repo + " log --oneline " + base + ".."
                    + branch + ". Merge them into a workstream branch, or keep them on a branch of their own with: git -C "
                    + repo + " branch -m " + branch + " " + branch + "-kept; then run the integration again");
        }
        merges.add("--");
        boolean resolutions = false;
        for (String merge : git.output(repo, merges.toArray(String[]::new)).lines().toList()) {
            if (resolvedByOurResolver(repo, merge)) {
                resolutions = true;
                continue; // resolved again by this run's resolver; the old branch is kept below (-previous-N)
            }
            // A combined diff shows only what differs from every parent: a conflict resolved or an edit made by hand.
            String combined = git.output(repo, "show", "--cc", "--format=", "--no-color", "--no-ext-diff", merge);
            if (!combined.isBlank()) {
                throw new IntegrationException("the integration branch " + branch + " from an earlier run, in the "
                        + "repository " + repo + ", holds the merge " + describe(repo, merge) + ", which changes files"
                        + " beyond what it merged (a conflict resolved by hand?). Re-creating the branch from the base"
                        + " would drop that, so it was kept. See it with: git -C " + repo + " show --cc " + merge
                        + ". Bring the resolution into the workstream branch, or keep it on a branch of its own with: git -C "
                        + repo + " branch -m " + branch + " " + branch + "-kept; then run the integration again");
            }
        }
        return resolutions;
    }

    /** Whether {@code merge} is one of ours whose conflicts the resolver worker resolved (its trailer says so). */
    private boolean resolvedByOurResolver(Path repo, String merge) {
        String message = git.output(repo, "log", "-1", "--format=%B", merge);
        return message.startsWith(BranchMerger.MERGE_MESSAGE_PREFIX) && message.lines()
                .anyMatch(line -> line.startsWith(ConflictResolver.RESOLVED_BY + ": dispatch-plan resolver"));
    }

    /**
     * A workstream branch an earlier integration merged may have been moved back or deleted since: then only the old
     * integration branch still holds those commits. They get a branch of their own ({@code <branch>-previous-N})
     * before it is re-created, so nothing becomes unreachable.
     */
    private void keepWhatWouldDangle(Path repo, String branch, String tip, boolean holdsResolutions) {
        // Our plain merge commits are made again from the branches; only a commit of work no other branch has, or a
        // merge holding the resolver's resolution (refuseToLoseWork found those), would be lost with the old tip.
        if (!holdsResolutions && git.countCommits(repo, List.of("--no-merges", tip, "--not", "--exclude=" + branch,
                "--branches")) == 0) {
            return;
        }
        for (int n = 1; ; n++) {
            String kept = branch + "-previous-" + n;
            if (!git.branchExists(repo, kept)) {
                git.createBranch(repo, kept, tip, false);
                return;
            }
        }
    }

    /** The workstream tips our own merge commits on the integration branch brought in (their second parents). */
    private List<String> ourMergedBranchTips(Path repo, String tip, String base) {
        List<String> tips = new ArrayList<>();
        for (String line : git.output(repo, "log", "--first-parent", "--merges", "--format=%P%x09%s", tip, "^" + base, "--")
                .lines().toList()) {
            String[] parentsAndSubject = line.split("\t", 2);
            String[] parents = parentsAndSubject[0].split(" ");
            if (parents.length == 2 && parentsAndSubject.length == 2
                    && parentsAndSubject[1].startsWith(BranchMerger.MERGE_MESSAGE_PREFIX)) {
                tips.add(parents[1]);
            }
        }
        return tips;
    }

    private String describe(Path repo, String sha) {
        return git.output(repo, "log", "-1", "--format=%h \"%s\"", sha);
    }

    private List<WorktreeEntry> worktrees(Path repo) {
        List<WorktreeEntry> entries = git.worktreeList(repo);
        if (entries.stream().anyMatch(WorktreeEntry::prunable)) {
            git.worktreePrune(repo);
            entries = git.worktreeList(repo);
        }
        return entries;
    }

    private static void refuseOccupied(Path path) {
        if (!WorktreeManager.isFreeFor(path)) {
            throw new IntegrationException(path + " exists and is not a worktree of this repository: move it away or "
                    + "give the integration another directory");
        }
    }
}
