package io.dispatchplan.worktree;

/**
 * A dependency as a dependent's branch holds it.
 *
 * @param id the dependency's workstream id
 * @param branch its branch
 * @param head the commit of it that the dependent's branch contains
 * @param mergeCommit the {@code --no-ff} merge commit that brought it in now; null when the branch already held
 *     it (a re-run, or it came in through another dependency)
 * @param unstable whether it finished without RESULTS.md
 */
public record DeliveredDependency(String id, String branch, String head, String mergeCommit, boolean unstable) {

    static DeliveredDependency of(Dependency d, String mergeCommit) {
        return new DeliveredDependency(d.id(), d.branch(), d.head(), mergeCommit, d.unstable());
    }
}
