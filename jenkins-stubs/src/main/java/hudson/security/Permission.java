package hudson.security;

/**
 * Compile-only stand-in for {@code hudson.security.Permission} from Jenkins core 2.528.3; never packaged.
 * Only the type: the plugin names existing permissions and never makes one.
 */
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("stub");
    }
}
