package io.dispatchplan.worktree;

import java.util.Objects;

/**
 * A finished dependency that a dependent workstream builds on.
 *
 * @param id the dependency's workstream id
 * @param branch its branch (for messages and merge commit messages)
 * @param head the branch tip its collect step recorded, WIP commit included: exactly what is merged
 * @param unstable whether it finished without RESULTS.md (it still counts, and the dependent is told)
 */
public record Dependency(String id, String branch, String head, boolean unstable) {

    public Dependency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(head, "head");
    }
}
