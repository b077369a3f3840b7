package io.dispatchplan.worker;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --permission-mode} values a worker may use (Claude Code 2.1.328 accepts these names). */
public enum ClaudePermissionMode {
    /** Edits in the working directory are accepted; other tools need {@code allowedTools}. Works as root. */
    ACCEPT_EDITS("acceptEdits"),
    /** Every tool use is allowed. Refused as root unless {@code IS_SANDBOX=1}, which the worker then sets. */
    BYPASS_PERMISSIONS("bypassPermissions"),
    /** Anything not pre-approved by {@code allowedTools} is denied without asking. */
    DONT_ASK("dontAsk"),
    /** The CLI's own default: in {@code -p} mode, tools that would need a prompt are denied. */
    DEFAULT("default"),
    /** Read-only planning: no edits, no commands (for a workstream that only writes a report). */
    PLAN("plan");

    private final String cliName;

    ClaudePermissionMode(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Accepts the CLI's spelling ({@code acceptEdits}) and the enum's ({@code ACCEPT_EDITS}), any case. */
    public static ClaudePermissionMode parse(String text) {
        String wanted = text == null ? "" : text.strip().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (ClaudePermissionMode mode : values()) {
            if (mode.cliName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown permissionMode '" + text + "': use one of "
                + Arrays.stream(values()).map(ClaudePermissionMode::cliName).collect(Collectors.joining(", ")));
    }
}
