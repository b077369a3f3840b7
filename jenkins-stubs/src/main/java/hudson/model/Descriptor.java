package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Compile-only stand-in for {@code hudson.model.Descriptor} from Jenkins core 2.528.3; never packaged.
 */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stub");
    }

    /** Makes the configured object from a submitted form (the Snippet Generator calls it too). */
    public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    /** A form that cannot be made into an object; the real class also implements Stapler's {@code HttpResponse}. */
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
