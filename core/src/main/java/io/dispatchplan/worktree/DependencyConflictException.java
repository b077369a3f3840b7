package io.dispatchplan.worktree;

import java.util.List;

/**
 * A dependent cannot start: a dependency's branch does not merge with what its branch already holds (another
 * dependency, or on a re-run the dependent's own work). Nothing was merged or moved.
 */
public final class DependencyConflictException extends WorktreeException {

    private static final long serialVersionUID = 1L;

    private final List<String> branches;
    private final List<String> files;

    DependencyConflictException(String message, List<String> branches, List<String> files) {
        super(message);
        this.branches = List.copyOf(branches);
        this.files = List.copyOf(files);
    }

    /** The branches that conflict, the dependency being merged last. */
    public List<String> branches() {
        return branches;
    }

    public List<String> files() {
        return files;
    }
}
