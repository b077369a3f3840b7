package io.dispatchplan.integrate;

/** What the integration does when a workstream branch conflicts with what was merged before it. */
public enum ConflictPolicy {
    /** Leave the conflicting branch out, report its files, and go on with the next one (the default). */
    SKIP,
    /** Stop at the first conflict: later branches are not merged (NOT_REACHED) and verify does not run. */
    STOP
}
