package io.dispatchplan.integrate;

import io.dispatchplan.git.CommitIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to integrate, and how.
 *
 * @param repository a repository (or one of its worktrees) where all workstream branches exist
 * @param feature the plan's feature slug
 * @param baseSha the run's base commit: the integration branch starts here
 * @param integrationBranch the branch to merge into; null for {@code <feature>/integration}
 * @param branches the workstream branches, already in dependency order
 * @param policy what a conflict does; null for {@link ConflictPolicy#SKIP}
 * @param verifyCommand run in the integration worktree after the merges, as an argv (never through a shell unless
 *     it says so itself, e.g. {@code ["sh", "-c", script]}); null or empty for none
 * @param verifyTimeout how long verify may run before its process tree is killed; null for no limit
 * @param integrationWorktree where the integration branch is checked out (created, or re-created, by the run)
 * @param identity who makes the merge commits
 * @param reportFiles root files each workstream writes for the run, not for the product (RESULTS.md, TASKS.md,
 *     COORDINATION.md): the integration branch keeps its own version of them, so they never conflict; null for
 *     {@link #DEFAULT_REPORT_FILES}, empty to merge them like any file
 * @param verifyLog where verify's output goes; null for {@code <integrationWorktree>-verify.log} beside the worktree
 *     (later runs of verify write numbered logs beside it: {@code ...-verify-2.log})
 * @param verifyEach run verify after every merge and undo a merge that makes it fail, instead of running it once
 *     after all merges and looking for the merges that break it only when it fails
 * @param resolver the worker a conflicting merge is handed to ({@link ConflictResolver}); null to leave a conflicting
 *     branch out
 */
public record IntegrationRequest(Path repository, String feature, String baseSha, String integrationBranch,
        List<BranchToMerge> branches, ConflictPolicy policy, List<String> verifyCommand, Duration verifyTimeout,
        Path integrationWorktree, CommitIdentity identity, List<String> reportFiles, Path verifyLog,
        boolean verifyEach, ResolverOptions resolver) {

    public static final List<String> DEFAULT_REPORT_FILES = List.of("RESULTS.md", "TASKS.md", "COORDINATION.md");

    public IntegrationRequest {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(baseSha, "baseSha");
        integrationBranch = integrationBranch == null || integrationBranch.isBlank()
                ? feature + "/integration" : integrationBranch;
        branches = List.copyOf(Objects.requireNonNull(branches, "branches"));
        policy = policy == null ? ConflictPolicy.SKIP : policy;
        verifyCommand = verifyCommand == null || verifyCommand.isEmpty() ? null : List.copyOf(verifyCommand);
        if (verifyTimeout != null && (verifyTimeout.isNegative() || verifyTimeout.isZero())) {
            throw new IllegalArgumentException("the verify timeout must be positive, got " + verifyTimeout);
        }
        integrationWorktree = Objects.requireNonNull(integrationWorktree, "integrationWorktree")
                .toAbsolutePath().normalize();
        identity = identity == null ? CommitIdentity.DEFAULT : identity;
        reportFiles = reportFiles == null ? DEFAULT_REPORT_FILES : List.copyOf(reportFiles);
        verifyLog = verifyLog == null
                ? integrationWorktree.resolveSibling(integrationWorktree.getFileName() + "-verify.log")
                : verifyLog.toAbsolutePath().normalize();
        long distinct = branches.stream().map(BranchToMerge::workstreamId).distinct().count();
        if (distinct != branches.size()) {
            throw new IllegalArgumentException("a workstream is listed twice among the branches to merge: " + branches);
        }
    }

    /** No resolver. */
    public IntegrationRequest(Path repository, String feature, String baseSha, String integrationBranch,
            List<BranchToMerge> branches, ConflictPolicy policy, List<String> verifyCommand, Duration verifyTimeout,
            Path integrationWorktree, CommitIdentity identity, List<String> reportFiles, Path verifyLog,
            boolean verifyEach) {
        this(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand, verifyTimeout,
                integrationWorktree, identity, reportFiles, verifyLog, verifyEach, null);
    }

    /** Verify once after all merges. */
    public IntegrationRequest(Path repository, String feature, String baseSha, String integrationBranch,
            List<BranchToMerge> branches, ConflictPolicy policy, List<String> verifyCommand, Duration verifyTimeout,
            Path integrationWorktree, CommitIdentity identity, List<String> reportFiles, Path verifyLog) {
        this(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand, verifyTimeout,
                integrationWorktree, identity, reportFiles, verifyLog, false);
    }

    /** The shape of the agreed contract: default report files and verify log. */
    public IntegrationRequest(Path repository, String feature, String baseSha, String integrationBranch,
            List<BranchToMerge> branches, ConflictPolicy policy, List<String> verifyCommand, Duration verifyTimeout,
            Path integrationWorktree, CommitIdentity identity) {
        this(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand, verifyTimeout,
                integrationWorktree, identity, null, null);
    }

    public IntegrationRequest withReportFiles(List<String> files) {
        return new IntegrationRequest(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand,
                verifyTimeout, integrationWorktree, identity, files, verifyLog, verifyEach, resolver);
    }

    public IntegrationRequest withVerifyLog(Path file) {
        return new IntegrationRequest(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand,
                verifyTimeout, integrationWorktree, identity, reportFiles, file, verifyEach, resolver);
    }

    public IntegrationRequest withPolicy(ConflictPolicy newPolicy) {
        return new IntegrationRequest(repository, feature, baseSha, integrationBranch, branches, newPolicy,
                verifyCommand, verifyTimeout, integrationWorktree, identity, reportFiles, verifyLog, verifyEach,
                resolver);
    }

    public IntegrationRequest withVerify(List<String> command, Duration timeout) {
        return new IntegrationRequest(repository, feature, baseSha, integrationBranch, branches, policy, command,
                timeout, integrationWorktree, identity, reportFiles, verifyLog, verifyEach, resolver);
    }

    /** Verify after every merge ({@code true}), or once after all of them ({@code false}, the default). */
    public IntegrationRequest withVerifyEach(boolean each) {
        return new IntegrationRequest(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand,
                verifyTimeout, integrationWorktree, identity, reportFiles, verifyLog, each, resolver);
    }

    /** Conflicting merges go to {@code options}' worker; null leaves a conflicting branch out. */
    public IntegrationRequest withResolver(ResolverOptions options) {
        return new IntegrationRequest(repository, feature, baseSha, integrationBranch, branches, policy, verifyCommand,
                verifyTimeout, integrationWorktree, identity, reportFiles, verifyLog, verifyEach, options);
    }
}
