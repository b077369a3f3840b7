package io.jenkins.plugins.dispatchplan.run;

import io.dispatchplan.git.Sha;
import io.dispatchplan.integrate.VerifyRun;
import io.jenkins.plugins.dispatchplan.config.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One run of the verify command during the integration, as the run page and {@code api/json} show it. Plain fields:
 * it comes from the agent and is kept in build.xml.
 */
@ExportedBean(defaultVisibility = 2)
public final class VerifyRunRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final String commit;
    private final String tested;
    private final ArrayList<String> merged;
    private final boolean passed;
    private final int exitCode;
    private final boolean timedOut;
    private final long durationMillis;

    private VerifyRunRecord(int number, String commit, String tested, List<String> merged, boolean passed, int exitCode,
            boolean timedOut, long durationMillis) {
        this.number = number;
        this.commit = commit;
        this.tested = tested;
        this.merged = new ArrayList<>(merged);
        this.passed = passed;
        this.exitCode = exitCode;
        this.timedOut = timedOut;
        this.durationMillis = durationMillis;
    }

    static VerifyRunRecord of(VerifyRun run) {
        return new VerifyRunRecord(run.number(), run.commit(), run.tested(), run.merged(), run.passed(), run.exitCode(),
                run.timedOut(), run.duration().toMillis());
    }

    /** Made again on the controller from what the agent sent: only a full commit id kept, its text capped. */
    VerifyRunRecord checked() {
        return new VerifyRunRecord(number, Sha.isFull(commit) ? commit : null, Text.cap(tested), merged, passed,
                exitCode, timedOut, Math.max(0, durationMillis));
    }

    /** 1 for the first run, then 2, 3... */
    @Exported
    public int getNumber() {
        return number;
    }

    /** The commit of the integration branch it ran on, or null. */
    @Exported
    public String getCommit() {
        return commit;
    }

    /** What that commit holds: {@code every merge}, {@code the merges up to api}, {@code the base alone}. */
    @Exported
    public String getTested() {
        return tested;
    }

    /** The workstreams merged in that commit, in merge order. */
    @Exported
    public List<String> getMerged() {
        return List.copyOf(merged);
    }

    @Exported
    public boolean isPassed() {
        return passed;
    }

    @Exported
    public int getExitCode() {
        return exitCode;
    }

    @Exported
    public boolean isTimedOut() {
        return timedOut;
    }

    /** How long it ran; 0 when not known. */
    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }

    /** Its log among the build's artifacts: {@code integration/verify.log}, then {@code verify-2.log}... */
    @Exported
    public String getLogArtifact() {
        return number <= 1 ? "integration/verify.log" : "integration/verify-" + number + ".log";
    }
}
