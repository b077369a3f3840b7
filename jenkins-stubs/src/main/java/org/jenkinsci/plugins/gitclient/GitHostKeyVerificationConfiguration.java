package org.jenkinsci.plugins.gitclient;

import jenkins.model.GlobalConfiguration;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;
import org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.GitHostKeyVerificationConfiguration} from git-client 6.5.0
 * ("Manage Jenkins" / "Security" / "Git Host Key Verification Configuration"); never packaged. The real one is an
 * {@code @Extension} that also implements {@code PersistentDescriptor}; only the strategy getter and the lookup are declared.
 */
public class GitHostKeyVerificationConfiguration extends GlobalConfiguration {
    public SshHostKeyVerificationStrategy<? extends HostKeyVerifierFactory> getSshHostKeyVerificationStrategy() {
        throw new UnsupportedOperationException("stub");
    }

    public static GitHostKeyVerificationConfiguration get() {
        throw new UnsupportedOperationException("stub");
    }
}
