package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verify after every merge ({@link IntegrationRequest#verifyEach()}): a merge that makes verify fail, where it passed
 * before that merge, is undone and reported as breaking verify; a later branch that depends on it is not merged. When
 * the first failure turns out to be the base's own, no merge is blamed and the rest is merged without verifying each.
 */
final class VerifyEach {

    private final GitCli git;
    private final Path worktree;
    private final VerifySession verify;
    private final Quarantine quarantine;
    private VerifyRun baseFailed;

    VerifyEach(GitCli git, Path worktree, VerifySession verify, Quarantine quarantine) {
        this.git = git;
        this.worktree = worktree;
        this.verify = verify;
        this.quarantine = quarantine;
    }

    /** The record of {@code b} when it holds the work of a branch that breaks verify: then it is not merged. */
    Optional<MergeRecord> leftOut(BranchToMerge b) {
        if (quarantine.isEmpty()) {
            return Optional.empty();
        }
        String tip = git.tryRevParse(worktree, "refs/heads/" + b.branch()).orElse(null);
        return quarantine.blocker(b, tip).map(culprit -> quarantine.leaveOut(new MergeRecord(b.workstreamId(),
                b.branch(), MergeStatus.LEFT_OUT, null, List.of(), b.flagged(), null), culprit));
    }

    /** Verifies after {@code merge}; undoes it when verify fails with it and passed before. */
    MergeRecord afterMerge(MergeRecord merge, List<String> mergedBefore) {
        if (baseFailed != null || merge.status() != MergeStatus.MERGED) {
            return merge;
        }
        List<String> with = new ArrayList<>(mergedBefore);
        with.add(merge.workstreamId());
        VerifyRun run = verify.atHead("the merges up to " + merge.workstreamId(), with);
        if (run.passed()) {
            return merge;
        }
        // Known to pass unless it is the base, never verified before the first merge.
        VerifyRun before = verify.at(merge.mergeCommit() + "^1", mergedBefore.isEmpty() ? "the base alone"
                : "the merges up to " + mergedBefore.get(mergedBefore.size() - 1), mergedBefore);
        if (!before.passed()) {
            baseFailed = before;
            verify.moveTo(merge.mergeCommit());
            return merge;
        }
        return quarantine.culprit(merge, git.revParse(worktree, merge.mergeCommit() + "^2"), run);
    }

    /** Verify on the integration branch as the merges left it (usually known already), and what was found. */
    VerifyOutcome finish(List<String> merged) {
        VerifyRun last = verify.atHead(merged.isEmpty() ? "the base alone" : "every merge", merged);
        if (baseFailed != null) {
            return new VerifyOutcome(last, CulpritSearch.baseFails(baseFailed), null);
        }
        if (quarantine.isEmpty()) {
            return new VerifyOutcome(last, last.passed() ? null : merged.isEmpty() ? CulpritSearch.baseFails(last)
                    : "verify fails on the integration branch", null);
        }
        return new VerifyOutcome(last, quarantine.describe() + ". Verify ran after each merge, and a merge that made "
                + "it fail was undone; verify " + (last.passed() ? "passes" : "still fails") + " on the integration "
                + "branch (" + verify.runs().size() + " verify runs in all)", null);
    }
}
