package io.jenkins.plugins.dispatchplan.run;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.integrate.VerifyRun;
import io.dispatchplan.secrets.Secrets;
import io.jenkins.plugins.dispatchplan.config.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the integration ran to get its result: every verify run, the branches those runs found to break verify, and
 * every conflict-resolver run. Made on the integration node from the engine's result, checked again on the controller
 * and kept with the build's {@link IntegrationRecord}. Plain fields only: it travels from the agent and goes to
 * build.xml.
 */
public final class IntegrationRuns implements Serializable {
    private static final long serialVersionUID = 1L;

    static final IntegrationRuns NONE = new IntegrationRuns(List.of(), List.of(), List.of());

    private final ArrayList<VerifyRunRecord> verifyRuns;
    private final ArrayList<String> breaksVerify;
    private final ArrayList<ResolverRunRecord> resolverRuns;

    private IntegrationRuns(List<VerifyRunRecord> verifyRuns, List<String> breaksVerify,
            List<ResolverRunRecord> resolverRuns) {
        this.verifyRuns = new ArrayList<>(verifyRuns);
        this.breaksVerify = new ArrayList<>(breaksVerify);
        this.resolverRuns = new ArrayList<>(resolverRuns);
    }

    /** On the integration node: the runs of the engine's result, each branch that breaks verify worded as INTEGRATION.md does. */
    public static IntegrationRuns of(IntegrationResult result) {
        List<VerifyRunRecord> verify = new ArrayList<>();
        for (VerifyRun run : result.verifyRuns()) {
            verify.add(VerifyRunRecord.of(run));
        }
        List<String> culprits = new ArrayList<>();
        for (MergeRecord m : result.withStatus(MergeStatus.BREAKS_VERIFY)) {
            culprits.add(m.workstreamId() + " (" + m.branch() + "): " + m.message());
        }
        List<ResolverRunRecord> resolver = new ArrayList<>();
        for (ResolverRun run : result.resolverRuns()) {
            resolver.add(ResolverRunRecord.of(run));
        }
        return new IntegrationRuns(verify, culprits, resolver);
    }

    /** On the controller: made again from what the agent sent, commits checked, texts masked and capped. */
    public IntegrationRuns checked(Secrets secrets) {
        List<String> culprits = new ArrayList<>();
        for (String line : breaksVerify) {
            culprits.add(Text.cap(secrets.mask(line)));
        }
        return new IntegrationRuns(verifyRuns.stream().map(VerifyRunRecord::checked).toList(), culprits,
                resolverRuns.stream().map(r -> r.checked(secrets)).toList());
    }

    public List<VerifyRunRecord> verifyRuns() {
        return List.copyOf(verifyRuns);
    }

    public List<String> breaksVerify() {
        return List.copyOf(breaksVerify);
    }

    public List<ResolverRunRecord> resolverRuns() {
        return List.copyOf(resolverRuns);
    }

    /** What the resolver's runs cost, summed; null when none reported a cost. */
    public Double resolverCostUsd() {
        Double sum = null;
        for (ResolverRunRecord run : resolverRuns) {
            if (run.getCostUsd() != null) {
                sum = (sum == null ? 0 : sum) + run.getCostUsd();
            }
        }
        return sum;
    }
}
