package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.run.ScheduleState;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dispatchplan.graph.RateGovernor;
import io.jenkins.plugins.dispatchplan.run.GovernorTimer;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code waitForWorkstream('api')}: the dependency gate at the top of a workstream's stage. Completes
 * when the build's schedule lets the workstream start (its dependencies succeeded and a
 * {@code maxParallel} slot is free) or skips it (a dependency failed, or failFast stopped the run), and
 * returns a {@link GateDecision}. While waiting it holds no executor and says {@code waiting for: a, b}.
 */
public final class WaitForWorkstreamStep extends Step {
    private final String id;

    @DataBoundConstructor
    public WaitForWorkstreamStep(String id) {
        this.id = WorkstreamIds.check(id, "waitForWorkstream");
    }

    public String getId() {
        return id;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(id, context);
    }

    static final class Execution extends StepExecution implements ScheduleState.Waiter {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(WaitForWorkstreamStep.class.getName());

        private final String id;

        Execution(String id, StepContext context) {
            super(context);
            this.id = id;
        }

        @Override
        public boolean start() throws Exception {
            return ask();
        }

        /** Asks the schedule; true when answered at once (the step has completed). */
        private boolean ask() throws IOException, InterruptedException {
            PlannedBuild build = PlannedBuild.of(getContext().get(Run.class), "waitForWorkstream");
            ScheduleState.Answer answer = build.schedule.request(id, this);
            build.run.save();
            answer.deliveries().forEach(ScheduleState.Delivery::deliver);
            if (answer.decision() != null) {
                complete(build, answer.decision());
                return true;
            }
            log(id + " " + build.schedule.waitingStatus(id));
            // Quiet time raising the rate-limit governor's limit asks nobody: a timer does.
            GovernorTimer.schedule(build.run, build.schedule);
            return false;
        }

        @Override
        public void granted() {
            try {
                complete(PlannedBuild.of(getContext().get(Run.class), "waitForWorkstream"), GateDecision.start());
            } catch (IOException | InterruptedException | RuntimeException e) {
                getContext().onFailure(e);
            }
        }

        @Override
        public void skipped(String reason) {
            try {
                complete(PlannedBuild.of(getContext().get(Run.class), "waitForWorkstream"), GateDecision.skip(reason));
            } catch (IOException | InterruptedException | RuntimeException e) {
                getContext().onFailure(e);
            }
        }

        private void complete(PlannedBuild build, GateDecision decision) {
            long now = System.currentTimeMillis();
            logGovernorChanges(build);
            if (decision.isStart()) {
                build.action.workstream(id).started(now);
                log(id + ": starting");
            } else {
                build.recordSkips(now);
                log(id + ": " + decision.getReason());
            }
            getContext().onSuccess(decision);
        }

        @Override
        public void onResume() {
            // The waiting list is in memory: after a restart, ask again (answered at once if decided meanwhile).
            try {
                ask();
            } catch (IOException | InterruptedException | RuntimeException e) {
                getContext().onFailure(e);
            }
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            try {
                Run<?, ?> run = getContext().get(Run.class);
                ScheduleState schedule = run == null ? null : run.getAction(ScheduleState.class);
                if (schedule != null) {
                    schedule.cancel(id, this);
                }
            } finally {
                getContext().onFailure(cause);
            }
        }

        @Override
        public String getStatus() {
            try {
                Run<?, ?> run = getContext().get(Run.class);
                ScheduleState schedule = run == null ? null : run.getAction(ScheduleState.class);
                return schedule == null ? null : schedule.waitingStatus(id);
            } catch (IOException | InterruptedException | RuntimeException e) {
                return null;
            }
        }

        /** What the rate-limit governor changed since a build log last said, e.g. the raise that lets this start. */
        private void logGovernorChanges(PlannedBuild build) {
            List<RateGovernor.Change> changes = build.schedule.takeUnloggedChanges();
            if (changes.isEmpty()) {
                return;
            }
            changes.forEach(c -> log(c.describe()));
            try {
                build.run.save();
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "cannot save that the governor's changes were logged", e);
            }
        }

        private void log(String line) {
            try {
                getContext().get(TaskListener.class).getLogger().println(line);
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.FINE, "cannot log " + line, e);
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "waitForWorkstream";
        }

        @Override
        public String getDisplayName() {
            return "Wait until a workstream's dependencies are done and a worker slot is free";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

}
