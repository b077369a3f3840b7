package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.run.IntegrationProgress;

import io.jenkins.plugins.dispatchplan.run.IntegrationRecord;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code recordVerification(status: rc)}: records the exit status of the verify run {@code integrateWorkstreams} asked
 * for (kept with the build; the next {@code integrateWorkstreams} goes on from it), or, after a verify the Pipeline ran
 * by itself, puts it in the integration report.
 */
public final class RecordVerificationStep extends Step {
    private final int status;

    @DataBoundConstructor
    public RecordVerificationStep(int status) {
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(status, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
        private static final long serialVersionUID = 1L;

        private final int status;

        Execution(int status, StepContext context) {
            super(context);
            this.status = status;
        }

        @Override
        protected Void run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            PlannedBuild build = PlannedBuild.of(run, "recordVerification");
            IntegrationProgress progress = build.action.getIntegrationProgress();
            if (progress != null && progress.awaitsVerify()) {
                String asked = "verify " + progress.awaited().number() + " (" + progress.awaited().tested() + ")";
                progress.verified(status, System.currentTimeMillis());
                run.save();
                getContext().get(TaskListener.class).getLogger().println(asked + (status == 0 ? " passed"
                        : " failed with exit status " + status));
                return null;
            }
            IntegrationRecord integration = build.action.getIntegration();
            if (integration == null) {
                throw new IllegalStateException("recordVerification: no integration in this build yet; call integrateWorkstreams first");
            }
            integration.verified(status);
            run.save();
            getContext().get(TaskListener.class).getLogger().println(status == 0 ? "verify passed" : "verify failed with exit status " + status);
            return null;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "recordVerification";
        }

        @Override
        public String getDisplayName() {
            return "Record the verify command's exit status in the integration report";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
