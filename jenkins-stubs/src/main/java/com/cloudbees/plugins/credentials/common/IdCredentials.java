package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.IdCredentials} from credentials 1480.v2246fd131e83; never packaged.
 */
public interface IdCredentials extends Credentials {
    String getId();
}
