package io.dispatchplan.git;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a merge computed without touching any worktree ({@code git merge-tree --write-tree}).
 *
 * @param clean whether the merge has no conflict
 * @param tree the merged tree (with conflict markers in conflicted files when not clean)
 * @param conflictedFiles paths with conflicts, empty when clean
 * @param messages git's informational lines (e.g. {@code CONFLICT (content): Merge conflict in x})
 */
public record MergeTreeResult(boolean clean, String tree, List<String> conflictedFiles, List<String> messages) {

    public MergeTreeResult {
        conflictedFiles = List.copyOf(conflictedFiles);
        messages = List.copyOf(messages);
    }

    /**
     * Parses {@code git merge-tree --write-tree --name-only} output: the tree id, the conflicted paths (one
     * per line), an empty line, then messages.
     */
    static MergeTreeResult parse(boolean clean, String output) {
        List<String> lines = List.of(output.split("\n", -1));
        String tree = lines.get(0).strip();
        List<String> files = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        int i = 1;
        for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            if (!files.contains(lines.get(i))) {
                files.add(lines.get(i));
            }
        }
        for (i++; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                messages.add(lines.get(i));
            }
        }
        return new MergeTreeResult(clean, tree, clean ? List.of() : files, messages);
    }
}
