package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Compile-only stand-in for {@code jenkins.model.GlobalConfiguration} from Jenkins core 2.528.3; never packaged.
 * {@code configure(StaplerRequest2, JSONObject)} is inherited unchanged (it binds the form to
 * {@code @DataBoundSetter}s), so it is not declared here.
 */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
