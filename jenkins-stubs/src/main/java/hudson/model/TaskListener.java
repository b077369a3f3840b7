package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.model.TaskListener} from Jenkins core 2.528.3; never packaged.
 * The real one extends {@code SerializableOnlyOverRemoting}, itself a {@code Serializable}.
 */
public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
