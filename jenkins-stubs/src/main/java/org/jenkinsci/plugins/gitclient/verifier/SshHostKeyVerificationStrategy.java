package org.jenkinsci.plugins.gitclient.verifier;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy} from git-client
 * 6.5.0; never packaged. Only the verifier the strategy configures.
 */
public abstract class SshHostKeyVerificationStrategy<T extends HostKeyVerifierFactory>
        extends AbstractDescribableImpl<SshHostKeyVerificationStrategy<T>> implements ExtensionPoint {
    public abstract T getVerifier();
}
