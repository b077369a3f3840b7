package io.jenkins.plugins.dispatchplan.steps;

import java.io.Serializable;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/** What {@code waitForWorkstream} returns: start now, or skip with the reason. */
public final class GateDecision implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean start;
    private final String reason;

    private GateDecision(boolean start, String reason) {
        this.start = start;
        this.reason = reason;
    }

    public static GateDecision start() {
        return new GateDecision(true, null);
    }

    public static GateDecision skip(String reason) {
        return new GateDecision(false, reason == null ? "skipped" : reason);
    }

    /** True when the workstream may start; false when it is skipped. */
    @Whitelisted
    public boolean isStart() {
        return start;
    }

    /** Why it is skipped, or null. */
    @Whitelisted
    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return start ? "start" : reason;
    }
}
