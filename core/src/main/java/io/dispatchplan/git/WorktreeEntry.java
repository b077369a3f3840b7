package io.dispatchplan.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code git worktree list --porcelain}.
 *
 * @param path the worktree directory (for a bare repository, the repository itself)
 * @param head the checked-out commit; null for a bare entry
 * @param branch the short branch name; null when bare or detached
 * @param bare whether this is the bare repository's own entry
 * @param locked whether {@code git worktree lock} protects it
 * @param prunable whether git considers it stale (its directory is gone)
 */
public record WorktreeEntry(Path path, String head, String branch, boolean bare, boolean locked, boolean prunable) {

    /** Parses {@code git worktree list --porcelain -z}: attributes NUL-separated, entries by an empty one. */
    public static List<WorktreeEntry> parsePorcelainZ(String output) {
        List<WorktreeEntry> entries = new ArrayList<>();
        Path path = null;
        String head = null;
        String branch = null;
        boolean bare = false;
        boolean locked = false;
        boolean prunable = false;
        for (String field : output.split("\0", -1)) {
            if (field.isEmpty()) {
                if (path != null) {
                    entries.add(new WorktreeEntry(path, head, branch, bare, locked, prunable));
                }
                path = null;
                head = null;
                branch = null;
                bare = false;
                locked = false;
                prunable = false;
            } else if (field.startsWith("worktree ")) {
                path = Path.of(field.substring("worktree ".length()));
            } else if (field.startsWith("HEAD ")) {
                head = field.substring("HEAD ".length());
            } else if (field.startsWith("branch ")) {
                String ref = field.substring("branch ".length());
                branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
            } else if (field.equals("bare")) {
                bare = true;
            } else if (field.equals("locked") || field.startsWith("locked ")) {
                locked = true;
            } else if (field.equals("prunable") || field.startsWith("prunable ")) {
                prunable = true;
            }
        }
        if (path != null) {
            entries.add(new WorktreeEntry(path, head, branch, bare, locked, prunable));
        }
        return List.copyOf(entries);
    }
}
