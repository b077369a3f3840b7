package io.dispatchplan.report;

import io.dispatchplan.git.DiffStat;
import java.util.Objects;

/**
 * One workstream's line in the run report.
 *
 * @param id the workstream id
 * @param title its title (plan text: escaped wherever it is shown)
 * @param status how it ended, as the dispatcher names it: {@link #SUCCEEDED}, {@link #UNSTABLE}, {@link #FAILED},
 *     {@link #SKIPPED}, ... (kept as a string so a new status needs no format change)
 * @param reason why it is not a plain success; null when it is
 * @param agent where it ran (a Jenkins node name, or the local machine)
 * @param durationMillis how long its stage took, dependency wait included
 * @param branch its branch
 * @param headSha the branch tip after collecting; null when it never ran
 * @param commits commits beyond the base
 * @param diffStat what the branch changed; null when it never ran
 * @param costUsd what the worker reported spending; null when unknown
 * @param turns the worker's turns; null when unknown
 * @param sessionId the worker's session id; null when it has none
 * @param attempts how many worker attempts ran (0 when it never started)
 * @param resultsFile the archived RESULTS.md, relative to the report's directory; null when there is none
 */
public record WorkstreamReport(String id, String title, String status, String reason, String agent,
        long durationMillis, String branch, String headSha, int commits, DiffStat diffStat, Double costUsd,
        Integer turns, String sessionId, int attempts, String resultsFile) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String UNSTABLE = "UNSTABLE";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";

    public WorkstreamReport {
        Objects.requireNonNull(id, "id");
        title = title == null || title.isBlank() ? id : title;
        Objects.requireNonNull(status, "status");
    }

    /** The same outcome with another reason. */
    public WorkstreamReport withReason(String newReason) {
        return new WorkstreamReport(id, title, status, newReason, agent, durationMillis, branch, headSha, commits, diffStat,
                costUsd, turns, sessionId, attempts, resultsFile);
    }

    /** The same outcome with its branch moved on to {@code newHead}, {@code added} commits later. */
    public WorkstreamReport movedTo(String newHead, int added, String newReason) {
        return new WorkstreamReport(id, title, status, newReason, agent, durationMillis, branch, newHead, commits + added,
                diffStat, costUsd, turns, sessionId, attempts, resultsFile);
    }
}
