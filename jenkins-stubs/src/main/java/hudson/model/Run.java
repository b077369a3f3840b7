package hudson.model;

import java.io.IOException;
import java.util.List;

/**
 * Compile-only stand-in for {@code hudson.model.Run} from Jenkins core 2.528.3; never packaged.
 * {@code getAction} and {@code addOrReplaceAction} are declared by the real
 * superclass {@code Actionable}; javac records calls against {@code Run}, which resolves them at run time.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Run() {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException("stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stub");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("stub");
    }

    public final jenkins.model.ArtifactManager getArtifactManager() {
        throw new UnsupportedOperationException("stub");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    /** Relative to the root, e.g. {@code job/shop/42/}. */
    public String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("stub");
    }

    /** The archived artifacts; the real method is {@code @Exported} and walks the artifact manager's root once. */
    public List<Artifact> getArtifacts() {
        throw new UnsupportedOperationException("stub");
    }

    /** One archived file; the real class has more (name, href, length). */
    public class Artifact {
        /** Its path under the build's artifacts, with {@code /} separators. */
        public final String relativePath;

        protected Artifact() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
