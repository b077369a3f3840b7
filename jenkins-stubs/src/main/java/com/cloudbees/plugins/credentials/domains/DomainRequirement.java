package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.domains.DomainRequirement} from credentials
 * 1480.v2246fd131e83; never packaged. The real class is also an {@code ExtensionPoint}.
 */
public class DomainRequirement implements Serializable {
    private static final long serialVersionUID = 1L;

    public DomainRequirement() {
        throw new UnsupportedOperationException("stub");
    }
}
