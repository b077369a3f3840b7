package org.jenkinsci.plugins.gitclient;

import hudson.EnvVars;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.Git} from git-client 6.5.0; never packaged.
 */
public class Git implements Serializable {
    private static final long serialVersionUID = 1L;

    public static Git with(TaskListener listener, EnvVars env) {
        throw new UnsupportedOperationException("stub");
    }

    public Git in(File repository) {
        throw new UnsupportedOperationException("stub");
    }

    public Git using(String exe) {
        throw new UnsupportedOperationException("stub");
    }

    public Git withHostKeyVerifierFactory(HostKeyVerifierFactory hostKeyFactory) {
        throw new UnsupportedOperationException("stub");
    }

    public GitClient getClient() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }
}
