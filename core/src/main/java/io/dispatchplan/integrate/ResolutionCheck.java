package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges what a resolver left in the integration worktree. Accepted only when the merge is still in progress on the
 * integration branch, git holds no path as unmerged, no conflict marker is left in a file it resolved, and nothing
 * outside the conflicted files differs from git's own merge (unless the options allow it). Judging stages the whole
 * worktree (report files kept at the integration branch's version), ready to commit.
 */
final class ResolutionCheck {

    /** A line git writes around conflicting hunks (a {@code =======} line alone also underlines Markdown headings). */
    private static final Pattern MARKER = Pattern.compile("^(<{7}|>{7}|\\|{7})(\\s.*)?$|^={7}$");

    private final GitCli git;
    private final Path worktree;
    private final WorktreeMerge merge;
    private final String integrationBranch;

    ResolutionCheck(GitCli git, Path worktree, WorktreeMerge merge, String integrationBranch) {
        this.git = git;
        this.worktree = worktree;
        this.merge = merge;
        this.integrationBranch = integrationBranch;
    }

    /** Why the resolution cannot be accepted; empty when it can (everything is then staged). */
    Optional<String> problem(ConflictResolver.Conflict conflict, boolean mayEditOtherFiles) {
        String branch = git.currentBranch(worktree).orElse(null);
        String head = git.revParse(worktree, "HEAD");
        if (!integrationBranch.equals(branch) || !head.equals(conflict.head())) {
            return Optional.of("it moved the integration worktree (HEAD is now " + (branch == null ? "detached"
                    : "on " + branch) + " at " + head.substring(0, 12) + "): a resolver must not commit or switch "
                    + "branches");
        }
        if (!merge.inProgress()) {
            return Optional.of("it ended the merge (git merge --abort, or a reset): there was nothing left to commit");
        }
        List<String> unmerged = merge.unmerged();
        if (!unmerged.isEmpty()) {
            return Optional.of("it left " + String.join(", ", unmerged) + " unresolved (git still lists "
                    + (unmerged.size() == 1 ? "it" : "them") + " as unmerged: resolve and git add each file)");
        }
        git.run(worktree, "add", "--all");
        merge.keepReportFiles();
        String resolved = git.output(worktree, "write-tree");
        List<String> outside = new ArrayList<>();
        for (String changed : lines(git.output(worktree, "diff", "--name-only", "--no-renames", conflict.mergedTree(),
                resolved, "--"))) {
            if (!conflict.files().contains(changed) && !merge.isReportFile(changed)) {
                outside.add(changed);
            }
        }
        if (!outside.isEmpty() && !mayEditOtherFiles) {
            return Optional.of("it changed files outside the conflicts: " + String.join(", ", outside)
                    + " (allow it with resolverMayEditOtherFiles)");
        }
        Set<String> scanned = new LinkedHashSet<>(conflict.files());
        scanned.addAll(outside);
        List<String> marked = new ArrayList<>();
        for (String file : scanned) {
            if (leavesMarkers(file, resolved, conflict)) {
                marked.add(file);
            }
        }
        return marked.isEmpty() ? Optional.empty() : Optional.of("conflict markers are left in "
                + String.join(", ", marked));
    }

    /**
     * Whether the resolved {@code file} holds a marker line more often than either side's version of it: a marker
     * the merge put there, not one the project keeps on purpose (a test fixture, a Markdown heading).
     */
    private boolean leavesMarkers(String file, String resolvedTree, ConflictResolver.Conflict conflict) {
        Map<String, Integer> result = markers(resolvedTree, file);
        if (result.isEmpty()) {
            return false;
        }
        Map<String, Integer> ours = markers(conflict.head(), file);
        Map<String, Integer> theirs = markers(conflict.tip(), file);
        return result.entrySet().stream().anyMatch(e -> e.getValue() > Math.max(ours.getOrDefault(e.getKey(), 0),
                theirs.getOrDefault(e.getKey(), 0)));
    }

    /** Each marker line of {@code file} in {@code treeish}, with how often it occurs; none for a binary file. */
    private Map<String, Integer> markers(String treeish, String file) {
        ProcessResult blob = git.tryRun(worktree, List.of("cat-file", "blob", treeish + ":" + file));
        Map<String, Integer> found = new HashMap<>();
        if (!blob.succeeded() || blob.stdout().indexOf('\0') >= 0) {
            return found;
        }
        blob.stdout().lines().filter(line -> MARKER.matcher(line).matches())
                .forEach(line -> found.merge(line, 1, Integer::sum));
        return found;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }
}
