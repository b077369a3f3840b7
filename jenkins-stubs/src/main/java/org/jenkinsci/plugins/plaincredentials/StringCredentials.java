package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.plaincredentials.StringCredentials} from plain-credentials
 * 199.v9f8e1f741799 (a "Secret text" credential); never packaged. Its {@code @NameWith} and nested {@code NameProvider}
 * are not used and are left out.
 */
public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
