package io.dispatchplan.graph;

import java.io.Serializable;

/**
 * Where a run stands against its budget, for the run page, report.json and INTEGRATION.md.
 *
 * @param capUsd the run cap; null when the run has none
 * @param spentUsd what this run's workers spent (a resumed conversation counts only what it spent in this run)
 * @param reservedUsd what the workstreams still running may spend on top, as reserved when they started
 */
public record BudgetSummary(Double capUsd, double spentUsd, double reservedUsd) implements Serializable {

    /** Whether there is anything to say: a cap, or spending (a run of command workers without a cap has neither). */
    public boolean worthShowing() {
        return capUsd != null || spentUsd > 0;
    }

    /** e.g. {@code $0.08 spent, $0.05 reserved, cap $0.12}; {@code $0.08 spent, no cap}. */
    public String describe() {
        return RunBudget.usd(spentUsd) + " spent, " + RunBudget.usd(reservedUsd) + " reserved, "
                + (capUsd == null ? "no cap" : "cap " + RunBudget.usd(capUsd));
    }
}
