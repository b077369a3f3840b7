package io.jenkins.plugins.dispatchplan.run;

import java.util.Collection;
import java.util.List;

/**
 * The run page's integration section, said truthfully: not run yet (the build is still going), did not run (the
 * build ended first), ran and failed with the reason, or what it merged into which branch and what it left out.
 */
public final class IntegrationView {
    private final String summary;
    private final StatusLook look;
    private final String branch;
    private final String merged;
    private final List<String> notMerged;
    private final String verify;
    private final RunPageView.Link report;
    private final RunPageView.Link bundle;
    private final String fetchCommand;
    private final IntegrationRunsView runs;

    private IntegrationView(String summary, StatusLook look, String branch) {
        this(summary, look, branch, null, List.of(), null, null, null, null, IntegrationRunsView.NONE);
    }

    private IntegrationView(String summary, StatusLook look, String branch, String merged, List<String> notMerged,
            String verify, RunPageView.Link report, RunPageView.Link bundle, String fetchCommand,
            IntegrationRunsView runs) {
        this.summary = summary;
        this.look = look;
        this.branch = branch;
        this.merged = merged;
        this.notMerged = notMerged;
        this.verify = verify;
        this.report = report;
        this.bundle = bundle;
        this.fetchCommand = fetchCommand;
        this.runs = runs;
    }

    static IntegrationView of(IntegrationRecord record, boolean buildRunning, Collection<String> archivedPaths, String buildUrl) {
        if (record == null) {
            return buildRunning ? new IntegrationView("Not run yet.", null, null)
                    : new IntegrationView("Did not run: the build ended before the Integration stage recorded a result;"
                            + " its log in the build's console says why.", null, null);
        }
        StatusLook look = StatusLook.ofIntegration(record.getStatus());
        if (IntegrationRecord.FAILED.equals(record.getStatus())) {
            return new IntegrationView("Ran and failed: " + record.getReason(), look, record.getBranch());
        }
        String merged = record.getMerged().isEmpty() ? "nothing" : String.join(", ", record.getMerged());
        String verify = record.getVerifyExitStatus() == null ? null
                : record.getVerifyExitStatus() == 0 ? "The verify command passed."
                : "The verify command failed with exit status " + record.getVerifyExitStatus() + ".";
        return new IntegrationView(look.getLabel() + ".", look, record.getBranch(), merged, record.getNotMerged(), verify,
                archived("INTEGRATION.md", record.getReportArtifact(), archivedPaths, buildUrl),
                archived("the branch as a git bundle", record.getBundleArtifact(), archivedPaths, buildUrl),
                record.getFetchCommand(), IntegrationRunsView.of(record, archivedPaths, buildUrl));
    }

    /** A link to an archived file the record names, when it is archived (or the artifacts cannot be listed). */
    static RunPageView.Link archived(String label, String path, Collection<String> archivedPaths, String buildUrl) {
        return path != null && (archivedPaths.isEmpty() || archivedPaths.contains(path))
                ? new RunPageView.Link(label, buildUrl + "artifact/" + WorkstreamArtifacts.encode(path)) : null;
    }

    /** One sentence: {@code Not run yet.}, {@code Ran and failed: ...}, {@code Partial.} */
    public String getSummary() {
        return summary;
    }

    /** Its status symbol, or null when it has not run. */
    public StatusLook getLook() {
        return look;
    }

    public String getBranch() {
        return branch;
    }

    /** The merged workstreams as text: {@code schema, docs}, or {@code nothing}; null when it failed or did not run. */
    public String getMerged() {
        return merged;
    }

    /** Each workstream not merged, with why. */
    public List<String> getNotMerged() {
        return notMerged;
    }

    /** How the verify command ended, or null when there was none. */
    public String getVerify() {
        return verify;
    }

    /** The archived INTEGRATION.md, or null. */
    public RunPageView.Link getReport() {
        return report;
    }

    /** The integration branch archived as a git bundle, or null. */
    public RunPageView.Link getBundle() {
        return bundle;
    }

    /** The one line that brings the integration branch into a clone, or null. */
    public String getFetchCommand() {
        return fetchCommand;
    }

    /** Its verify and conflict-resolver runs; empty lists when it made none. */
    public IntegrationRunsView getRuns() {
        return runs;
    }
}
