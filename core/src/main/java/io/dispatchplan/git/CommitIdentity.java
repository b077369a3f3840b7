package io.dispatchplan.git;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who commits in a worktree: agents often have no global git config, so WIP and merge commits and the
 * worker's own commits get this identity (through {@link #environment()} and {@code -c user.*}).
 */
public record CommitIdentity(String name, String email) {

    public static final CommitIdentity DEFAULT = new CommitIdentity("dispatch-plan", "dispatch-plan@noreply.invalid");

    public CommitIdentity {
        name = requireText(name, "name");
        email = requireText(email, "email");
    }

    /** The standard variables git reads before any config, for a worker's environment. */
    public Map<String, String> environment() {
        return Map.of(
                "GIT_AUTHOR_NAME", name,
                "GIT_AUTHOR_EMAIL", email,
                "GIT_COMMITTER_NAME", name,
                "GIT_COMMITTER_EMAIL", email);
    }

    /** {@code -c} options for one git command. */
    public List<String> configArgs() {
        return List.of("-c", "user.name=" + name, "-c", "user.email=" + email);
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.chars().anyMatch(c -> c == '\n' || c == '<' || c == '>')) {
            throw new IllegalArgumentException("commit identity " + what + " must be one line without < or >: '"
                    + value + "'");
        }
        return value.strip();
    }
}
