package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Compile-only stand-in for {@code jenkins.model.Jenkins} from Jenkins core 2.528.3; never packaged. The real
 * class extends {@code AbstractCIBase} (a {@code Node}, which is {@code AccessControlled}); only the singleton,
 * the administer permission and the inherited {@code hasPermission} are used.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    protected Jenkins() {
        throw new UnsupportedOperationException("stub");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }
}
