package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Queue} from Jenkins core 2.528.3; never packaged. Only the
 * nested {@code Task} type, which a job is when it can be queued.
 */
public class Queue {
    protected Queue() {
        throw new UnsupportedOperationException("stub");
    }

    /** The real interface extends {@code FullyNamedModelObject} and {@code SubTask}. */
    public interface Task {
    }
}
