package io.dispatchplan.cli;

import io.dispatchplan.graph.BudgetForecast;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanOptions.Granularity;
import io.dispatchplan.report.PlanGraphPicture;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.report.PlanText;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dispatch-plan plan FILE}: read and validate a plan, print its workstreams and schedule. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Read and validate a plan (Markdown, YAML or JSON) and print its workstreams, waves and"
                + " critical path. Stdout carries only the requested format; warnings go to stderr.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan is valid", "2:the plan is invalid (the reason is on stderr)"})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, json, mermaid, dot }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan file.")
    Path file;

    @Option(names = "--format", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--strict", description = "Fail on a dependency cycle instead of breaking it, and on anything"
            + " that looks like a workstream but was not read instead of warning.")
    boolean strict;

    @Option(names = "--granularity", defaultValue = "auto",
            description = "auto: the plan's top-level workstreams; fine: one per sub-assignment (e.g. A1, A2)."
                    + " Default: ${DEFAULT-VALUE}.")
    String granularity;

    @Option(names = "--feature", description = "Feature name (prefix of branches); default from the plan file name.")
    String feature;

    @Mixin
    ClaudeOptions claude = new ClaudeOptions();

    /** With --format text, a budget forecast: workstreams x --max-budget-usd, and what the run cap lets start. */
    @Mixin
    BudgetOptions budget = new BudgetOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Granularity level;
        try {
            level = Granularity.valueOf(granularity.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("dispatch-plan: --granularity must be auto or fine, not '" + granularity + "'");
            return ExitCodes.BAD_INPUT;
        }
        String outOfRange = budget.check(claude.checkRanges(new OptionRanges())).firstProblem();
        if (outOfRange != null) {
            err.println("dispatch-plan: " + outOfRange + ". See 'dispatch-plan plan --help'.");
            return ExitCodes.BAD_INPUT;
        }
        Plan plan;
        try {
            plan = PlanReading.read(file.toAbsolutePath().getParent(), file, new PlanOptions(feature, strict, level),
                    claude.normalize, claude.applyTo(ClaudeWorkerConfig.defaults()), err);
        } catch (PlanException e) {
            err.println("dispatch-plan: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("dispatch-plan: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (format != Format.text) {
            plan.warnings().forEach(w -> err.println("warning: " + w));
        }
        String forecast = new BudgetForecast(plan.workstreams().size(), claude.maxBudgetUsd,
                budget.maxTotalBudgetUsd).describe();
        out.print(switch (format) {
            case text -> PlanText.write(plan) + (forecast == null ? "" : "\n" + forecast);
            case json -> PlanJson.write(plan);
            case mermaid -> PlanGraphPicture.mermaid(plan);
            case dot -> PlanGraphPicture.dot(plan);
        });
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
