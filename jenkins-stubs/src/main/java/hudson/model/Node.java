package hudson.model;

import hudson.FilePath;

/**
 * Compile-only stand-in for {@code hudson.model.Node} from Jenkins core 2.528.3; never packaged.
 */
public abstract class Node {
    protected Node() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract FilePath getRootPath();
}
