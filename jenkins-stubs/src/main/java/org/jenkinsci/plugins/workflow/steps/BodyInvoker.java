package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.BodyInvoker} from workflow-step-api 710.v3e456cc85233; never packaged.
 * Only the members the plugin calls: a block step registers its callback and starts its body.
 */
public abstract class BodyInvoker {
    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();
}
