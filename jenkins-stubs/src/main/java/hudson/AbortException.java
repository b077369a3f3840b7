package hudson;

import java.io.IOException;

/**
 * Compile-only stand-in for {@code hudson.AbortException} from Jenkins core 2.528.3; never packaged.
 * A step failure Jenkins reports with its message only, no stack trace.
 */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException("stub");
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
