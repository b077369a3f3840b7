package io.dispatchplan.cli;

import picocli.CommandLine.Option;

/** The spending options {@code run} and {@code plan} share: each worker's cap and the whole run's. */
final class BudgetOptions {

    @Option(names = "--max-budget-usd", paramLabel = "USD", description = "Claude spending limit per workstream run"
            + " (more than 0). With plan: the per-worker cap of the budget forecast.")
    Double maxBudgetUsd;

    @Option(names = "--max-total-budget-usd", paramLabel = "USD", description = "Spending limit for the whole run"
            + " (more than 0): a workstream starts only when its reservation (--max-budget-usd, else an even share of"
            + " this) fits beside what the run spent and reserved; the others are skipped and integration still runs."
            + " With plan: how many the forecast says can start.")
    Double maxTotalBudgetUsd;

    /** Both amounts checked: positive and finite. */
    OptionRanges check(OptionRanges ranges) {
        return ranges.dollars("--max-budget-usd", maxBudgetUsd, "Claude spending per workstream run")
                .dollars("--max-total-budget-usd", maxTotalBudgetUsd, "spending of the whole run");
    }
}
