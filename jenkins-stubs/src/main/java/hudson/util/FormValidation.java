package hudson.util;

import java.io.IOException;

/**
 * Compile-only stand-in for {@code hudson.util.FormValidation} from Jenkins core 2.528.3; never packaged.
 * The real class also implements Stapler's {@code HttpResponse}.
 */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    protected FormValidation() {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
