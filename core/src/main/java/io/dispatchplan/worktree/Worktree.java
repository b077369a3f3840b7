package io.dispatchplan.worktree;

import java.nio.file.Path;
import java.util.List;

/**
 * A prepared worktree.
 *
 * @param path its directory
 * @param branch the branch checked out in it
 * @param baseSha the run's base commit
 * @param head the commit checked out (the branch tip)
 * @param outcome whether it was made now, kept from an earlier run, or made again
 * @param commitsAhead commits on the branch that the base does not have (work from earlier runs, and the
 *     dependencies' work)
 * @param dependencies the dependencies the branch holds, in dependency order, and how each got there
 * @param baseMerge the merge commit that brought the run's base into a kept branch that started from an older base
 *     (the base branch moved since the earlier run), or null
 */
public record Worktree(Path path, String branch, String baseSha, String head, Outcome outcome, int commitsAhead,
        List<DeliveredDependency> dependencies, String baseMerge) {

    public Worktree {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    public enum Outcome {
        CREATED, REUSED, RECREATED
    }
}
