package org.jenkinsci.plugins.gitclient;

import hudson.plugins.git.GitException;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.GitCommand} from git-client 6.5.0; never packaged.
 */
public interface GitCommand {
    void execute() throws GitException, InterruptedException;
}
