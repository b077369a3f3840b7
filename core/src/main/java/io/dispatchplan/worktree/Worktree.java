package io.dispatchplan.worktree;

import java.nio.file.Path;

/**
 * A prepared worktree.
 *
 * @param path its directory
 * @param branch the branch checked out in it
 * @param baseSha the run's base commit
 * @param head the commit checked out (the branch tip)
 * @param outcome whether it was made now, kept from an earlier run, or made again
 * @param commitsAhead commits on the branch that the base does not have (work from earlier runs)
 */
public record Worktree(Path path, String branch, String baseSha, String head, Outcome outcome, int commitsAhead) {

    public enum Outcome {
        CREATED, REUSED, RECREATED
    }
}
