package io.dispatchplan.cli;

import io.dispatchplan.worker.ClaudeWorkerConfig;
import picocli.CommandLine.Option;

/** Which Claude Code, model and budget (for run's workers), and whether it writes the plan first (--normalize). */
final class ClaudeOptions {
    @Option(names = "--normalize", description = "Let Claude Code write the plan from the document: one call, its"
            + " answer validated like any plan (nothing runs unless it is valid) and kept beside the document"
            + " (plan.md gives plan.plan.json) to review and commit. The same text again is read from that file and"
            + " nothing is sent.")
    boolean normalize;

    @Option(names = "--model", description = "Claude model (e.g. sonnet).")
    String model;

    @Option(names = "--max-budget-usd", paramLabel = "USD", description = "Claude spending limit per workstream run,"
            + " and for the one call of --normalize (there $1 when not given); more than 0.")
    Double maxBudgetUsd;

    @Option(names = "--claude", paramLabel = "PATH", description = "The claude executable (default: claude on the PATH).")
    String executable;

    OptionRanges checkRanges(OptionRanges ranges) {
        return ranges.dollars("--max-budget-usd", maxBudgetUsd, "Claude spending per workstream run");
    }

    ClaudeWorkerConfig applyTo(ClaudeWorkerConfig config) {
        ClaudeWorkerConfig applied = config;
        if (executable != null) {
            applied = applied.withExecutable(executable);
        }
        if (model != null) {
            applied = applied.withModel(model);
        }
        if (maxBudgetUsd != null) {
            applied = applied.withMaxBudgetUsd(maxBudgetUsd);
        }
        return applied;
    }
}
