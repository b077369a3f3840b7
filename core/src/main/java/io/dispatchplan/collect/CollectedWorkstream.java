package io.dispatchplan.collect;

import io.dispatchplan.git.DiffStat;
import io.dispatchplan.worktree.BranchBundle;
import java.nio.file.Path;
import java.util.List;

/**
 * What a workstream left behind, after its uncommitted work was saved.
 *
 * @param id the workstream id
 * @param resultsPresent whether the worker wrote RESULTS.md
 * @param reason null when all is well, else why the workstream is unstable (no RESULTS.md, or the worktree was
 *     left mid-merge or mid-rebase); one line a user can act on
 * @param headSha the branch tip after collecting (WIP commit included)
 * @param commits commits on the branch beyond the base ({@code base..head}); for a dependent, beyond the base and
 *     its dependencies' heads: its own commits, and the merges that brought its dependencies in
 * @param diffStat what the branch changed since it left the base; for a dependent, what its own commits changed
 *     (merges left out), summed per file
 * @param wipCommitted whether uncommitted work was saved as a WIP commit
 * @param changedFiles the paths {@code diffStat} lists
 * @param resultsCopy the copy of RESULTS.md in the artifacts directory; null when there was none
 * @param bundle the verified bundle of {@code base..branch}; null when none was asked for or the branch had no
 *     commits of its own
 * @param branch the workstream branch
 * @param baseSha the base commit (the bundle's prerequisite)
 * @param notes things worth telling a user that do not make the workstream unstable (e.g. a branch moved back
 *     onto work done on a detached HEAD)
 * @param secretLeak which of the worker's own commits hold a secret value (by variable name), or null: such a
 *     branch must not be merged or pushed
 */
public record CollectedWorkstream(String id, boolean resultsPresent, String reason, String headSha, int commits,
        DiffStat diffStat, boolean wipCommitted, List<String> changedFiles, Path resultsCopy, Path bundle,
        String branch, String baseSha, List<String> notes, String secretLeak) {

    public CollectedWorkstream {
        changedFiles = List.copyOf(changedFiles);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The shape of the agreed contract, without branch, base and notes. */
    public CollectedWorkstream(String id, boolean resultsPresent, String reason, String headSha, int commits,
            DiffStat diffStat, boolean wipCommitted, List<String> changedFiles, Path resultsCopy, Path bundle) {
        this(id, resultsPresent, reason, headSha, commits, diffStat, wipCommitted, changedFiles, resultsCopy, bundle,
                null, null, List.of(), null);
    }

    /** Whether the workstream should be marked unstable (its work is still saved and merged, but flagged). */
    public boolean unstable() {
        return reason != null;
    }

    /**
     * The bundle as {@link BranchBundle#importBranch} takes it on the integration machine; also valid when no
     * file was needed (no commits beyond the base).
     *
     * @throws IllegalStateException when the branch has commits but no bundle was written (none was asked for)
     */
    public BranchBundle.Export export() {
        if (bundle == null && commits > 0) {
            throw new IllegalStateException("no bundle was written for workstream " + id + " (" + commits
                    + " commits): collect it with a bundle file to carry it to another machine");
        }
        return new BranchBundle.Export(bundle, branch, baseSha, headSha, commits);
    }
}
