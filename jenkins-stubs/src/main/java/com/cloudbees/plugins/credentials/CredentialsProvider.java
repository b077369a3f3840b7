package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import hudson.security.Permission;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsProvider} from credentials 1480.v2246fd131e83; never packaged.
 * Only the lookup a build uses, the snapshot taken before credentials travel to an agent, and the permission a
 * credentials picker checks; the real class is a {@code Descriptor} and extension point.
 */
public abstract class CredentialsProvider {
    /** Use a credential in a job's configuration (select it) without seeing it. */
    public static final Permission USE_ITEM = null;

    protected CredentialsProvider() {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> C snapshot(C credential) {
        throw new UnsupportedOperationException("stub");
    }
}
