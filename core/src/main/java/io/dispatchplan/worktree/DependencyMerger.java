package io.dispatchplan.worktree;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.MergeTreeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the commit a dependent workstream starts from: a given commit with each dependency's recorded head merged
 * in, in the order given, one {@code --no-ff} merge commit per dependency. Each merge is proven clean with
 * {@code git merge-tree --write-tree} and made with {@code commit-tree}: no worktree, index or ref is touched, so a
 * conflict leaves nothing behind and no conflict marker can be committed.
 */
public final class DependencyMerger {

    /**
     * @param tip the commit holding every dependency (the starting commit itself when all were there already)
     * @param delivered every dependency, in order, with the merge commit that brought it in now, if any
     */
    public record Result(String tip, List<DeliveredDependency> delivered) {

        public Result {
            delivered = List.copyOf(delivered);
        }

        public boolean mergedAny() {
            return delivered.stream().anyMatch(d -> d.mergeCommit() != null);
        }
    }

    private final GitCli git;
    private final CommitIdentity identity;

    public DependencyMerger(GitCli git, CommitIdentity identity) {
        this.git = git;
        this.identity = identity == null ? CommitIdentity.DEFAULT : identity;
    }

    /** The message of the merge commit that brings {@code dependency} into {@code branch}. */
    public static String mergeMessage(Dependency dependency, String branch) {
        return "Merge dependency " + dependency.id() + " (" + dependency.branch() + ") into " + branch;
    }

    /**
     * Merges each dependency not yet contained in {@code from} into it.
     *
     * @param branch the dependent's branch, for messages
     * @throws DependencyConflictException when a dependency does not merge cleanly; nothing was changed
     */
    public Result mergeInto(Path repo, String from, String branch, List<Dependency> dependencies) {
        String tip = from;
        List<DeliveredDependency> delivered = new ArrayList<>();
        for (Dependency d : dependencies) {
            if (contains(repo, tip, d, branch)) {
                delivered.add(DeliveredDependency.of(d, null));
                continue;
            }
            MergeTreeResult check = git.mergeTree(repo, tip, d.head());
            if (!check.clean()) {
                throw conflict(repo, branch, from, d, delivered, check.conflictedFiles());
            }
            tip = git.commitTree(repo, check.tree(), List.of(tip, d.head()), mergeMessage(d, branch), identity);
            delivered.add(DeliveredDependency.of(d, tip));
        }
        return new Result(tip, delivered);
    }

    /** The message of the merge commit that brings a base that moved forward into a kept {@code branch}. */
    public static String baseMergeMessage(String base, String branch) {
        return "Merge base " + abbreviate(base) + " into " + branch;
    }

    /**
     * Brings the run's base into a kept branch that started from an older one (the base branch moved since the
     * earlier run): one {@code --no-ff} merge commit, proven clean first, or nothing when the branch holds the base.
     *
     * @return the merge commit, or {@code from} itself when the base was there already
     * @throws DependencyConflictException when the new base conflicts with the branch's work; nothing was changed
     */
    public String mergeBase(Path repo, String from, String branch, String base) {
        if (git.isAncestor(repo, base, from)) {
            return from;
        }
        if (git.isAncestor(repo, from, base)) {
            return base; // nothing of its own yet: it simply moves up to the new base
        }
        MergeTreeResult check = git.mergeTree(repo, from, base);
        if (!check.clean()) {
            throw new DependencyConflictException("cannot bring the new base " + abbreviate(base) + " into " + branch
                    + " (at " + abbreviate(from) + "), kept from an earlier run: they conflict in "
                    + String.join(", ", check.conflictedFiles()) + ". Nothing was merged and no conflict marker was"
                    + " committed. Merge the base into " + branch + " and resolve the conflict there, or delete the"
                    + " branch to start it afresh, then run again", List.of(branch), check.conflictedFiles());
        }
        return git.commitTree(repo, check.tree(), List.of(from, base), baseMergeMessage(base, branch), identity);
    }

    private boolean contains(Path repo, String tip, Dependency d, String branch) {
        try {
            return git.isAncestor(repo, d.head(), tip);
        } catch (GitException e) {
            if (!git.hasCommit(repo, d.head())) {
                throw new WorktreeException("cannot start " + branch + ": the commit " + d.head() + " that dependency "
                        + d.id() + " (branch " + d.branch() + ") ended at is not in " + repo + ". Its branch did not"
                        + " arrive here (bring its bundle or fetch its branch first)");
            }
            throw e;
        }
    }

    /** Names what the dependency conflicts with: the earlier dependencies that touch the same files, else the branch. */
    private DependencyConflictException conflict(Path repo, String branch, String from, Dependency d,
            List<DeliveredDependency> earlier, List<String> files) {
        List<DeliveredDependency> clashing = earlier.stream()
                .filter(e -> !git.mergeTree(repo, e.head(), d.head()).clean()).toList();
        String with = clashing.isEmpty() ? "the work already on " + branch + " (at " + abbreviate(from) + ")"
                : (clashing.size() == 1 ? "dependency " : "dependencies ") + clashing.stream()
                        .map(e -> e.id() + " (branch " + e.branch() + ")").collect(Collectors.joining(" and "));
        List<String> branches = new ArrayList<>(clashing.isEmpty() ? List.of(branch)
                : clashing.stream().map(DeliveredDependency::branch).toList());
        branches.add(d.branch());
        return new DependencyConflictException("cannot start " + branch + " from its dependencies: dependency " + d.id()
                + " (branch " + d.branch() + ") conflicts with " + with + " in " + String.join(", ", files)
                + ". Nothing was merged and no conflict marker was committed. Make the branches agree (merge one into"
                + " the other and resolve the conflict there), then run again", branches, files);
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
