package io.dispatchplan.report;

import io.dispatchplan.graph.RateGovernor;

/** The schedule's parts of INTEGRATION.md: the budget line (spent, reserved, cap) and the rate-limit changes. */
final class ScheduleSection {

    private ScheduleSection() {
    }

    /** {@code - Budget: $0.09 spent, $0.00 reserved, cap $0.12}, when the run had a cap or spent anything. */
    static void budgetLine(StringBuilder out, ScheduleSummary schedule) {
        if (schedule != null && schedule.budget().worthShowing()) {
            out.append("- Budget: ").append(schedule.budget().describe()).append('\n');
        }
    }

    /** Each change of how many workers started at once, when rate limits made any. */
    static void rateLimits(StringBuilder out, ScheduleSummary schedule) {
        if (schedule == null || schedule.concurrencyChanges().isEmpty()) {
            return;
        }
        out.append("## Rate limits\n\nThe API rate-limited workers, so the run started fewer at once for a while:\n\n");
        for (RateGovernor.Change c : schedule.concurrencyChanges()) {
            out.append("- ").append(c.at()).append(": ").append(Markdown.text(c.describe())).append('\n');
        }
        out.append('\n');
    }
}
