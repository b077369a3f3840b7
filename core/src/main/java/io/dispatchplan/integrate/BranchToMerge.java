package io.dispatchplan.integrate;

import java.util.Objects;

/**
 * One workstream branch to merge.
 *
 * @param workstreamId the workstream's id
 * @param branch the branch name (without {@code refs/heads/})
 * @param flagged whether the workstream was unstable (e.g. no RESULTS.md): it is merged, and flagged in the report
 */
public record BranchToMerge(String workstreamId, String branch, boolean flagged) {

    public BranchToMerge {
        Objects.requireNonNull(workstreamId, "workstreamId");
        Objects.requireNonNull(branch, "branch");
    }
}
