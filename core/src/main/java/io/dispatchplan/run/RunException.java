package io.dispatchplan.run;

/** A run that cannot start because of its input (not a repository, unknown base, git too old); says how to fix it. */
public class RunException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
