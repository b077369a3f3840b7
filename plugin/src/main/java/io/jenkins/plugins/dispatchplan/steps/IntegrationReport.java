package io.jenkins.plugins.dispatchplan.steps;

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

    /** The run's verify command, to run with {@code sh} in {@link #getPath()}; null for none. */
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

    @Whitelisted
    public String getArtifacts() {
        return "integration/*";
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

    IntegrationReport withRun(String verify, String reason) {
        this.verifyCommand = verify;
        this.unstableReason = reason;
        return this;
    }
}
