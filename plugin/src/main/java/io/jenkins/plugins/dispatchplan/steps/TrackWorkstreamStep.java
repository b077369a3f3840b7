package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.agent.WorkerProgress;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.FilePathUtils;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code trackWorkstream(id: 'api') { sh ... }}, in the node's workspace around the worker's {@code sh}: while its
 * body runs, the workstream's row on the Dispatch Plan page (and in {@code api/json}) shows the worker's turns so far,
 * its last activity and when that was, read from the worker's events file on the agent every
 * {@value #POLL_SECONDS} s. It ends as its body ends. A restarted controller starts reading again; a read that fails
 * (the agent offline) is skipped quietly and never fails the build.
 */
public final class TrackWorkstreamStep extends Step {
    /** How often the row is refreshed while the worker runs. */
    static final long POLL_SECONDS = 15;
    /** The longest a read waits for the agent: Jenkins' shared timer threads must not hang on a stuck agent. */
    static final long READ_TIMEOUT_SECONDS = 10;

    private final String id;

    @DataBoundConstructor
    public TrackWorkstreamStep(String id) {
        this.id = WorkstreamIds.check(id, "trackWorkstream");
    }

    public String getId() {
        return id;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(id, context);
    }

    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(TrackWorkstreamStep.class.getName());

        private final String id;
        private String feature;
        /** The workspace as its node's name and path: made live for each read, so a reconnected agent is found again. */
        private String node;
        private String workspace;
        private transient volatile WorkerProgressPoll poll;
        private transient ScheduledFuture<?> task;

        Execution(String id, StepContext context) {
            super(context);
            this.id = id;
        }

        @Override
        public boolean start() throws Exception {
            PlannedBuild build = PlannedBuild.of(getContext().get(Run.class), "trackWorkstream");
            row(build);
            feature = build.action.getFeature();
            FilePath here = getContext().get(FilePath.class);
            node = FilePathUtils.getNodeName(here);
            workspace = here.getRemote();
            getContext().newBodyInvoker().withCallback(new StopPolling(this)).start();
            startPolling();
            return false;
        }

        @Override
        public void onResume() {
            startPolling();
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            stopPolling();
            super.stop(cause);
        }

        @Override
        public String getStatus() {
            WorkerProgressPoll current = poll;
            if (current == null) {
                return "not reading the worker's progress";
            }
            WorkerProgress last = current.last();
            return "reading the worker's progress every " + POLL_SECONDS + " s"
                    + (last == null || last.lastActivity() == null ? "" : "; last: " + last.lastActivity());
        }

        private synchronized void startPolling() {
            if (task != null) {
                return;
            }
            try {
                Run<?, ?> run = getContext().get(Run.class);
                PlannedBuild build = PlannedBuild.of(run, "trackWorkstream");
                poll = new WorkerProgressPoll(id, this::readOnAgent, row(build), RunSecrets.of(run, build.action.settings()),
                        run::save);
                task = Timer.get().scheduleWithFixedDelay(poll, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // Without it the row shows the worker's progress after each attempt only, as collectWorkstream records it.
                LOGGER.log(Level.FINE, "cannot start reading the progress of " + id, e);
            }
        }

        synchronized void stopPolling() {
            if (task != null) {
                task.cancel(false);
                task = null;
            }
            if (poll != null) {
                poll.stop();
            }
        }

        /** Null while the agent is offline. */
        private WorkerProgress readOnAgent(WorkerProgress previous) throws IOException, InterruptedException {
            FilePath here = FilePathUtils.find(node, workspace);
            if (here == null) {
                return null;
            }
            Future<WorkerProgress> answer = here.actAsync(new AgentCallables.ReadProgress(feature, id, previous));
            try {
                return answer.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } catch (TimeoutException e) {
                answer.cancel(true);
                throw new IOException("no answer from " + node + " in " + READ_TIMEOUT_SECONDS + " s", e);
            }
        }

        private WorkstreamRecord row(PlannedBuild build) throws AbortException {
            try {
                return build.action.workstream(id);
            } catch (IllegalArgumentException e) {
                throw new AbortException("trackWorkstream: " + e.getMessage());
            }
        }
    }

    /** Stops the reads when the body ends, whichever way, before the step ends as its body did. */
    private static final class StopPolling extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;

        private final Execution execution;

        StopPolling(Execution execution) {
            this.execution = execution;
        }

        @Override
        protected void finished(StepContext context) {
            execution.stopPolling();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "trackWorkstream";
        }

        @Override
        public String getDisplayName() {
            return "Show a running workstream's turns and last activity on the Dispatch Plan page";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class);
        }
    }
}
