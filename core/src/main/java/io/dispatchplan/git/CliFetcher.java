package io.dispatchplan.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches with the git CLI and whatever credentials git itself finds (credential helper, ssh agent). It
 * fetches by URL rather than by the stored {@code origin}, so credentials in the URL are used but never
 * written to the cache's config.
 */
public final class CliFetcher implements RemoteFetcher {

    private final GitCli git;

    public CliFetcher(GitCli git) {
        this.git = git;
    }

    @Override
    public void fetch(Path gitDir, String url) {
        // After '--': a URL is never read as an option (--upload-pack=... would run a program).
        List<String> fetch = new ArrayList<>(List.of("fetch", "--quiet", "--prune", "--no-write-fetch-head", "--", url));
        fetch.addAll(RepositoryCache.FETCH_REFSPECS);
        git.run(gitDir, fetch);
        recordDefaultBranch(gitDir, url);
    }

    /** Points {@code refs/remotes/origin/HEAD} at the remote's default branch; an empty remote has none. */
    private void recordDefaultBranch(Path gitDir, String url) {
        String symref = git.output(gitDir, "ls-remote", "--symref", "--", url, "HEAD");
        for (String line : symref.split("\n")) {
            if (line.startsWith("ref: refs/heads/") && line.endsWith("\tHEAD")) {
                String branch = line.substring("ref: refs/heads/".length(), line.length() - "\tHEAD".length());
                if (git.refExists(gitDir, "refs/remotes/origin/" + branch)) {
                    git.run(gitDir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/" + branch);
                }
            }
        }
    }
}
