package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution} from workflow-step-api 710.v3e456cc85233; never packaged.
 * {@code start()} is {@code public final} as in the real class, so a subclass cannot override it.
 */
public abstract class SynchronousStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousStepExecution(StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stub");
    }
}
