package jenkins.model;

import jenkins.util.VirtualFile;

/**
 * Compile-only stand-in for {@code jenkins.model.ArtifactManager} from Jenkins core 2.528.3; never packaged.
 * Only {@code root()}, through which a previous build's archived artifacts are read.
 */
public abstract class ArtifactManager {
    protected ArtifactManager() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract VirtualFile root();
}
