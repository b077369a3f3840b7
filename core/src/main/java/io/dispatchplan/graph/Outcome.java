package io.dispatchplan.graph;

/** How a workstream ended, as far as the schedule cares. */
public enum Outcome {
    /** Done; dependents may start. */
    SUCCEEDED,
    /** Done with a warning (e.g. no RESULTS.md, work saved as a WIP commit); dependents may start. */
    UNSTABLE,
    /** Failed; dependents are skipped. */
    FAILED;

    public boolean letsDependentsStart() {
        return this != FAILED;
    }
}
