package io.dispatchplan.integrate;

/** What happened to one workstream branch in the integration. */
public enum MergeStatus {
    /** Merged with a merge commit of its own ({@code --no-ff}). */
    MERGED,
    /** It conflicts with what was merged before it: left out, the integration branch untouched. */
    CONFLICT,
    /** The branch has no commits beyond the base, or all of them are merged already. */
    NOTHING_TO_MERGE,
    /** Not tried: the integration stopped at an earlier conflict ({@link ConflictPolicy#STOP}). */
    NOT_REACHED,
    /** The branch does not exist in the repository (its bundle never arrived, or it was deleted). */
    MISSING,
    /** git refused the merge for another reason; the integration branch was put back as it was. */
    FAILED,
    /**
     * It merged cleanly, but verify fails with it and passes without it: left out of the integration branch, its own
     * branch untouched.
     */
    BREAKS_VERIFY,
    /** It merged cleanly, but holds the work of a branch that breaks verify (it depends on it): left out with it. */
    LEFT_OUT;

    /** Whether the branch's work is in the integration branch. */
    public boolean integrated() {
        return this == MERGED || this == NOTHING_TO_MERGE;
    }
}
