package io.dispatchplan.worktree;

/** A worktree cannot be prepared or cleaned up as asked; the message says why and what to do. */
public class WorktreeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorktreeException(String message) {
        super(message);
    }

    public WorktreeException(String message, Throwable cause) {
        super(message, cause);
    }
}
