package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Describable} from Jenkins core 2.528.3; never packaged.
 */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
