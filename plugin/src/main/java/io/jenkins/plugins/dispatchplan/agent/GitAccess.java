package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.RunSettings;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dispatchplan.git.RemoteFetcher;
import java.io.IOException;
import org.jenkinsci.plugins.gitclient.GitHostKeyVerificationConfiguration;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Where an agent keeps its repository caches, and how it fetches with the build's git credentials. */
public final class GitAccess {
    /** Under the agent's root, shared by every build on it. */
    public static final String CACHE_DIR = "dispatch-plan/repositories";

    private GitAccess() {
    }

    /** The cache root on the agent running this step; the step must be inside {@code node}. */
    public static FilePath cacheRoot(StepContext context, String stepName) throws IOException, InterruptedException {
        Computer computer = context.get(Computer.class);
        if (computer == null) {
            throw new AbortException(stepName + " fetches the repository on an agent: call it inside node { }");
        }
        Node node = computer.getNode();
        FilePath root = node == null ? null : node.getRootPath();
        if (root == null) {
            throw new AbortException(stepName + ": the agent " + computer.getDisplayName() + " is offline");
        }
        return root.child(CACHE_DIR);
    }

    /** How to push when the run says {@code push: true}: with the credentials through git-client, else the agent's git; null when not pushing. */
    public static BranchPusher pusher(StepContext context, Run<?, ?> run, RunSettings settings, String stepName)
            throws IOException, InterruptedException {
        if (!settings.isPush()) {
            return null;
        }
        RemoteFetcher withCredentials = fetcher(context, run, settings.getGitCredentialsId(), stepName);
        return withCredentials == null ? new BranchPusher.Cli() : (BranchPusher) withCredentials;
    }

    /** A git-client fetcher with the credentials, or null (the agent's own git) when none are named. */
    public static RemoteFetcher fetcher(StepContext context, Run<?, ?> run, String credentialsId, String stepName)
            throws IOException, InterruptedException {
        if (credentialsId == null) {
            return null;
        }
        StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(stepName + ": no credentials '" + credentialsId
                    + "' visible to this job; check gitCredentialsId");
        }
        // A snapshot resolves credentials whose secret lives on the controller (e.g. a key file) before they travel.
        return new GitClientFetcher(context.get(TaskListener.class), context.get(EnvVars.class),
                CredentialsProvider.snapshot(credentials), hostKeyVerification());
    }

    /**
     * The SSH host key verification the administrator configured (Manage Jenkins, Security, Git Host Key Verification
     * Configuration), read here on the controller: git-client on an agent has no Jenkins instance to read it from, and
     * without it verifies no host key at all.
     */
    static HostKeyVerifierFactory hostKeyVerification() {
        return GitHostKeyVerificationConfiguration.get().getSshHostKeyVerificationStrategy().getVerifier();
    }
}
