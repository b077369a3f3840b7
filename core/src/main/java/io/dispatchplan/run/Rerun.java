package io.dispatchplan.run;

/** Which workstreams a re-run of a plan runs again; the others count as done and are merged as they are. */
public enum Rerun {
    /** Failed, skipped and never-started workstreams (the default): succeeded and unstable ones are done. */
    UNFINISHED,
    /** Those, and the unstable ones (finished without RESULTS.md). */
    UNSTABLE,
    /** Every workstream, each going on from its kept branch. */
    ALL,
    /** None: no worker runs, and the workstream branches are merged as they are ({@code dispatch-plan integrate}). */
    NONE
}
