package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.MergeTreeResult;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merges one workstream branch into the checked-out integration branch, {@code --no-ff}, after proving with
 * {@code git merge-tree --write-tree} that it merges without conflict. A conflicting branch is left out, or, with a
 * resolver, handed to it ({@link ConflictResolver}). Report files (RESULTS.md...) keep the integration branch's
 * version. Whatever happens, the worktree ends either with a new merge commit or exactly as it was: never mid-merge,
 * never with conflict markers.
 */
final class BranchMerger {

    private final GitCli git;
    private final Path worktree;
    private final WorktreeMerge merge;
    private final ConflictResolver resolver;

    /** @param resolver the worker that resolves conflicts; null to leave a conflicting branch out */
    BranchMerger(GitCli git, Path worktree, WorktreeMerge merge, ConflictResolver resolver) {
        this.git = git;
        this.worktree = worktree;
        this.merge = merge;
        this.resolver = resolver;
    }

    /** How every merge commit of ours on the integration branch starts. */
    static final String MERGE_MESSAGE_PREFIX = "Merge workstream ";

    static String mergeMessage(BranchToMerge b) {
        return MERGE_MESSAGE_PREFIX + b.workstreamId() + " (" + b.branch() + ")";
    }

    /**
     * Merges {@code b} on top of the integration branch.
     *
     * @param earlier the merges the integration branch holds now, in order (to name whom a conflict is with)
     */
    MergeRecord merge(BranchToMerge b, String baseSha, List<MergeRecord> earlier) {
        Optional<String> tip = git.tryRevParse(worktree, "refs/heads/" + b.branch());
        if (tip.isEmpty()) {
            return record(b, MergeStatus.MISSING, null, List.of(), "branch " + b.branch() + " does not exist in the "
                    + "repository (its bundle did not arrive, or it was deleted): nothing merged");
        }
        String head = git.revParse(worktree, "HEAD");
        if (git.isAncestor(worktree, tip.get(), head)) {
            boolean atBase = git.isAncestor(worktree, tip.get(), baseSha);
            return record(b, MergeStatus.NOTHING_TO_MERGE, null, List.of(), atBase
                    ? "no commits beyond the base: nothing to merge"
                    : "already in the integration branch: nothing to merge");
        }
        try {
            MergeTreeResult check = git.mergeTree(worktree, head, tip.get());
            List<String> conflicts = merge.withoutReportFiles(check.conflictedFiles());
            if (!conflicts.isEmpty()) {
                List<String> with = conflictsWith(conflicts, earlier, baseSha);
                return resolver == null ? conflict(b, conflicts, with, "not merged; the branch is kept as it is")
                        : resolver.resolve(b, new ConflictResolver.Conflict(head, tip.get(), check.tree(), conflicts,
                                with, merged(earlier)));
            }
            return mergeForReal(b, head, tip.get());
        } catch (GitException e) {
            // E.g. unrelated histories: this branch cannot merge, the others still may.
            merge.restore(head);
            return record(b, MergeStatus.FAILED, null, List.of(), "git could not merge it ("
                    + WorktreeMerge.firstLine(e.getMessage()) + "); the integration branch was left as it was");
        }
    }

    private MergeRecord mergeForReal(BranchToMerge b, String head, String tip) {
        String message = mergeMessage(b);
        Optional<String> notStarted = merge.start(head, tip, message);
        if (notStarted.isPresent()) {
            return record(b, MergeStatus.FAILED, null, List.of(), "git merge did not start: " + notStarted.get()
                    + "; the integration branch was left as it was");
        }
        List<String> unmerged = merge.unmerged();
        if (!unmerged.isEmpty()) {
            // merge-tree said clean; a real merge disagreeing is unexpected, and must not leave markers behind.
            merge.restore(head);
            return record(b, MergeStatus.CONFLICT, null, unmerged, "conflicts in " + String.join(", ", unmerged)
                    + " (found by git merge): not merged; the branch is kept as it is");
        }
        String mergeCommit = merge.commit(message);
        return record(b, MergeStatus.MERGED, mergeCommit, List.of(), b.flagged()
                ? "merged, flagged: the workstream was unstable" : "merged");
    }

    /** A conflict left out: its files, and the earlier merged workstreams that changed them. */
    static MergeRecord conflict(BranchToMerge b, List<String> files, List<String> with, String outcome) {
        return new MergeRecord(b.workstreamId(), b.branch(), MergeStatus.CONFLICT, null, files, b.flagged(),
                "conflicts in " + String.join(", ", files) + ": " + outcome
                        + (with.isEmpty() ? "" : " (conflicts with " + String.join(", ", with) + ")"), with);
    }

    /** The earlier merged workstreams that changed any of {@code files}, to say whom to talk to. */
    private List<String> conflictsWith(List<String> files, List<MergeRecord> earlier, String base) {
        Set<String> culprits = new LinkedHashSet<>();
        for (MergeRecord merged : earlier) {
            if (merged.status() != MergeStatus.MERGED) {
                continue;
            }
            String tip = git.revParse(worktree, merged.mergeCommit() + "^2");
            String from = git.mergeBase(worktree, base, tip).orElse(base);
            List<String> changed = git.output(worktree, "diff", "--name-only", "--no-renames", from, tip, "--")
                    .lines().toList();
            if (files.stream().anyMatch(changed::contains)) {
                culprits.add(merged.workstreamId());
            }
        }
        return List.copyOf(culprits);
    }

    private static List<String> merged(List<MergeRecord> merges) {
        return merges.stream().filter(m -> m.status() == MergeStatus.MERGED).map(MergeRecord::workstreamId).toList();
    }

    private static MergeRecord record(BranchToMerge b, MergeStatus status, String commit, List<String> files,
            String message) {
        return new MergeRecord(b.workstreamId(), b.branch(), status, commit, files, b.flagged(), message, List.of());
    }
}
