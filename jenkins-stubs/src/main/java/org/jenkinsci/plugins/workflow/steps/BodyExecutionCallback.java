package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback} from workflow-step-api 710.v3e456cc85233; never packaged.
 */
public abstract class BodyExecutionCallback implements Serializable {
    private static final long serialVersionUID = 1L;

    public void onStart(StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);

    /** The body runs once and the step ends as it ended, after {@link #finished}. */
    public abstract static class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
