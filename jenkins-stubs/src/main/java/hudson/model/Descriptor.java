package hudson.model;

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
}
