package org.jenkinsci.plugins.gitclient.verifier;

import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory} from git-client 6.5.0;
 * never packaged. The plugin only carries one from the controller to an agent; its abstract {@code forCliGit}/{@code forJGit}
 * and {@code getKnownHostsFile()} are not used and are left out.
 */
public abstract class HostKeyVerifierFactory implements SerializableOnlyOverRemoting {}
