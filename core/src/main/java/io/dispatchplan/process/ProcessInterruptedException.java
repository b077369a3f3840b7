package io.dispatchplan.process;

/**
 * The calling thread was interrupted while waiting (e.g. a Jenkins build was aborted). The process tree
 * has been killed and the thread's interrupt flag is set again.
 */
public final class ProcessInterruptedException extends ProcessException {

    private static final long serialVersionUID = 1L;

    public ProcessInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
