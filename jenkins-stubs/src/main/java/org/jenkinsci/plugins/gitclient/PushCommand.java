package org.jenkinsci.plugins.gitclient;

import org.eclipse.jgit.transport.URIish;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.PushCommand} from git-client 6.5.0; never packaged.
 */
public interface PushCommand extends GitCommand {
    PushCommand to(URIish remote);

    PushCommand ref(String refspec);

    PushCommand force(boolean force);
}
