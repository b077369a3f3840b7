package io.dispatchplan.worktree;

import io.dispatchplan.git.CommitIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which worktree a workstream needs.
 *
 * @param repository the repository to add it to (usually a cache repository); its objects are shared
 * @param root the directory holding all worktrees, e.g. the build workspace
 * @param feature the plan's feature slug: the worktree is {@code <root>/<feature>/<id>}
 * @param id the workstream id (a slug)
 * @param branch the branch name; null for {@code <feature>/<id>}
 * @param baseSha the commit a new branch starts from (resolved once per run)
 * @param policy what to do when the worktree or branch exists already
 * @param dependencies the finished dependencies whose heads the branch must hold, in dependency order: a new branch
 *     starts from the base with each merged in, a kept one gets the heads it lacks merged in
 * @param identity who makes those merge commits
 */
public record WorktreeRequest(Path repository, Path root, String feature, String id, String branch,
        String baseSha, WorktreePolicy policy, List<Dependency> dependencies, CommitIdentity identity) {

    public WorktreeRequest {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(baseSha, "baseSha");
        policy = policy == null ? WorktreePolicy.REUSE : policy;
        branch = branch == null || branch.isBlank() ? feature + "/" + id : branch;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        identity = identity == null ? CommitIdentity.DEFAULT : identity;
    }

    /** A request for a workstream without dependencies. */
    public WorktreeRequest(Path repository, Path root, String feature, String id, String branch, String baseSha,
            WorktreePolicy policy) {
        this(repository, root, feature, id, branch, baseSha, policy, List.of(), null);
    }

    /** A request with the default branch name and the {@link WorktreePolicy#REUSE} policy. */
    public static WorktreeRequest of(Path repository, Path root, String feature, String id, String baseSha) {
        return new WorktreeRequest(repository, root, feature, id, null, baseSha, WorktreePolicy.REUSE);
    }

    public WorktreeRequest withBranch(String name) {
        return new WorktreeRequest(repository, root, feature, id, name, baseSha, policy, dependencies, identity);
    }

    public WorktreeRequest withPolicy(WorktreePolicy newPolicy) {
        return new WorktreeRequest(repository, root, feature, id, branch, baseSha, newPolicy, dependencies, identity);
    }

    /** The same request for a dependent: its branch holds these dependencies' heads, merged by {@code mergedBy}. */
    public WorktreeRequest withDependencies(List<Dependency> heads, CommitIdentity mergedBy) {
        return new WorktreeRequest(repository, root, feature, id, branch, baseSha, policy, heads, mergedBy);
    }
}
