package io.dispatchplan.integrate;

import java.util.List;
import java.util.Objects;

/**
 * One workstream branch to merge.
 *
 * @param workstreamId the workstream's id
 * @param branch the branch name (without {@code refs/heads/})
 * @param flagged whether the workstream was unstable (e.g. no RESULTS.md): it is merged, and flagged in the report
 * @param dependsOn the workstreams it depends on directly; its branch holds their work, so it is never kept in the
 *     integration branch without them (a branch that holds another one's tip counts as its dependent too)
 */
public record BranchToMerge(String workstreamId, String branch, boolean flagged, List<String> dependsOn) {

    public BranchToMerge {
        Objects.requireNonNull(workstreamId, "workstreamId");
        Objects.requireNonNull(branch, "branch");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A branch that depends on no other one being merged. */
    public BranchToMerge(String workstreamId, String branch, boolean flagged) {
        this(workstreamId, branch, flagged, List.of());
    }
}
