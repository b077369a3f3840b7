package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.StepContext} from workflow-step-api 710.v3e456cc85233; never packaged.
 * The real class implements Guava's {@code FutureCallback<Object>}, which declares {@code onFailure};
 * javac records both callbacks against {@code StepContext}, and the JVM resolves them through the interface.
 */
public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract void onFailure(Throwable t);

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;
}
