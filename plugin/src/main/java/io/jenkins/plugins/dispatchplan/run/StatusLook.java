package io.jenkins.plugins.dispatchplan.run;

/**
 * How a workstream's status is drawn, the way Jenkins draws a build's: its status symbol ({@code symbol-status-blue}
 * for success, {@code -yellow} unstable, {@code -red} failed, {@code -nobuilt} not built, {@code -aborted}, with
 * {@code -anime} while running; the names of core's {@code BallColor} icons in Jenkins 2.528.3), a word for people,
 * and the colour the symbol is drawn in (the same CSS variables), for the plan graph.
 */
public final class StatusLook {
    private static final String SUCCESS = "var(--success-color, #1ea64b)";
    private static final String FAILURE = "var(--red, #e6001f)";
    private static final String WARNING = "var(--orange, #fe820a)";
    private static final String PENDING = "var(--blue, #0b6aa2)";
    private static final String MUTED = "var(--text-color-secondary, #6d7780)";

    private final String ball;
    private final String label;
    private final String color;

    private StatusLook(String ball, String label, String color) {
        this.ball = ball;
        this.label = label;
        this.color = color;
    }

    /**
     * The look of a workstream status ({@code SUCCEEDED}, {@code UNSTABLE}, {@code FAILED}, {@code SKIPPED},
     * {@code RUNNING}, {@code WAITING}, or any other a later version records). A workstream still waiting when the
     * build is over never started, which Jenkins draws as aborted.
     */
    public static StatusLook of(String status, boolean buildRunning) {
        String s = status == null ? "" : status;
        return switch (s) {
            case "SUCCEEDED", "SUCCESS" -> new StatusLook("blue", "Succeeded", SUCCESS);
            case "UNSTABLE" -> new StatusLook("yellow", "Unstable", WARNING);
            case "FAILED", "FAILURE" -> new StatusLook("red", "Failed", FAILURE);
            case "SKIPPED", "NOT_BUILT" -> new StatusLook("nobuilt", "Skipped", PENDING);
            case "ABORTED" -> new StatusLook("aborted", "Aborted", MUTED);
            case "RUNNING" -> new StatusLook("nobuilt-anime", "Running", PENDING);
            case "WAITING" -> buildRunning ? new StatusLook("nobuilt", "Waiting", PENDING)
                    : new StatusLook("aborted", "Never started", MUTED);
            default -> new StatusLook("nobuilt", words(s), PENDING);
        };
    }

    /** The integration's look: complete, partial (something not merged), stopped at a conflict, or failed. */
    public static StatusLook ofIntegration(String status) {
        String s = status == null ? "" : status;
        return switch (s) {
            case "COMPLETE" -> new StatusLook("blue", "Complete", SUCCESS);
            case "PARTIAL" -> new StatusLook("yellow", "Partial", WARNING);
            case "STOPPED" -> new StatusLook("yellow", "Stopped at a conflict", WARNING);
            case "FAILED" -> new StatusLook("red", "Failed", FAILURE);
            default -> new StatusLook("nobuilt", words(s), PENDING);
        };
    }

    private static String words(String status) {
        if (status.isEmpty()) {
            return "Unknown";
        }
        String lower = status.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** For {@code <l:icon src="...">}: {@code symbol-status-blue}. */
    public String getSymbol() {
        return "symbol-status-" + ball;
    }

    /** {@code Succeeded}, {@code Skipped}, ...: the tooltip and the text beside the symbol. */
    public String getLabel() {
        return label;
    }

    /** The CSS colour of the symbol, with a fallback for pages without Jenkins' theme. */
    public String getColor() {
        return color;
    }
}
