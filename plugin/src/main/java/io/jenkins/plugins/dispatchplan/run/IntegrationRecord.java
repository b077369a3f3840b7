package io.jenkins.plugins.dispatchplan.run;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The Integration stage's outcome on the run page and in {@code api/json}. */
@ExportedBean(defaultVisibility = 2)
public final class IntegrationRecord {
    private final String branch;
    private final ArrayList<String> merged;
    private final ArrayList<String> notMerged;
    private final String status;
    private final String reportArtifact;
    private Integer verifyExitStatus;
    private String bundleArtifact;
    private String fetchCommand;
    /** Why the integration failed, when it did ({@link #FAILED}); null otherwise. */
    private String reason;
    /** Its verify and conflict-resolver runs; null for a build recorded before they were kept. */
    private IntegrationRuns runs;

    /** The status of an integration that ran and failed before it could report what it merged. */
    public static final String FAILED = "FAILED";

    public IntegrationRecord(String branch, List<String> merged, List<String> notMerged, String status, String reportArtifact) {
        this.branch = branch;
        this.merged = new ArrayList<>(merged);
        this.notMerged = new ArrayList<>(notMerged);
        this.status = status;
        this.reportArtifact = reportArtifact;
    }

    /** An integration that ran and failed: nothing merged is known, the reason says why. */
    public static IntegrationRecord failed(String branch, String reason) {
        IntegrationRecord record = new IntegrationRecord(branch, List.of(), List.of(), FAILED, null);
        record.reason = reason;
        return record;
    }

    @Exported
    public String getBranch() {
        return branch;
    }

    @Exported
    public List<String> getMerged() {
        return List.copyOf(merged);
    }

    /** Workstreams not merged, each with why (failed, skipped, conflict in files ...). */
    @Exported
    public List<String> getNotMerged() {
        return List.copyOf(notMerged);
    }

    /** COMPLETE, PARTIAL (something not merged), STOPPED (at a conflict, {@code onConflict: 'stop'}) or FAILED. */
    @Exported
    public String getStatus() {
        return status;
    }

    /** Why it failed (status FAILED), or null. */
    @Exported
    public String getReason() {
        return reason;
    }

    /** Path of the archived INTEGRATION.md under the build's artifacts, or null. */
    @Exported
    public String getReportArtifact() {
        return reportArtifact;
    }

    @Exported
    public Integer getVerifyExitStatus() {
        return verifyExitStatus;
    }

    /** The integration branch's archived bundle (a path under the build's artifacts), or null. */
    @Exported
    public String getBundleArtifact() {
        return bundleArtifact;
    }

    /** The one line that brings the integration branch into a clone (from the bundle, or the pushed branch), or null. */
    @Exported
    public String getFetchCommand() {
        return fetchCommand;
    }

    /** Every run of the verify command, in order (as INTEGRATION.md's "Verify runs"). */
    @Exported
    public List<VerifyRunRecord> getVerifyRuns() {
        return runs().verifyRuns();
    }

    /** Each branch the verify runs found to break verify, with why: {@code docs (shop/docs): breaks verify: ...}. */
    @Exported
    public List<String> getBreaksVerify() {
        return runs().breaksVerify();
    }

    /** Every run of the conflict resolver, accepted or rejected, in order. */
    @Exported
    public List<ResolverRunRecord> getResolverRuns() {
        return runs().resolverRuns();
    }

    /** What the resolver's runs cost in all; null when none reported a cost. */
    @Exported
    public Double getResolverCostUsd() {
        return runs().resolverCostUsd();
    }

    private IntegrationRuns runs() {
        return runs == null ? IntegrationRuns.NONE : runs;
    }

    public synchronized void runs(IntegrationRuns ran) {
        this.runs = ran;
    }

    public synchronized void reachableBy(String bundle, String command) {
        this.bundleArtifact = bundle;
        this.fetchCommand = command;
    }

    public synchronized void verified(int exitStatus) {
        this.verifyExitStatus = exitStatus;
    }
}
