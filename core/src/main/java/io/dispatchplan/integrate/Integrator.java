package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitVersion;
import io.dispatchplan.git.RepositoryLock;
import io.dispatchplan.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Merges the workstream branches, in dependency order, into the integration branch started from the base commit,
 * each with its own {@code --no-ff} merge commit; a branch that would conflict is left out (or stops the
 * integration, by policy) and reported with its files; then runs the optional verify command on the result. When
 * verify fails, the merges that break it are found and left out ({@link CulpritSearch}), or, with
 * {@link IntegrationRequest#verifyEach()}, verify runs after every merge and a merge that breaks it is undone. With
 * a {@link IntegrationRequest#resolver() resolver}, a conflicting merge is handed to it first.
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
        return integrate(r, merge -> { });
    }

    /**
     * {@link #integrate(IntegrationRequest)}, telling {@code progress} about each merge as it is made: with
     * thousands of branches the integration takes minutes, and a user should see it move.
     */
    public IntegrationResult integrate(IntegrationRequest r, Consumer<MergeRecord> progress) {
        return run(r, progress, null).result();
    }

    /**
     * The integration for a caller that runs each verify itself, each as a step that survives a restart (a Jenkins
     * durable {@code sh}): a call ends at the first verify run {@code state} does not hold, the worktree at its commit
     * ({@link ResumedIntegration#pending()}); the caller runs it, adds what it found ({@link VerifyRequest#recorded})
     * and calls again, until the call ends with the result. Every call replays the integration from the base with the
     * commit date of {@code state}, so it makes the same commits, verifies no tree twice and runs the resolver on no
     * merge twice. With no verify command the first call gives the result.
     */
    public ResumedIntegration integrateResumably(IntegrationRequest r, ResumableIntegration state,
            Consumer<MergeRecord> progress) {
        return run(r, progress, java.util.Objects.requireNonNull(state, "state"));
    }

    private ResumedIntegration run(IntegrationRequest r, Consumer<MergeRecord> progress, ResumableIntegration state) {
        if (!r.branches().isEmpty()) {
            // Before touching anything: every merge is checked with merge-tree --write-tree.
            git.requireVersion(GitVersion.MERGE_TREE_WRITE_TREE, "the integration (it checks each merge with "
                    + "git merge-tree --write-tree)");
        }
        // A verify or resolver a killed run left running in this worktree would run on into the new integration.
        for (String mark : List.of(VerifyRunner.MARK, ConflictResolver.MARK)) {
            io.dispatchplan.process.WorkerProcesses.stopAll(mark, r.integrationWorktree().toString());
        }
        IntegrationWorkspace.Prepared prepared = new IntegrationWorkspace(git, RepositoryLock.DEFAULT_TIMEOUT)
                .prepare(r, state == null ? null : state.lastHead());
        Path worktree = prepared.worktree();
        VerifySession verify = r.verifyCommand() == null ? null
                : new VerifySession(git, new VerifyRunner(runner), r, worktree, state == null ? null : state.verified());
        WorktreeMerge worktreeMerge = new WorktreeMerge(git, worktree, r.identity(), r.reportFiles(),
                state == null ? null : state.commitDate());
        ConflictResolver resolver = r.resolver() == null ? null : new ConflictResolver(git, worktree, r, worktreeMerge,
                verify, state == null ? List.of() : state.resolutions());
        BranchMerger merger = new BranchMerger(git, worktree, worktreeMerge, resolver);
        Quarantine quarantine = new Quarantine(git, worktree, r.branches());
        VerifyEach each = verify != null && r.verifyEach() ? new VerifyEach(git, worktree, verify, quarantine) : null;
        List<MergeRecord> merges = new ArrayList<>();
        MergeRecord stoppedAt = null;
        VerifyOutcome outcome = null;
        try {
            for (BranchToMerge branch : r.branches()) {
                if (stoppedAt != null) {
                    merges.add(new MergeRecord(branch.workstreamId(), branch.branch(), MergeStatus.NOT_REACHED, null,
                            List.of(), branch.flagged(), "not tried: the integration stopped at the conflict of "
                                    + stoppedAt.workstreamId()));
                    continue;
                }
                Optional<MergeRecord> leftOut = each == null ? Optional.empty() : each.leftOut(branch);
                if (leftOut.isPresent()) {
                    merges.add(leftOut.get());
                    continue;
                }
                MergeRecord record = merger.merge(branch, prepared.baseSha(), merges);
                if (each != null) {
                    record = each.afterMerge(record, merged(merges));
                }
                merges.add(record);
                progress.accept(record);
                if (r.policy() == ConflictPolicy.STOP
                        && (record.status() == MergeStatus.CONFLICT || record.status() == MergeStatus.FAILED)) {
                    stoppedAt = record;
                }
            }
            if (verify != null && stoppedAt == null) {
                outcome = each != null ? each.finish(merged(merges)) : verifyOnce(verify, merges, r, merger, quarantine,
                        prepared.baseSha(), worktree);
                merges = outcome.merges() == null ? merges : outcome.merges();
            }
        } catch (VerifySession.VerifyInterfered e) {
            List<VerifyRun> runs = verify.runs();
            outcome = new VerifyOutcome(runs.isEmpty() ? null : runs.get(runs.size() - 1), e.getMessage(),
                    null);
        } catch (VerifySession.Pending p) {
            return new ResumedIntegration(null, p.request(), git.revParse(worktree, "HEAD"),
                    resolver == null ? List.of() : resolver.remembered());
        }
        VerifyResult result = outcome == null || outcome.verify() == null ? VerifyResult.notRun()
                : outcome.verify().asResult();
        String head = git.revParse(worktree, "HEAD");
        return new ResumedIntegration(new IntegrationResult(r.integrationBranch(), head, merges, result,
                stoppedAt != null, prepared.baseSha(), prepared.replacedHead(),
                verify == null ? List.of() : verify.runs(), outcome == null ? null : outcome.message(),
                resolver == null ? List.of() : resolver.runs()), null, head,
                resolver == null ? List.of() : resolver.remembered());
    }

    /** Verify once after all merges; when it fails, find the merges that break it and leave them out. */
    private VerifyOutcome verifyOnce(VerifySession verify, List<MergeRecord> merges, IntegrationRequest r,
            BranchMerger merger, Quarantine quarantine, String base, Path worktree) {
        List<String> merged = merged(merges);
        VerifyRun first = verify.atHead(merged.isEmpty() ? "the base alone" : "every merge", merged);
        if (first.passed()) {
            return new VerifyOutcome(first, null, null);
        }
        if (merged.isEmpty()) {
            return new VerifyOutcome(first, CulpritSearch.baseFails(first), null);
        }
        Map<String, BranchToMerge> byId = new LinkedHashMap<>();
        r.branches().forEach(b -> byId.put(b.workstreamId(), b));
        return new CulpritSearch(git, worktree, merger, verify, quarantine, base).search(merges, byId, first);
    }

    private static List<String> merged(List<MergeRecord> merges) {
        return merges.stream().filter(m -> m.status() == MergeStatus.MERGED).map(MergeRecord::workstreamId).toList();
    }
}
