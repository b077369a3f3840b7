package io.dispatchplan.cli;

import io.dispatchplan.normalize.PlanNormalizer;
import io.dispatchplan.normalize.PlanNormalizer.Normalized;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Reads the plan for plan and run: as it is, or with --normalize as Claude Code writes it (said on stderr). */
final class PlanReading {
    private PlanReading() {}

    /** {@code file} under {@code root}: no symbolic link on the way is followed. */
    static Plan read(Path root, Path file, PlanOptions options, boolean normalize, ClaudeWorkerConfig claude,
            PrintWriter err) throws IOException, PlanException {
        if (!normalize) {
            return PlanReader.read(root, file, options);
        }
        // Claude Code gets this process's environment (the API key) and nothing else.
        Normalized normalized = new PlanNormalizer(claude, Map.of()).normalize(root, file, options);
        err.println("dispatch-plan: " + normalized.describe(file.toString(), String.valueOf(normalized.planFile())));
        err.flush();
        return normalized.plan();
    }
}
