package io.dispatchplan.git;

import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Path;

/** A second process using a repository cache: {@code <cacheRoot> <url> <ref>}; prints the resolved sha. */
public final class CacheUserMain {

    public static void main(String[] args) {
        RepositoryCache cache = new RepositoryCache(TestGit.cli(), Path.of(args[0]));
        System.out.println(cache.updateAndResolve(args[1], args[2]).sha());
    }
}
