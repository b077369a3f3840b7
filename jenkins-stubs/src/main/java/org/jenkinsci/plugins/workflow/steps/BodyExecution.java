package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.concurrent.Future;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.BodyExecution} from workflow-step-api 710.v3e456cc85233; never packaged.
 * What {@link BodyInvoker#start()} returns; the plugin calls none of its members.
 */
public abstract class BodyExecution implements Future<Object>, Serializable {
    private static final long serialVersionUID = 1L;
}
