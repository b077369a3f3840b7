package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.StepDescriptor} from workflow-step-api 710.v3e456cc85233; never packaged.
 * The real class has no explicit constructor; {@code Descriptor()}'s protected one is implied.
 */
public abstract class StepDescriptor extends Descriptor<Step> {
    protected StepDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("stub");
    }
}
