package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.MergeTreeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Predicts conflicts while workstreams still run: each finished branch is merged in memory
 * ({@code git merge-tree --write-tree}, no worktree or ref touched) with every branch that finished before it, except
 * its dependencies and dependents (a dependent holds its dependency's work, so they never conflict at integration).
 * Report files (RESULTS.md...) do not count, as in the integration. Calls may come from several threads.
 */
public final class EarlyConflictCheck {

    /** A finished branch, as it will be merged. */
    private record Finished(String id, String branch, String head) {
    }

    private final GitCli git;
    private final Path repository;
    private final List<String> ignoredFiles;
    private final List<Finished> finished = new ArrayList<>();
    private final List<PredictedConflict> predicted = new ArrayList<>();

    /**
     * @param repository where the branches' commits are
     * @param ignoredFiles paths whose conflicts do not count, e.g. {@link IntegrationRequest#DEFAULT_REPORT_FILES}
     */
    public EarlyConflictCheck(GitCli git, Path repository, List<String> ignoredFiles) {
        this.git = git;
        this.repository = repository;
        this.ignoredFiles = List.copyOf(ignoredFiles);
    }

    /**
     * Checks a branch that just finished against those finished before it, and remembers it for the next ones.
     *
     * @param head the commit that will be merged
     * @param relatives the workstreams it depends on or that depend on it, directly or not: not checked
     * @return the conflicts found now, in the order the other branches finished
     */
    public synchronized List<PredictedConflict> finished(String id, String branch, String head,
            Collection<String> relatives) {
        List<PredictedConflict> found = new ArrayList<>();
        for (Finished other : finished) {
            if (relatives.contains(other.id()) || other.id().equals(id)) {
                continue;
            }
            List<String> files = conflicts(other.head(), head);
            if (!files.isEmpty()) {
                found.add(new PredictedConflict(id, branch, other.id(), other.branch(), files));
            }
        }
        finished.removeIf(f -> f.id().equals(id));
        finished.add(new Finished(id, branch, head));
        predicted.addAll(found);
        return found;
    }

    /** Every conflict predicted so far, in the order found. */
    public synchronized List<PredictedConflict> predicted() {
        return List.copyOf(predicted);
    }

    private List<String> conflicts(String ours, String theirs) {
        try {
            MergeTreeResult result = git.mergeTree(repository, ours, theirs);
            return result.conflictedFiles().stream().filter(f -> !ignoredFiles.contains(f)).toList();
        } catch (GitException e) {
            // Unrelated histories and the like: the integration reports those; a warning cannot say more.
            return List.of();
        }
    }
}
