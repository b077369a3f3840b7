package io.dispatchplan.integrate;

/** The integration cannot run without risking work (or its input is wrong); the message says what to do. */
public class IntegrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IntegrationException(String message) {
        super(message);
    }
}
