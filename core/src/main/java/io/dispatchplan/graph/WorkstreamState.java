package io.dispatchplan.graph;

/** Where a workstream is in a run. */
public enum WorkstreamState {
    WAITING, RUNNING, SUCCEEDED, UNSTABLE, FAILED, SKIPPED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == UNSTABLE || this == FAILED || this == SKIPPED;
    }

    static WorkstreamState of(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> SUCCEEDED;
            case UNSTABLE -> UNSTABLE;
            case FAILED -> FAILED;
        };
    }
}
