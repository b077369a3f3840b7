package io.dispatchplan.process;

/** A process could not be started or its I/O failed; the message says which command and why. */
public class ProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProcessException(String message) {
        super(message);
    }
}
