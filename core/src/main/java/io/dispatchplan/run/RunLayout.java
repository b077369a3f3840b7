package io.dispatchplan.run;

import java.nio.file.Path;

/** Where a run keeps its files; everything is derived from slugged ids only. */
public record RunLayout(Path outDir, Path worktreeRoot, String feature) {
    public static final String PLAN_JSON = "plan.json";
    public static final String PLAN_GRAPH = "plan.mmd";
    public static final String REPORT_JSON = "report.json";
    public static final String INTEGRATION_MD = "INTEGRATION.md";

    public Path planJson() {
        return outDir.resolve(PLAN_JSON);
    }

    public Path planGraph() {
        return outDir.resolve(PLAN_GRAPH);
    }

    public Path reportJson() {
        return outDir.resolve(REPORT_JSON);
    }

    public Path integrationMarkdown() {
        return outDir.resolve(INTEGRATION_MD);
    }

    /** Archived per-workstream files: RESULTS.md, TASKS.md, worker-result.json, logs. */
    public Path workstreamDir(String id) {
        return workstreamsDir().resolve(id);
    }

    /** Where every workstream's archived files are, one directory per id. */
    public Path workstreamsDir() {
        return outDir.resolve("workstreams");
    }

    /** The conflict resolver's runs: one directory per resolution, with its prompt, logs and state. */
    public Path resolverDir() {
        return outDir.resolve("resolver");
    }

    /** Per-workstream state that outlives worktrees (the Claude session), reused by re-runs. */
    public Path stateDir(String id) {
        return outDir.resolve("state").resolve(id);
    }

    /** The run's durable record of one workstream's outcome, written the moment it finishes; resuming reads it. */
    public Path outcomeFile(String id) {
        return stateDir(id).resolve("outcome.json");
    }

    /** The run's own facts (its base commit), written before any workstream starts; resuming reads it. */
    public Path runFile() {
        return outDir.resolve("state").resolve("run.json");
    }

    /** The COORDINATION.md every worker of this run shares. */
    public Path coordinationFile() {
        return worktreeRoot.resolve(feature).resolve("COORDINATION.md");
    }
}
