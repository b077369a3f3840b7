package io.dispatchplan.worker;

import java.util.List;
import java.util.Objects;

/**
 * What one Claude Code run reported in its {@code --output-format json} result object, or why there was none.
 *
 * @param status what the run amounted to; {@link Status#NO_OUTPUT} and {@link Status#UNREADABLE} when no
 *     result object could be read (then the other fields are empty)
 * @param subtype the CLI's own {@code subtype} ({@code success}, {@code error_max_turns}, ...), null when absent
 * @param isError the CLI's {@code is_error}
 * @param numTurns {@code num_turns}, null when absent
 * @param sessionId {@code session_id}, null when absent
 * @param totalCostUsd {@code total_cost_usd}, null when absent
 * @param durationMs {@code duration_ms}, null when absent
 * @param durationApiMs {@code duration_api_ms}, null when absent
 * @param result the final text ({@code result}), null when absent (e.g. after a budget stop)
 * @param usage token counts, {@link Usage#NONE} when absent
 * @param apiErrorStatus the HTTP status of an API error ({@code api_error_status}), null when none
 * @param apiErrorType the API error's type ({@code api_error_type}), null when none
 * @param errors the CLI's {@code errors} messages (e.g. "Reached maximum number of turns (3)")
 * @param terminalReason {@code terminal_reason} (e.g. {@code completed}, {@code api_error}), null when absent
 * @param permissionDenials how many tool uses the permission mode refused
 * @param problem for {@code NO_OUTPUT}/{@code UNREADABLE}: what was wrong with the output; otherwise null
 */
public record ClaudeResult(
        Status status,
        String subtype,
        boolean isError,
        Integer numTurns,
        String sessionId,
        Double totalCostUsd,
        Long durationMs,
        Long durationApiMs,
        String result,
        Usage usage,
        Integer apiErrorStatus,
        String apiErrorType,
        List<String> errors,
        String terminalReason,
        int permissionDenials,
        String problem) {

    /** The outcome classes a caller acts on. */
    public enum Status {
        /** {@code subtype: success} without {@code is_error}. */
        SUCCESS,
        /** An API error (HTTP 4xx/5xx, auth, overload); the CLI reports it as {@code success} with {@code is_error}. */
        API_ERROR,
        /** {@code error_max_turns}: the turn limit stopped it. */
        MAX_TURNS,
        /** {@code error_max_budget_usd}: the budget limit stopped it. */
        MAX_BUDGET,
        /** {@code error_during_execution}: the CLI failed while working. */
        EXECUTION_ERROR,
        /** Some other error subtype this version does not know. */
        OTHER_ERROR,
        /** Nothing on stdout: the process died first or never got going. */
        NO_OUTPUT,
        /** Output that holds no readable result object (cut off, or not JSON). */
        UNREADABLE
    }

    /** Token counts of the whole run. */
    public record Usage(long inputTokens, long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {
        public static final Usage NONE = new Usage(0, 0, 0, 0);
    }

    public ClaudeResult {
        Objects.requireNonNull(status, "status");
        usage = usage == null ? Usage.NONE : usage;
        errors = List.copyOf(errors == null ? List.of() : errors);
    }

    static ClaudeResult missing(Status status, String problem) {
        return new ClaudeResult(status, null, false, null, null, null, null, null, null, Usage.NONE, null, null,
                List.of(), null, 0, problem);
    }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }

    /** One line saying what happened, for logs and reports. */
    public String describe() {
        return switch (status) {
            case SUCCESS -> "Claude Code finished" + turns();
            case API_ERROR -> "Claude Code stopped on an API error"
                    + (apiErrorStatus == null ? "" : " (HTTP " + apiErrorStatus
                            + (apiErrorType == null ? "" : " " + apiErrorType) + ")")
                    + (result == null ? "" : ": " + firstLine(result));
            case MAX_TURNS -> "Claude Code reached its turn limit" + turns() + detail()
                    + "; raise maxTurns or split the workstream";
            case MAX_BUDGET -> "Claude Code reached its budget limit"
                    + (totalCostUsd == null ? "" : String.format(java.util.Locale.ROOT, " after $%.4f", totalCostUsd))
                    + detail() + "; raise maxBudgetUsd or split the workstream";
            case EXECUTION_ERROR -> "Claude Code failed during execution" + detail();
            case OTHER_ERROR -> "Claude Code reported an error (subtype " + subtype + ")" + detail()
                    + (result == null ? "" : ": " + firstLine(result));
            case NO_OUTPUT, UNREADABLE -> "Claude Code printed no readable result: " + problem;
        };
    }

    private String turns() {
        return numTurns == null ? "" : " after " + numTurns + (numTurns == 1 ? " turn" : " turns");
    }

    private String detail() {
        return errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")";
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
