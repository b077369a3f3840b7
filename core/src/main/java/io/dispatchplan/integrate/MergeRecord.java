package io.dispatchplan.integrate;

import java.util.List;
import java.util.Objects;

/**
 * How one workstream branch fared in the integration.
 *
 * @param workstreamId the workstream's id
 * @param branch its branch
 * @param status what happened
 * @param mergeCommit the merge commit when {@link MergeStatus#MERGED}, else null
 * @param conflictFiles the conflicting paths when {@link MergeStatus#CONFLICT}, else empty
 * @param flagged whether the workstream was unstable (merged all the same, and flagged)
 * @param message one line for a human
 * @param conflictsWith for a conflict: the earlier merged workstreams that changed the conflicting files (empty when
 *     the conflict is with the base itself)
 */
public record MergeRecord(String workstreamId, String branch, MergeStatus status, String mergeCommit,
        List<String> conflictFiles, boolean flagged, String message, List<String> conflictsWith) {

    public MergeRecord {
        Objects.requireNonNull(workstreamId, "workstreamId");
        Objects.requireNonNull(status, "status");
        conflictFiles = conflictFiles == null ? List.of() : List.copyOf(conflictFiles);
        conflictsWith = conflictsWith == null ? List.of() : List.copyOf(conflictsWith);
        message = message == null ? "" : message;
    }

    /** The shape of the agreed contract, without {@code conflictsWith}. */
    public MergeRecord(String workstreamId, String branch, MergeStatus status, String mergeCommit,
            List<String> conflictFiles, boolean flagged, String message) {
        this(workstreamId, branch, status, mergeCommit, conflictFiles, flagged, message, List.of());
    }
}
