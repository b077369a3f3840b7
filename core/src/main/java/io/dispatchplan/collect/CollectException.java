package io.dispatchplan.collect;

/** A workstream's worktree cannot be collected at all (it is gone, or its branch is); the message says why. */
public class CollectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
