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
 * @param verifyOutput for {@link MergeStatus#BREAKS_VERIFY}: the last lines verify printed when it failed with this
 *     merge; else null
 * @param resolvedBy the kind of the resolver worker ({@code claude}, {@code command}) whose resolution of this
 *     merge's conflicts was accepted (then {@code conflictFiles} are the files it resolved); null for a merge that
 *     needed none, or that no resolution was accepted for
 */
public record MergeRecord(String workstreamId, String branch, MergeStatus status, String mergeCommit,
        List<String> conflictFiles, boolean flagged, String message, List<String> conflictsWith, String verifyOutput,
        String resolvedBy) {

    public MergeRecord {
        Objects.requireNonNull(workstreamId, "workstreamId");
        Objects.requireNonNull(status, "status");
        conflictFiles = conflictFiles == null ? List.of() : List.copyOf(conflictFiles);
        conflictsWith = conflictsWith == null ? List.of() : List.copyOf(conflictsWith);
        message = message == null ? "" : message;
    }

    /** Not resolved by a worker. */
    public MergeRecord(String workstreamId, String branch, MergeStatus status, String mergeCommit,
            List<String> conflictFiles, boolean flagged, String message, List<String> conflictsWith,
            String verifyOutput) {
        this(workstreamId, branch, status, mergeCommit, conflictFiles, flagged, message, conflictsWith, verifyOutput,
                null);
    }

    /** Without verify output. */
    public MergeRecord(String workstreamId, String branch, MergeStatus status, String mergeCommit,
            List<String> conflictFiles, boolean flagged, String message, List<String> conflictsWith) {
        this(workstreamId, branch, status, mergeCommit, conflictFiles, flagged, message, conflictsWith, null);
    }

    /** The shape of the agreed contract, without {@code conflictsWith}. */
    public MergeRecord(String workstreamId, String branch, MergeStatus status, String mergeCommit,
            List<String> conflictFiles, boolean flagged, String message) {
        this(workstreamId, branch, status, mergeCommit, conflictFiles, flagged, message, List.of(), null, null);
    }

    /** This record with another status, merge commit and message (conflict details, flag and resolver kept). */
    MergeRecord as(MergeStatus newStatus, String newMergeCommit, String newMessage, String output) {
        return new MergeRecord(workstreamId, branch, newStatus, newMergeCommit, conflictFiles, flagged, newMessage,
                conflictsWith, output, resolvedBy);
    }
}
