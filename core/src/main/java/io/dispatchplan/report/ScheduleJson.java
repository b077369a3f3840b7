package io.dispatchplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.RateGovernor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ScheduleSummary} in report.json: {@code "budget": {"capUsd", "spentUsd", "reservedUsd"}} and
 * {@code "concurrencyChanges": [{"at", "from", "to", "why"}]}, beside the report's other fields.
 */
final class ScheduleJson {

    private ScheduleJson() {
    }

    static void write(ObjectNode root, ScheduleSummary schedule) {
        if (schedule == null) {
            return;
        }
        ObjectNode budget = root.putObject("budget");
        budget.put("capUsd", schedule.budget().capUsd());
        budget.put("spentUsd", schedule.budget().spentUsd());
        budget.put("reservedUsd", schedule.budget().reservedUsd());
        var changes = root.putArray("concurrencyChanges");
        for (RateGovernor.Change c : schedule.concurrencyChanges()) {
            changes.addObject().put("at", c.at().toString()).put("from", c.from()).put("to", c.to())
                    .put("why", c.why());
        }
    }

    /** What {@link #write} wrote; null for a report without a budget (written before there was one). */
    static ScheduleSummary read(JsonNode root) {
        JsonNode budget = root.get("budget");
        if (budget == null || !budget.isObject()) {
            return null;
        }
        List<RateGovernor.Change> changes = new ArrayList<>();
        for (JsonNode c : root.path("concurrencyChanges")) {
            changes.add(new RateGovernor.Change(Instant.parse(c.path("at").asText()), c.path("from").asInt(),
                    c.path("to").asInt(), c.path("why").asText()));
        }
        JsonNode cap = budget.get("capUsd");
        return new ScheduleSummary(new BudgetSummary(cap == null || cap.isNull() ? null : cap.asDouble(),
                budget.path("spentUsd").asDouble(), budget.path("reservedUsd").asDouble()), changes);
    }
}
