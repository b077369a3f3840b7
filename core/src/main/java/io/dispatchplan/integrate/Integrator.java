package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitVersion;
import io.dispatchplan.git.RepositoryLock;
import io.dispatchplan.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges the workstream branches, in dependency order, into the integration branch started from the base commit,
 * each with its own {@code --no-ff} merge commit; a branch that would conflict is left out (or stops the
 * integration, by policy) and reported with its files; then runs the optional verify command on the result.
 */
public final class Integrator {

    private final GitCli git;
    private final ProcessRunner runner;

    public Integrator(GitCli git, ProcessRunner runner) {
        this.git = git;
        this.runner = runner;
    }

    /**
     * Integrates as the request says.
     *
     * @throws IntegrationException when an integration branch of an earlier run holds work that re-creating it would
     *     drop, or its worktree cannot be set up; the message says what to do
     */
    public IntegrationResult integrate(IntegrationRequest r) {
        if (!r.branches().isEmpty()) {
            // Before touching anything: every merge is checked with merge-tree --write-tree.
            git.requireVersion(GitVersion.MERGE_TREE_WRITE_TREE, "the integration (it checks each merge with "
                    + "git merge-tree --write-tree)");
        }
        IntegrationWorkspace.Prepared prepared = new IntegrationWorkspace(git, RepositoryLock.DEFAULT_TIMEOUT)
                .prepare(r);
        Path worktree = prepared.worktree();
        BranchMerger merger = new BranchMerger(git, worktree, r.identity(), r.reportFiles());
        List<MergeRecord> merges = new ArrayList<>();
        MergeRecord stoppedAt = null;
        for (BranchToMerge branch : r.branches()) {
            if (stoppedAt != null) {
                merges.add(new MergeRecord(branch.workstreamId(), branch.branch(), MergeStatus.NOT_REACHED, null,
                        List.of(), branch.flagged(), "not tried: the integration stopped at the conflict of "
                                + stoppedAt.workstreamId()));
                continue;
            }
            MergeRecord record = merger.merge(branch, prepared.baseSha());
            if (record.status() == MergeStatus.CONFLICT) {
                record = withCulprits(record, merges, prepared.baseSha(), worktree);
            }
            merges.add(record);
            if (r.policy() == ConflictPolicy.STOP
                    && (record.status() == MergeStatus.CONFLICT || record.status() == MergeStatus.FAILED)) {
                stoppedAt = record;
            }
        }
        VerifyResult verify = stoppedAt == null && r.verifyCommand() != null
                ? new VerifyRunner(runner).run(r.verifyCommand(), r.verifyTimeout(), worktree, r.verifyLog())
                : VerifyResult.notRun();
        return new IntegrationResult(r.integrationBranch(), git.revParse(worktree, "HEAD"), merges, verify,
                stoppedAt != null, prepared.baseSha(), prepared.replacedHead());
    }

    /** Names the earlier merged workstreams that changed the conflicting files, to say whom to talk to. */
    private MergeRecord withCulprits(MergeRecord conflict, List<MergeRecord> earlier, String base, Path worktree) {
        Set<String> culprits = new LinkedHashSet<>();
        for (MergeRecord merged : earlier) {
            if (merged.status() != MergeStatus.MERGED) {
                continue;
            }
            String tip = git.revParse(worktree, merged.mergeCommit() + "^2");
            String from = git.mergeBase(worktree, base, tip).orElse(base);
            List<String> changed = git.output(worktree, "diff", "--name-only", "--no-renames", from, tip, "--")
                    .lines().toList();
            if (conflict.conflictFiles().stream().anyMatch(changed::contains)) {
                culprits.add(merged.workstreamId());
            }
        }
        String message = conflict.message() + (culprits.isEmpty() ? ""
                : " (conflicts with " + String.join(", ", culprits) + ")");
        return new MergeRecord(conflict.workstreamId(), conflict.branch(), conflict.status(), null,
                conflict.conflictFiles(), conflict.flagged(), message, List.copyOf(culprits));
    }
}
