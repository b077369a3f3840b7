package io.dispatchplan.worktree;

import io.dispatchplan.git.BaseCommit;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Path;

/**
 * A second process preparing a workstream: {@code <cacheRoot> <url> <root> <feature> <id>}. Fetches into the
 * cache, resolves main and prepares the worktree; prints "OUTCOME HEAD".
 */
public final class PrepareWorktreeMain {

    public static void main(String[] args) {
        GitCli git = TestGit.cli();
        RepositoryCache cache = new RepositoryCache(git, Path.of(args[0]));
        BaseCommit base = cache.updateAndResolve(args[1], "main");
        Worktree wt = new WorktreeManager(git).prepare(WorktreeRequest.of(cache.directoryFor(args[1]),
                Path.of(args[2]), args[3], args[4], base.sha()));
        System.out.println(wt.outcome() + " " + wt.head());
    }
}
