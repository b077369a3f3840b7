package io.dispatchplan.run;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.PredictedConflict;
import io.dispatchplan.report.WorkstreamReport;
import java.util.List;

/** What a run tells whoever shows its progress; the engine itself never prints. Calls come from several threads. */
public interface RunListener {
    default void message(String text) {}

    /** The base commit every workstream starts from, resolved once. */
    default void base(String ref, String sha) {}

    default void waiting(String id, List<String> dependencies) {}

    default void started(String id) {}

    /** A step inside a running workstream, e.g. "worktree ready", "worker running". */
    default void step(String id, String what) {}

    /**
     * What a running workstream's worker just did, as one readable line (Claude Code: its session start, a tool use,
     * a text, an API retry, its result), with its turns so far.
     */
    default void activity(String id, io.dispatchplan.worker.WorkerActivity activity) {}

    default void finished(WorkstreamReport report) {}

    /** Two finished workstream branches will conflict when integrated: known now, before the integration. */
    default void conflictPredicted(PredictedConflict conflict) {}

    default void integrating(List<String> branches) {}

    default void integrated(IntegrationResult result) {}

    RunListener NONE = new RunListener() {};
}
