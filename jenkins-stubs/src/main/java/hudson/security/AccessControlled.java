package hudson.security;

/**
 * Compile-only stand-in for {@code hudson.security.AccessControlled} from Jenkins core 2.528.3; never packaged.
 * The real {@code hasPermission} is a default method over {@code getACL()}, which the stub leaves out.
 */
public interface AccessControlled {
    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("stub");
    }
}
