package org.jenkinsci.plugins.gitclient;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.EnvVars;
import hudson.model.TaskListener;
import java.io.File;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

/**
 * Recording stand-in for git-client's {@code Git}, used by the plugin's tests in place of the compile-only stub (test classes
 * come first on the test class path). It declares the same members the stub does, so a call the plugin makes that the stub
 * does not have fails here too; it records how the client was built and what it was asked to do, and runs nothing.
 */
public class Git implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every client built, in order. */
    public static final List<Recorded> BUILT = new CopyOnWriteArrayList<>();

    private File repository;
    private String exe;
    private HostKeyVerifierFactory hostKeyFactory;

    public static Git with(TaskListener listener, EnvVars env) {
        return new Git();
    }

    public Git in(File repository) {
        this.repository = repository;
        return this;
    }

    public Git using(String exe) {
        this.exe = exe;
        return this;
    }

    public Git withHostKeyVerifierFactory(HostKeyVerifierFactory hostKeyFactory) {
        this.hostKeyFactory = hostKeyFactory;
        return this;
    }

    public GitClient getClient() {
        Recorded client = new Recorded(repository, exe, hostKeyFactory);
        BUILT.add(client);
        return client;
    }

    /** A client that keeps what it was given. */
    public static final class Recorded implements GitClient {
        public final File repository;
        public final String exe;
        public final HostKeyVerifierFactory hostKeyFactory;
        public final List<String> calls = new CopyOnWriteArrayList<>();
        public StandardCredentials credentials;

        Recorded(File repository, String exe, HostKeyVerifierFactory hostKeyFactory) {
            this.repository = repository;
            this.exe = exe;
            this.hostKeyFactory = hostKeyFactory;
        }

        @Override
        public void addDefaultCredentials(StandardCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public FetchCommand fetch_() {
            return new FetchCommand() {
                @Override
                public FetchCommand from(URIish remote, List<RefSpec> refspecs) {
                    calls.add("fetch " + remote + " " + refspecs.stream().map(RefSpec::toString).toList());
                    return this;
                }

                @Override
                public FetchCommand prune(boolean prune) {
                    calls.add("prune " + prune);
                    return this;
                }

                @Override
                public FetchCommand tags(boolean tags) {
                    calls.add("tags " + tags);
                    return this;
                }

                @Override
                public void execute() {
                    calls.add("execute");
                }
            };
        }

        @Override
        public PushCommand push() {
            return new PushCommand() {
                @Override
                public PushCommand to(URIish remote) {
                    calls.add("push " + remote);
                    return this;
                }

                @Override
                public PushCommand ref(String refspec) {
                    calls.add("ref " + refspec);
                    return this;
                }

                @Override
                public PushCommand force(boolean force) {
                    calls.add("force " + force);
                    return this;
                }

                @Override
                public void execute() {
                    calls.add("execute");
                }
            };
        }
    }
}
