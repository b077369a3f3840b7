package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.run.IntegrationProgress;
import io.jenkins.plugins.dispatchplan.run.IntegrationRuns;

import io.jenkins.plugins.dispatchplan.config.RunSettings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/** What {@code integrateWorkstreams} returns. */
public final class IntegrationReport implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String branch;
    private final String headSha;
    private final String path;
    private final ArrayList<String> merged;
    private final ArrayList<String> notMerged;
    private final boolean stopped;
    private String verifyCommand;
    private String unstableReason;
    private String pushProblem;
    private String verifyScript;
    private String verifyLabel;
    private Boolean verifyPassed;
    private Integer verifyExitStatus;
    private String verifyMessage;
    /** Back from the agent to the step, which keeps it with the build; never handed to the Pipeline. */
    private IntegrationProgress progress;
    /** The verify and resolver runs, back from the agent for the run page; never handed to the Pipeline either. */
    private IntegrationRuns runs;
    private String bundle;
    private String fetchCommand;

    public IntegrationReport(String branch, String headSha, String path, List<String> merged, List<String> notMerged, boolean stopped) {
        this.branch = branch;
        this.headSha = headSha;
        this.path = path;
        this.merged = new ArrayList<>(merged);
        this.notMerged = new ArrayList<>(notMerged);
        this.stopped = stopped;
    }

    /** {@code <feature>/integration}. */
    @Whitelisted
    public String getBranch() {
        return branch;
    }

    @Whitelisted
    public String getHeadSha() {
        return headSha;
    }

    /** The integration worktree on the agent, where {@code verify} runs. */
    @Whitelisted
    public String getPath() {
        return path;
    }

    /** Ids merged (an unstable one marked so). */
    @Whitelisted
    public List<String> getMerged() {
        return new ArrayList<>(merged);
    }

    /** One line per workstream not merged, with why. */
    @Whitelisted
    public List<String> getNotMerged() {
        return new ArrayList<>(notMerged);
    }

    /** A conflict stopped the merges (conflict policy {@code stop}). */
    @Whitelisted
    public boolean isStopped() {
        return stopped;
    }

    /**
     * The run's verify command; null for none. {@code integrateWorkstreams} has the Pipeline run it through
     * {@link #getVerifyScript()}; running it by hand after the step skips the search for the merges that break it.
     */
    @Whitelisted
    public String getVerifyCommand() {
        return verifyCommand;
    }

    /** Why the build should be unstable (something was not merged), or null. */
    @Whitelisted
    public String getUnstableReason() {
        return unstableReason;
    }

    /** Workspace directory to archive from, and what. */
    @Whitelisted
    public String getArtifactsDir() {
        return RunSettings.ARTIFACTS_DIR;
    }

    /** The reports and verify logs, and each resolver run's instructions and logs. */
    @Whitelisted
    public String getArtifacts() {
        return "integration/*,resolver/*/*.md,resolver/*/*.log,resolver/*/*.jsonl,resolver/*/worker-result.json";
    }

    /** The archived bundle of the integration branch (under {@link #getArtifactsDir()}), or null when it has no commits. */
    @Whitelisted
    public String getBundle() {
        return bundle;
    }

    /** The one line that brings the integration branch into a clone, or null. */
    @Whitelisted
    public String getFetchCommand() {
        return fetchCommand;
    }

    public void reachableBy(String bundleArtifact, String command) {
        this.bundle = bundleArtifact;
        this.fetchCommand = command;
    }

    /** Why pushing the integration branch failed, or null (pushed, or not asked to push). */
    @Whitelisted
    public String getPushProblem() {
        return pushProblem;
    }

    public void pushProblem(String problem) {
        this.pushProblem = problem;
    }

    /**
     * The next verify run to make, as {@code sh} source (its output printed and logged), in {@link #getPath()}, then
     * {@code recordVerification(status:)} and {@code integrateWorkstreams()} again; null when the integration is done.
     */
    @Whitelisted
    public String getVerifyScript() {
        return verifyScript;
    }

    /** What that verify run is on, for the step's label: {@code verify 2: the merges up to api}. */
    @Whitelisted
    public String getVerifyLabel() {
        return verifyLabel;
    }

    /** Whether verify passes on the integration branch as it was left; null when it did not run. */
    @Whitelisted
    public Boolean getVerifyPassed() {
        return verifyPassed;
    }

    /** What the verify runs found (which merges break verify and were left out), or null. */
    @Whitelisted
    public String getVerifyMessage() {
        return verifyMessage;
    }

    public Integer verifyExitStatus() {
        return verifyExitStatus;
    }

    /** A verify run is needed before the integration can go on. */
    public IntegrationReport verifyNext(String script, String label) {
        this.verifyScript = script;
        this.verifyLabel = label;
        return this;
    }

    /** How verify went on the final branch. */
    public IntegrationReport verified(boolean passed, int exitStatus, String message) {
        this.verifyPassed = passed;
        this.verifyExitStatus = exitStatus;
        this.verifyMessage = message;
        return this;
    }

    public IntegrationReport progress(IntegrationProgress state) {
        this.progress = state;
        return this;
    }

    /** The state the agent left, taken out of the report before the Pipeline gets it. */
    IntegrationProgress takeProgress() {
        IntegrationProgress state = progress;
        progress = null;
        return state;
    }

    public IntegrationReport ran(IntegrationRuns made) {
        this.runs = made;
        return this;
    }

    /** The runs the agent reported, taken out of the report before the Pipeline gets it; none when it reported none. */
    public IntegrationRuns takeRuns() {
        IntegrationRuns made = runs;
        runs = null;
        return made;
    }

    IntegrationReport withRun(String verify, String reason) {
        this.verifyCommand = verify;
        this.unstableReason = reason;
        return this;
    }
}
