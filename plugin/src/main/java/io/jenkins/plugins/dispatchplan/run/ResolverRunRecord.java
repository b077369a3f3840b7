package io.jenkins.plugins.dispatchplan.run;

import io.dispatchplan.git.Sha;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.secrets.Secrets;
import io.jenkins.plugins.dispatchplan.config.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One run of the conflict resolver on one conflicting merge, accepted or not, as the run page and {@code api/json}
 * show it. Plain fields: it comes from the agent and is kept in build.xml.
 */
@ExportedBean(defaultVisibility = 2)
public final class ResolverRunRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final String workstreamId;
    private final String worker;
    private final ArrayList<String> files;
    private final boolean accepted;
    private final String reason;
    private final String mergeCommit;
    private final Double costUsd;
    private final String sessionId;
    private final long durationMillis;

    private ResolverRunRecord(int number, String workstreamId, String worker, List<String> files, boolean accepted,
            String reason, String mergeCommit, Double costUsd, String sessionId, long durationMillis) {
        this.number = number;
        this.workstreamId = workstreamId;
        this.worker = worker;
        this.files = new ArrayList<>(files);
        this.accepted = accepted;
        this.reason = reason;
        this.mergeCommit = mergeCommit;
        this.costUsd = costUsd;
        this.sessionId = sessionId;
        this.durationMillis = durationMillis;
    }

    static ResolverRunRecord of(ResolverRun run) {
        return new ResolverRunRecord(run.number(), run.workstreamId(), run.worker(), run.files(), run.accepted(),
                run.reason(), run.mergeCommit(), run.costUsd(), run.sessionId(), run.duration().toMillis());
    }

    /** Made again on the controller from what the agent sent: its reason masked and capped, only a full commit id kept. */
    ResolverRunRecord checked(Secrets secrets) {
        return new ResolverRunRecord(number, workstreamId, worker, files, accepted, Text.cap(secrets.mask(reason)),
                Sha.isFull(mergeCommit) ? mergeCommit : null, costUsd, sessionId, Math.max(0, durationMillis));
    }

    /** 1 for the integration's first resolution, then 2, 3... */
    @Exported
    public int getNumber() {
        return number;
    }

    /** The workstream whose merge conflicted. */
    @Exported
    public String getWorkstreamId() {
        return workstreamId;
    }

    /** The resolver's kind: {@code claude}, {@code command}. */
    @Exported
    public String getWorker() {
        return worker;
    }

    /** The conflicted files it was given. */
    @Exported
    public List<String> getFiles() {
        return List.copyOf(files);
    }

    /** Whether its resolution was accepted and committed as the merge. */
    @Exported
    public boolean isAccepted() {
        return accepted;
    }

    /** What it resolved, or why its resolution was rejected. */
    @Exported
    public String getReason() {
        return reason;
    }

    /** The merge commit when accepted, else null. */
    @Exported
    public String getMergeCommit() {
        return mergeCommit;
    }

    /** What it cost; null when not known (a command). */
    @Exported
    public Double getCostUsd() {
        return costUsd;
    }

    /** Its Claude session; null for a command. */
    @Exported
    public String getSessionId() {
        return sessionId;
    }

    /** How long the resolver worked; 0 when not known. */
    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }
}
