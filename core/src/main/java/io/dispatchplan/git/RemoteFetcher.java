package io.dispatchplan.git;

import java.nio.file.Path;

/**
 * Brings a cache repository up to date with its remote. The default runs the git CLI; the Jenkins plugin
 * supplies one that fetches through git-client with the job's credentials, using {@link
 * RepositoryCache#FETCH_REFSPECS}.
 */
@FunctionalInterface
public interface RemoteFetcher {

    /** Fetches all branches and tags with pruning into the bare repository {@code gitDir}. */
    void fetch(Path gitDir, String url);
}
