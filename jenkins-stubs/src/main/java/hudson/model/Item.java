package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Compile-only stand-in for {@code hudson.model.Item} from Jenkins core 2.528.3; never packaged. The real
 * interface has more supertypes; only {@code AccessControlled} is used.
 */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;

    /** See the configuration without changing it (secrets masked). */
    Permission EXTENDED_READ = null;
}
