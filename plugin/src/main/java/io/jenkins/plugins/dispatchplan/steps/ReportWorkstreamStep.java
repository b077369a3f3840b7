package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.config.Text;
import io.jenkins.plugins.dispatchplan.run.ScheduleState;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.secrets.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code reportWorkstream(id: 'api', status: 'SUCCESS')}: tells the build's schedule how a workstream
 * that {@code waitForWorkstream} let start has ended, which starts or skips the gates waiting on it.
 * Status is a build result name: SUCCESS, UNSTABLE (dependents still start) or FAILURE (they are skipped).
 */
public final class ReportWorkstreamStep extends Step {
    private final String id;
    private final String status;
    private String reason;

    @DataBoundConstructor
    public ReportWorkstreamStep(String id, String status) {
        this.id = WorkstreamIds.check(id, "reportWorkstream");
        this.status = statusName(status);
    }

    public String getId() {
        return id;
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    /** Why it failed or is unstable, shown on the run page and given to the skipped dependents. */
    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = Text.trimToNull(reason);
    }

    static String statusName(String status) {
        String s = Text.trimToNull(status);
        String upper = s == null ? "" : s.toUpperCase(Locale.ROOT);
        if (!upper.equals("SUCCESS") && !upper.equals("UNSTABLE") && !upper.equals("FAILURE")) {
            throw new IllegalArgumentException("reportWorkstream: status must be SUCCESS, UNSTABLE or FAILURE, not '" + status + "'");
        }
        return upper;
    }

    public Outcome outcome() {
        return switch (status) {
            case "SUCCESS" -> Outcome.SUCCEEDED;
            case "UNSTABLE" -> Outcome.UNSTABLE;
            default -> Outcome.FAILED;
        };
    }

    /**
     * Records how it ended on its run page row, the run's API key masked in the reason (it often is a worker's failure
     * reason, which comes from outside {@code withCredentials}); returns the line for the build log, masked alike.
     */
    String record(WorkstreamRecord row, Secrets secrets, long now) {
        String kept = secrets.mask(reason);
        row.ended(outcome().name(), kept, now);
        return id + ": " + outcome().name().toLowerCase(Locale.ROOT) + (kept == null ? "" : " (" + kept + ")");
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
        private static final long serialVersionUID = 1L;

        private final transient ReportWorkstreamStep step;

        Execution(ReportWorkstreamStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Void run() throws Exception {
            PlannedBuild build = PlannedBuild.of(getContext().get(Run.class), "reportWorkstream");
            Map<String, WorkstreamState> before = build.schedule.states();
            // The reason often is a worker's, from outside withCredentials: the skipped dependents get it masked too.
            Secrets secrets = RunSecrets.of(build.run, build.action.settings());
            List<ScheduleState.Delivery> deliveries = build.schedule.finished(step.id, step.outcome(), secrets.mask(step.reason));
            long now = System.currentTimeMillis();
            String line = step.record(build.action.workstream(step.id), secrets, now);
            build.recordSkips(now);
            build.run.save();
            deliveries.forEach(ScheduleState.Delivery::deliver);
            TaskListener listener = getContext().get(TaskListener.class);
            listener.getLogger().println(line);
            List<String> skipped = new ArrayList<>();
            for (Map.Entry<String, WorkstreamState> e : build.schedule.states().entrySet()) {
                if (e.getValue() == WorkstreamState.SKIPPED && before.get(e.getKey()) != WorkstreamState.SKIPPED) {
                    skipped.add(e.getKey());
                }
            }
            if (!skipped.isEmpty()) {
                listener.getLogger().println("skipping " + String.join(", ", skipped));
            }
            return null;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "reportWorkstream";
        }

        @Override
        public String getDisplayName() {
            return "Report how a workstream ended to the build's schedule";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ListBoxModel doFillStatusItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("SUCCESS: its dependents may start", "SUCCESS");
            items.add("UNSTABLE: flagged, its dependents still start", "UNSTABLE");
            items.add("FAILURE: its dependents are skipped", "FAILURE");
            return items;
        }
    }
}
