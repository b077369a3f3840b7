package io.jenkins.plugins.dispatchplan.config;

import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;

/**
 * How a workstream's worker is started: {@code claude(...)} or {@code command(...)} in a Jenkinsfile.
 * Implementations are plain values; the command line itself is built by core on the agent.
 */
public abstract class WorkerConfig implements Describable<WorkerConfig>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Short name for logs and the run page, e.g. {@code claude}. */
    public abstract String getKind();

    /** Environment variable the API key credential is bound to, or null when the worker takes none. */
    public abstract String getApiKeyVariable();

    /** The engine's command for this worker and request (on the agent). */
    public abstract io.dispatchplan.worker.WorkerCommand command(io.dispatchplan.worker.WorkerRequest request);

    /**
     * After a finished attempt: whether the worker refused how it was started in a way the next attempt fixes
     * by itself (Claude's session flag); the default is no.
     */
    public boolean fixForNextAttempt(io.dispatchplan.worker.WorkerRequest request, io.dispatchplan.process.ProcessResult process) {
        return false;
    }

    /** What one run of this worker may spend at most, which the run budget reserves; null when it has no cap. */
    public Double budgetCapUsd() {
        return null;
    }

    /** Whether its stdout is Claude Code's stream-json events, shown as readable lines in the stage log. */
    public boolean streamsEvents() {
        return false;
    }

    /** The engine's verdict on the finished worker process (on the agent). */
    public abstract io.dispatchplan.worker.WorkerOutcome judge(io.dispatchplan.worker.WorkerRequest request,
            io.dispatchplan.process.ProcessResult process);

    /**
     * The engine's worker with these settings, as the conflict resolver ({@code resolveConflicts:}): it runs on the
     * integration agent with the merge in progress, given its instructions as {@code TASKS_FILE}.
     */
    public abstract io.dispatchplan.worker.Worker resolver();

    /** Base of the worker descriptors, so {@code worker:} lists exactly these. */
    public abstract static class WorkerDescriptor extends Descriptor<WorkerConfig> {
    }
}
