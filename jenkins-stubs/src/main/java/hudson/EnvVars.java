package hudson;

import java.util.TreeMap;

/**
 * Compile-only stand-in for {@code hudson.EnvVars} from Jenkins core 2.528.3; never packaged.
 */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
        throw new UnsupportedOperationException("stub");
    }
}
