package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code hudson.model.queue.Tasks} from Jenkins core 2.528.3; never packaged.
 */
public class Tasks {
    protected Tasks() {
        throw new UnsupportedOperationException("stub");
    }

    /** The identity a task's builds run as. */
    public static Authentication getAuthenticationOf2(Queue.Task t) {
        throw new UnsupportedOperationException("stub");
    }
}
