package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamCollection;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamSetup;
import io.jenkins.plugins.dispatchplan.agent.BranchPusher;
import io.jenkins.plugins.dispatchplan.agent.GitAccess;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.graph.RateGovernor;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code collectWorkstream(id: 'api', exitStatus: status)}, in the node that ran the worker: judges it
 * (result object and RESULTS.md, not only the exit status), saves what it left uncommitted as a WIP
 * commit, puts RESULTS.md, TASKS.md and worker-result.json under {@code .dispatch-plan/workstreams/<id>/}
 * to archive, records cost and session on the run page, and returns the verdict.
 */
public final class CollectWorkstreamStep extends Step {
    private final String id;
    private final int exitStatus;
    private int attempt = 1;

    @DataBoundConstructor
    public CollectWorkstreamStep(String id, int exitStatus) {
        this.id = WorkstreamIds.check(id, "collectWorkstream");
        this.exitStatus = exitStatus;
    }

    public String getId() {
        return id;
    }

    /** The worker's exit status, from {@code sh(returnStatus: true)}. */
    public int getExitStatus() {
        return exitStatus;
    }

    public int getAttempt() {
        return attempt;
    }

    /** Which attempt of the worker this was, from 1; a retryable failure gets up to three. */
    @DataBoundSetter
    public void setAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("collectWorkstream: attempt counts from 1, not " + attempt);
        }
        this.attempt = attempt;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(id, exitStatus, attempt, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<CollectedWorkstream> {
        private static final long serialVersionUID = 1L;

        private final String id;
        private final int exitStatus;
        private final int attempt;

        Execution(String id, int exitStatus, int attempt, StepContext context) {
            super(context);
            this.id = id;
            this.exitStatus = exitStatus;
            this.attempt = attempt;
        }

        @Override
        protected CollectedWorkstream run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            PlannedBuild build = PlannedBuild.of(run, "collectWorkstream");
            WorkstreamSetup setup = build.setup(id, "collectWorkstream");
            BranchPusher pusher = GitAccess.pusher(getContext(), run, build.action.settings(), "collectWorkstream");
            CollectedWorkstream answer = getContext().get(FilePath.class).act(new AgentCallables.Collect(setup, exitStatus,
                    pusher, attempt).masking(RunSecrets.bound(run, build.action.settings())));
            TaskListener listener = getContext().get(TaskListener.class);
            // The answer comes from outside withCredentials: mask the API key before it is logged or kept.
            Secrets secrets = RunSecrets.of(run, build.action.settings());
            CollectedWorkstream collected = answer.asTrustedBy(id, secrets);
            // The run budget counts each attempt's new spending; a rate limit lowers how many workers start at once.
            if (collected.getCostUsd() != null) {
                build.schedule.spent(id, attempt, collected.getCostUsd());
            }
            if (collected.getRateLimit() != null) {
                build.schedule.rateLimited(id, collected.getRateLimit(), java.time.Instant.now());
            }
            List<RateGovernor.Change> changes = build.schedule.takeUnloggedChanges();
            if (collected.getRetryAfterSeconds() != null && attempt >= WorkstreamCollection.RETRIES.maxAttempts()) {
                // The retry loop is bounded here, on the controller, whatever the agent answers.
                run.save();
                throw new AbortException(id + ": attempt " + attempt + " failed (" + collected.getReason() + "), and "
                        + WorkstreamCollection.RETRIES.maxAttempts() + " attempts is the most");
            }
            if (collected.getLastActivity() != null) {
                build.action.workstream(id).activity(collected.getTurns(), collected.getLastActivity(),
                        collected.getLastActivityAt());
            }
            if (collected.getRetryAfterSeconds() != null) {
                run.save();
                changes.forEach(c -> listener.getLogger().println(c.describe()));
                listener.getLogger().println(retryLine(id, attempt, collected));
                return collected;
            }
            if (build.action.workstream(id).getCarriedFromBuild() == null) {
                // A carried-over workstream keeps what the earlier build recorded: nothing ran now.
                record(build.action.workstream(id), id, collected, build.schedule.spentBy(id), answer.resultsMarkdown(),
                        secrets);
            }
            run.save();
            changes.forEach(c -> listener.getLogger().println(c.describe()));
            listener.getLogger().println(verdictLine(id, collected));
            if (collected.getOutputTail() != null) {
                listener.getLogger().println(id + ": the end of the worker's output (all of it is archived with its"
                        + " files):\n" + collected.getOutputTail());
            }
            return collected;
        }
    }

    /**
     * Puts a collected verdict (already {@linkplain CollectedWorkstream#asTrustedBy kept as trusted}) on its run page
     * row, with what every attempt of the workstream spent in this build ({@code costUsd}; null when unknown).
     */
    static void record(WorkstreamRecord row, String id, CollectedWorkstream collected, Double costUsd,
            String resultsMarkdown, Secrets secrets) {
        row.worker(costUsd, collected.getSessionId());
        row.branchTip(collected.getHeadSha(), collected.getCommits());
        row.results(collected.isResultsWritten() ? "workstreams/" + id + "/RESULTS.md" : null, secrets.mask(resultsMarkdown));
        row.outputTail(collected.getOutputTail());
    }

    static String retryLine(String id, int attempt, CollectedWorkstream collected) {
        return id + ": attempt " + attempt + " failed (" + collected.getReason() + "); trying again"
                + (collected.getRetryAfterSeconds() > 0 ? " in " + collected.getRetryAfterSeconds() + " s" : "");
    }

    static String verdictLine(String id, CollectedWorkstream collected) {
        return id + ": " + collected.getStatus()
                + (collected.getReason() == null ? "" : " (" + collected.getReason() + ")")
                + (collected.getCostUsd() == null ? "" : String.format(", $%.2f", collected.getCostUsd()))
                + (collected.getWipCommit() == null ? "" : ", uncommitted work saved as " + collected.getWipCommit())
                + (collected.getCleanup() == null ? "" : "; worktree: " + collected.getCleanup());
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "collectWorkstream";
        }

        @Override
        public String getDisplayName() {
            return "Collect a workstream's results after its worker ran";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }
    }
}
