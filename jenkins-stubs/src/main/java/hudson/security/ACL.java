package hudson.security;

import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code hudson.security.ACL} from Jenkins core 2.528.3; never packaged.
 */
public abstract class ACL {
    /** The controller's own identity. */
    public static final Authentication SYSTEM2 = null;

    protected ACL() {
        throw new UnsupportedOperationException("stub");
    }
}
