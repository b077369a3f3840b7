package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.StepExecution} from workflow-step-api 710.v3e456cc85233; never packaged.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void onResume() {
        throw new UnsupportedOperationException("stub");
    }

    public String getStatus() {
        throw new UnsupportedOperationException("stub");
    }
}
