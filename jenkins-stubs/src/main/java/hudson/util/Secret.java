package hudson.util;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.util.Secret} from Jenkins core 2.528.3; never packaged. Only the plain value.
 */
public final class Secret implements Serializable {
    private Secret() {
        throw new UnsupportedOperationException("stub");
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("stub");
    }
}
