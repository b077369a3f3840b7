package org.jenkinsci.plugins.gitclient;

import com.cloudbees.plugins.credentials.common.StandardCredentials;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.GitClient} from git-client 6.5.0; never packaged.
 */
public interface GitClient {
    void addDefaultCredentials(StandardCredentials credentials);

    FetchCommand fetch_();

    PushCommand push();
}
