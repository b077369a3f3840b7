package org.jenkinsci.plugins.gitclient;

import java.util.List;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.FetchCommand} from git-client 6.5.0; never packaged.
 * {@code URIish} and {@code RefSpec} are the real JGit classes (git-client bundles JGit 7.5.0).
 */
public interface FetchCommand extends GitCommand {
    FetchCommand from(URIish remote, List<RefSpec> refspecs);

    FetchCommand prune(boolean prune);

    FetchCommand tags(boolean tags);
}
