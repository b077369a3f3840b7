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

    public IntegrationRecord(String branch, List<String> merged, List<String> notMerged, String status, String reportArtifact) {
        this.branch = branch;
        this.merged = new ArrayList<>(merged);
        this.notMerged = new ArrayList<>(notMerged);
        this.status = status;
        this.reportArtifact = reportArtifact;
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

    @Exported
    public String getStatus() {
        return status;
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

    public synchronized void reachableBy(String bundle, String command) {
        this.bundleArtifact = bundle;
        this.fetchCommand = command;
    }

    public synchronized void verified(int exitStatus) {
        this.verifyExitStatus = exitStatus;
    }
}
