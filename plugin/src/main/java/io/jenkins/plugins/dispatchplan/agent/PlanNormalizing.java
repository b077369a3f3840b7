package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.normalize.PlanNormalizer;
import io.dispatchplan.normalize.PlanNormalizer.Normalized;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * On the agent, for {@code readDispatchPlan normalize: true}: the run's Claude worker writes the plan of a document in
 * the workspace (the engine's {@link PlanNormalizer}), kept beside it. Sent from the controller in plain serializable
 * fields; the API key travels as the worker's environment does, over the channel, never to disk. No Jenkins types.
 */
public final class PlanNormalizing implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String plan;
    private final ClaudeWorker worker;
    private final HashMap<String, String> environment;
    private final String feature;
    private final boolean strictCycles;
    private final PlanOptions.Granularity granularity;

    /**
     * @param plan the document, relative to the workspace
     * @param environment variables for Claude Code besides the agent's own: the API key
     */
    public PlanNormalizing(String plan, ClaudeWorker worker, Map<String, String> environment, PlanOptions options) {
        this.plan = plan;
        this.worker = worker;
        this.environment = new HashMap<>(environment);
        this.feature = options.feature();
        this.strictCycles = options.strictCycles();
        this.granularity = options.granularity();
    }

    /** What the controller reads next as the plan, and what happened, for the build log. */
    public static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The plan's text: the plan written beside the document, or the document when it is YAML/JSON already. */
        public final String text;
        /** Its path in the workspace, for messages. */
        public final String source;
        public final String description;

        Result(String text, String source, String description) {
            this.text = text;
            this.source = source;
            this.description = description;
        }
    }

    Result normalize(Path workspace) throws IOException, PlanException {
        Path document = workspace.resolve(plan);
        Normalized normalized = new PlanNormalizer(worker.config(), environment)
                .normalize(workspace, document, new PlanOptions(feature, strictCycles, granularity));
        if (normalized.planFile() == null) {
            return new Result(SafeFiles.readRegularFile(workspace, document).orElseThrow(), plan,
                    normalized.describe(plan, plan));
        }
        String planFile = workspace.relativize(normalized.planFile()).toString().replace('\\', '/');
        return new Result(SafeFiles.readRegularFile(workspace, normalized.planFile()).orElseThrow(), planFile,
                normalized.describe(plan, planFile));
    }
}
