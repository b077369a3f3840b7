package io.dispatchplan.integrate;

import java.util.List;

/**
 * The outcome of an integration.
 *
 * @param integrationBranch the branch the workstreams were merged into
 * @param headSha its tip afterwards
 * @param merges one record per requested branch, in merge order
 * @param verify the verify command's result ({@link VerifyResult#notRun()} when none is configured)
 * @param stopped whether a conflict stopped the integration ({@link ConflictPolicy#STOP})
 * @param baseSha the base commit the integration branch starts from
 * @param replacedHead where an existing integration branch of an earlier run pointed before it was re-created from
 *     the base; null when it was new or already at the base
 * @param verifyRuns every run of the verify command, in order: one when it passes with every merge, more when the
 *     integration looked for the merges that break it (or verified after each merge)
 * @param verifyMessage what the verify runs found, for a human (which merges break verify and were left out, or why
 *     verify still fails); null when verify did not run or passed at once
 * @param resolverRuns every run of the conflict resolver, accepted or not, in order; empty without a resolver
 */
public record IntegrationResult(String integrationBranch, String headSha, List<MergeRecord> merges,
        VerifyResult verify, boolean stopped, String baseSha, String replacedHead, List<VerifyRun> verifyRuns,
        String verifyMessage, List<ResolverRun> resolverRuns) {

    public IntegrationResult {
        merges = List.copyOf(merges);
        verify = verify == null ? VerifyResult.notRun() : verify;
        verifyRuns = verifyRuns == null ? List.of() : List.copyOf(verifyRuns);
        resolverRuns = resolverRuns == null ? List.of() : List.copyOf(resolverRuns);
    }

    /** Without a conflict resolver. */
    public IntegrationResult(String integrationBranch, String headSha, List<MergeRecord> merges, VerifyResult verify,
            boolean stopped, String baseSha, String replacedHead, List<VerifyRun> verifyRuns, String verifyMessage) {
        this(integrationBranch, headSha, merges, verify, stopped, baseSha, replacedHead, verifyRuns, verifyMessage,
                List.of());
    }

    /** Without a record of the verify runs. */
    public IntegrationResult(String integrationBranch, String headSha, List<MergeRecord> merges, VerifyResult verify,
            boolean stopped, String baseSha, String replacedHead) {
        this(integrationBranch, headSha, merges, verify, stopped, baseSha, replacedHead, List.of(), null);
    }

    /** The shape of the agreed contract, without base and replaced head. */
    public IntegrationResult(String integrationBranch, String headSha, List<MergeRecord> merges, VerifyResult verify,
            boolean stopped) {
        this(integrationBranch, headSha, merges, verify, stopped, null, null);
    }

    /** Every branch's work is in the integration branch, nothing stopped it, and verify passed or is not set up. */
    public boolean clean() {
        return !stopped && merges.stream().allMatch(m -> m.status().integrated())
                && (!verify.ran() || verify.passed());
    }

    /** What the resolver's runs cost, summed; null when none reported a cost. */
    public Double resolverCostUsd() {
        return resolverRuns.stream().anyMatch(r -> r.costUsd() != null)
                ? resolverRuns.stream().filter(r -> r.costUsd() != null).mapToDouble(ResolverRun::costUsd).sum()
                : null;
    }

    public List<MergeRecord> withStatus(MergeStatus status) {
        return merges.stream().filter(m -> m.status() == status).toList();
    }
}
