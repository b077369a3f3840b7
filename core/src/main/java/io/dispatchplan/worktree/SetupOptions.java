package io.dispatchplan.worktree;

import io.dispatchplan.git.CommitIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to set up a fresh worktree (all optional).
 *
 * @param sourceDir the checkout to copy untracked files from (and to read {@code .worktreeinclude} in);
 *     null to copy nothing
 * @param include extra include patterns, e.g. {@code .env}, added before those of {@code .worktreeinclude}
 * @param ports the workstream's port block, or null for none
 * @param command run in the worktree after copying, or null for none
 * @param commandTimeout limit for the command; null for {@link #DEFAULT_COMMAND_TIMEOUT}
 * @param identity who commits in the worktree; null for {@link CommitIdentity#DEFAULT}
 */
public record SetupOptions(Path sourceDir, List<String> include, PortBlock ports, SetupCommand command,
        Duration commandTimeout, CommitIdentity identity) {

    public static final String INCLUDE_FILE = ".worktreeinclude";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(30);

    public SetupOptions {
        include = List.copyOf(include == null ? List.of() : include);
        commandTimeout = commandTimeout == null ? DEFAULT_COMMAND_TIMEOUT : commandTimeout;
        identity = identity == null ? CommitIdentity.DEFAULT : identity;
    }

    /** No copying, no ports, no command, the default identity. */
    public static SetupOptions none() {
        return new SetupOptions(null, List.of(), null, null, null, null);
    }

    public SetupOptions withSource(Path dir, String... includePatterns) {
        return new SetupOptions(dir, List.of(includePatterns), ports, command, commandTimeout, identity);
    }

    public SetupOptions withPorts(PortBlock block) {
        return new SetupOptions(sourceDir, include, block, command, commandTimeout, identity);
    }

    public SetupOptions withCommand(SetupCommand setup, Duration timeout) {
        return new SetupOptions(sourceDir, include, ports, setup, timeout, identity);
    }

    public SetupOptions withIdentity(CommitIdentity who) {
        return new SetupOptions(sourceDir, include, ports, command, commandTimeout, who);
    }
}
