package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.files.CommittedFiles;
import io.dispatchplan.git.BaseCommit;
import io.dispatchplan.git.CachedRepository;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.git.RepositoryLock;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * On the agent, for a run given {@code repository:} rather than a checkout: brings the agent's cache of
 * the repository up to date, pins the base commit and reads the plan file as it is at that commit.
 */
public final class RepositoryPlanSource {
    private final GitCli git = new GitCli();
    private final RepositoryCache cache;

    RepositoryPlanSource(Path cacheRoot, RemoteFetcher fetcher) {
        this.cache = new RepositoryCache(git, cacheRoot, fetcher, RepositoryLock.DEFAULT_TIMEOUT);
    }

    /** The base commit and, when {@code planPath} is given, the plan's text at it. */
    Found read(String url, String ref, String planPath) {
        CachedRepository repo = cache.update(url);
        BaseCommit base = cache.resolve(repo, ref);
        String text = null;
        if (planPath != null) {
            String path = planPath.startsWith("./") ? planPath.substring(2) : planPath;
            // A plan committed as a symbolic link (or below one) is refused, never read through.
            text = CommittedFiles.read(git, repo.gitDir(), base.sha(), path)
                    .map(t -> t.endsWith("\n") ? t.substring(0, t.length() - 1) : t).orElseThrow(() -> new GitException(
                    "no plan file " + planPath + " in " + repo.url() + " at " + base.ref() + " (" + base.sha()
                            + "); the path is relative to the repository root"));
        }
        return new Found(base.sha(), text);
    }

    /** Serializable: it travels back from the agent. */
    public static final class Found implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String sha;
        public final String text;

        Found(String sha, String text) {
            this.sha = sha;
            this.text = text;
        }
    }
}
