package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsMatcher} from credentials
 * 1480.v2246fd131e83; never packaged.
 */
public interface CredentialsMatcher extends Serializable {
    boolean matches(Credentials item);
}
