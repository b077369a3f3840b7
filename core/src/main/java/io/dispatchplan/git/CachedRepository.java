package io.dispatchplan.git;

import java.nio.file.Path;

/**
 * A bare cache repository for one remote.
 *
 * @param url the remote URL or local path it mirrors (credentials masked)
 * @param gitDir the bare repository on this machine
 */
public record CachedRepository(String url, Path gitDir) {
}
