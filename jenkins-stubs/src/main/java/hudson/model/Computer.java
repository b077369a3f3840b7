package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Computer} from Jenkins core 2.528.3; never packaged.
 */
public abstract class Computer {
    protected Computer() {
        throw new UnsupportedOperationException("stub");
    }

    public Node getNode() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }
}
