package io.dispatchplan.collect;

import io.dispatchplan.git.CommitIdentity;
import java.nio.file.Path;
import io.dispatchplan.secrets.Secrets;
import java.util.List;
import java.util.Objects;

/**
 * What to collect after a workstream's worker ended.
 *
 * @param workstreamId the workstream's id (a slug), for messages and the WIP commit
 * @param worktree the workstream's worktree; RESULTS.md and TASKS.md are read from its root
 * @param branch the workstream branch, checked out in the worktree
 * @param baseSha the run's base commit: commits and diffstat count from here
 * @param artifactsDir where RESULTS.md and TASKS.md are copied, e.g. {@code <out>/workstreams/<id>/}; created
 * @param identity who makes the WIP commit
 * @param bundleFile where to write the branch as a bundle of {@code base..branch}; null for no bundle
 * @param dependencyHeads the dependency commits the branch was built on: they are not the workstream's own
 *     work, so its commits and diffstat leave them out
 * @param secrets values that must never be committed: files holding one stay out of the WIP commit, and the
 *     worker's own commits holding one fail the workstream
 */
public record CollectRequest(String workstreamId, Path worktree, String branch, String baseSha,
        Path artifactsDir, CommitIdentity identity, Path bundleFile, List<String> dependencyHeads, Secrets secrets) {

    public CollectRequest {
        Objects.requireNonNull(workstreamId, "workstreamId");
        worktree = Objects.requireNonNull(worktree, "worktree").toAbsolutePath().normalize();
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(baseSha, "baseSha");
        Objects.requireNonNull(artifactsDir, "artifactsDir");
        identity = identity == null ? CommitIdentity.DEFAULT : identity;
        dependencyHeads = dependencyHeads == null ? List.of() : List.copyOf(dependencyHeads);
        secrets = secrets == null ? Secrets.NONE : secrets;
    }

    /** A request without secrets to guard. */
    public CollectRequest(String workstreamId, Path worktree, String branch, String baseSha, Path artifactsDir,
            CommitIdentity identity, Path bundleFile, List<String> dependencyHeads) {
        this(workstreamId, worktree, branch, baseSha, artifactsDir, identity, bundleFile, dependencyHeads, null);
    }

    /** A request for a workstream without dependencies. */
    public CollectRequest(String workstreamId, Path worktree, String branch, String baseSha, Path artifactsDir,
            CommitIdentity identity, Path bundleFile) {
        this(workstreamId, worktree, branch, baseSha, artifactsDir, identity, bundleFile, List.of(), null);
    }
}
