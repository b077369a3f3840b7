package com.cloudbees.plugins.credentials.common;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.StandardCredentials} from credentials 1480.v2246fd131e83; never packaged.
 */
public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
