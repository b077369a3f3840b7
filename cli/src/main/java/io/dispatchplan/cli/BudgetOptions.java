package io.dispatchplan.cli;

import picocli.CommandLine.Option;

/** The run's spending cap, which {@code run} applies and {@code plan} forecasts with. */
final class BudgetOptions {

    @Option(names = "--max-total-budget-usd", paramLabel = "USD", description = "Spending limit for the whole run"
            + " (more than 0): a workstream starts only when its reservation (--max-budget-usd, else an even share of"
            + " this) fits beside what the run spent and reserved; the others are skipped and integration still runs."
            + " With plan: the budget forecast says how many can start.")
    Double maxTotalBudgetUsd;

    /** The amount checked: positive and finite. */
    OptionRanges check(OptionRanges ranges) {
        return ranges.dollars("--max-total-budget-usd", maxTotalBudgetUsd, "spending of the whole run");
    }
}
