package io.dispatchplan.report;

import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.RateGovernor;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What the run's schedule says about money and rate limits, for report.json, INTEGRATION.md and the run page.
 *
 * @param budget spent, reserved and the run cap
 * @param concurrencyChanges every change the rate-limit governor made to how many workers start at once, oldest first
 */
public record ScheduleSummary(BudgetSummary budget, List<RateGovernor.Change> concurrencyChanges)
        implements Serializable {
    public ScheduleSummary {
        Objects.requireNonNull(budget, "budget");
        concurrencyChanges = concurrencyChanges == null ? List.of() : List.copyOf(concurrencyChanges);
    }
}
