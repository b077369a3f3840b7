package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.Credentials} from credentials 1480.v2246fd131e83; never packaged.
 * The real one also extends {@code Describable<Credentials>} and {@code ExtensionPoint}.
 */
public interface Credentials extends Serializable {
}
