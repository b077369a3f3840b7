package io.dispatchplan.worktree;

import io.dispatchplan.process.ProcessResult;
import java.util.List;
import java.util.Map;

/**
 * What setting up a worktree did.
 *
 * @param copiedFiles untracked files copied in, relative to the worktree
 * @param port the workstream's {@code PORT}, or null without a port block
 * @param environment variables a worker in this worktree must get: the commit identity
 *     ({@code GIT_AUTHOR_*}, {@code GIT_COMMITTER_*}) and {@code PORT}
 * @param command how the setup command ended, or null when there was none
 */
public record SetupResult(List<String> copiedFiles, Integer port, Map<String, String> environment,
        ProcessResult command) {

    public SetupResult {
        copiedFiles = List.copyOf(copiedFiles);
        environment = Map.copyOf(environment);
    }
}
