package io.jenkins.plugins.dispatchplan.agent;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.EnvVars;
import hudson.model.TaskListener;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.git.RepositoryCache;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.jenkinsci.plugins.gitclient.Git;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

/**
 * Fetches into (and pushes from) an agent's cache repository through git-client with the build's git credentials (an SSH key or a
 * username and password/token), so they never appear on a command line or in the cache's config. Sent to
 * the agent inside the step's callable; without credentials the engine's own git CLI fetch is used.
 *
 * <p>SSH host keys are checked the way the controller's git-client security setting says ("Git Host Key Verification
 * Configuration"): the controller reads the strategy's verifier factory and sends it along, since git-client on an
 * agent has no Jenkins instance to read it from and would otherwise check nothing.
 */
public final class GitClientFetcher implements RemoteFetcher, BranchPusher, Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;
    private final EnvVars environment;
    private final StandardCredentials credentials;
    private final HostKeyVerifierFactory hostKeyFactory;

    GitClientFetcher(TaskListener listener, EnvVars environment, StandardCredentials credentials,
            HostKeyVerifierFactory hostKeyFactory) {
        this.listener = listener;
        this.environment = environment;
        this.credentials = credentials;
        this.hostKeyFactory = java.util.Objects.requireNonNull(hostKeyFactory, "the controller's host key verification");
    }

    /** What checks SSH host keys on the agent: the controller's configured strategy. */
    HostKeyVerifierFactory hostKeyFactory() {
        return hostKeyFactory;
    }

    /** A git-client for the cache repository, with the credentials and the controller's host key verification. */
    private GitClient client(Path gitDir) throws IOException, InterruptedException {
        GitClient client = Git.with(listener, environment).in(gitDir.toFile()).using("git")
                .withHostKeyVerifierFactory(hostKeyFactory).getClient();
        client.addDefaultCredentials(credentials);
        return client;
    }

    @Override
    public void push(Path gitDir, String url, String branch, boolean force) {
        try {
            GitClient client = client(gitDir);
            client.push().to(new URIish(url)).ref("refs/heads/" + branch + ":refs/heads/" + branch).force(force).execute();
        } catch (IOException | URISyntaxException | hudson.plugins.git.GitException e) {
            throw new GitException("could not push " + branch + " to " + GitException.redact(url) + " with credentials "
                    + credentials.getId() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while pushing " + branch);
        }
    }

    @Override
    public void fetch(Path gitDir, String url) {
        try {
            GitClient client = client(gitDir);
            List<RefSpec> refSpecs = RepositoryCache.FETCH_REFSPECS.stream().map(RefSpec::new).toList();
            client.fetch_().from(new URIish(url), refSpecs).prune(true).tags(true).execute();
        } catch (IOException | URISyntaxException | hudson.plugins.git.GitException e) {
            throw new GitException("could not fetch " + GitException.redact(url) + " with credentials "
                    + credentials.getId() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while fetching " + GitException.redact(url));
        }
    }
}
