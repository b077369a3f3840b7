package com.cloudbees.plugins.credentials.common;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel} from credentials
 * 1480.v2246fd131e83; never packaged.
 */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("stub");
    }
}
