package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamCollection;

import io.dispatchplan.secrets.Secrets;
import java.io.Serializable;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/** What {@code collectWorkstream} returns: the verdict and where its files were put for archiving. */
public final class CollectedWorkstream implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String status;
    private final String reason;
    private final String artifactsDir;
    private final String artifacts;
    private final Double costUsd;
    private final String sessionId;
    private final boolean resultsWritten;
    private final String wipCommit;
    // RESULTS.md text, for the TASKS.md of dependents; not for scripts.
    private final String resultsMarkdown;
    private final String bundle;
    private final String headSha;
    private final int commits;
    private final String cleanup;
    private Integer retryAfterSeconds;
    private Integer turns;
    private String lastActivity;
    private long lastActivityAt;
    private String outputTail;
    private String rateLimit;

    public CollectedWorkstream(String status, String reason, String artifactsDir, String artifacts, Double costUsd,
            String sessionId, boolean resultsWritten, String wipCommit, String resultsMarkdown, String bundle,
            String headSha, int commits, String cleanup) {
        this.status = status;
        this.reason = reason;
        this.artifactsDir = artifactsDir;
        this.artifacts = artifacts;
        this.costUsd = costUsd;
        this.sessionId = sessionId;
        this.resultsWritten = resultsWritten;
        this.wipCommit = wipCommit;
        this.resultsMarkdown = resultsMarkdown;
        this.bundle = bundle;
        this.headSha = headSha;
        this.commits = commits;
        this.cleanup = cleanup;
    }

    /** The most of a reason the controller keeps: an agent's answer is not trusted to be small. */
    static final int REASON_KEPT = 4_000;

    /**
     * This verdict as the controller keeps it: the agent's answer is not trusted for the controller's own decisions.
     * Paths come from the id (never from the agent), shas must be full commit ids, a status one of the known three,
     * the reason is capped, and the RESULTS.md text stays out (it would live in the Pipeline's program.dat; the run
     * page keeps its capped copy). The run's API key is masked in every text it keeps (the agent's answer comes from
     * outside {@code withCredentials}, where Jenkins masks nothing).
     */
    CollectedWorkstream asTrustedBy(String id, Secrets secrets) {
        String checkedStatus = java.util.Set.of("SUCCESS", "UNSTABLE", "FAILURE").contains(status) ? status : "FAILURE";
        CollectedWorkstream c = new CollectedWorkstream(checkedStatus, cap(secrets.mask(reason)), RunSettings.ARTIFACTS_DIR,
                retryAfterSeconds != null ? null : artifacts(id), checkedCost(costUsd), cap(secrets.mask(sessionId)),
                resultsWritten,
                checkedSha(wipCommit, "its WIP commit"), null, bundle == null ? null : WorkstreamCollection.bundlePath(id),
                checkedSha(headSha, "its branch head"), Math.max(0, commits), cap(secrets.mask(cleanup)));
        c.retryAfterSeconds = retryAfterSeconds == null ? null : Math.max(0, Math.min(retryAfterSeconds, 3600));
        return c.withActivity(turns == null ? null : Math.max(0, turns), cap(secrets.mask(lastActivity)), lastActivityAt)
                .withOutputTail(cap(secrets.mask(outputTail)))
                .withRateLimit(rateLimit != null && RATE_LIMIT_CAUSES.contains(rateLimit) ? rateLimit : null);
    }

    /** The causes the engine reports; anything else from an agent is not a rate limit the schedule acts on. */
    private static final java.util.Set<String> RATE_LIMIT_CAUSES = java.util.Set.of("rate_limit", "overloaded",
            "HTTP 429", "HTTP 529");

    /** A cost the run budget can add up: a finite amount, not below 0. */
    private static Double checkedCost(Double usd) {
        return usd != null && usd >= 0 && !usd.isInfinite() ? usd : null;
    }

    /**
     * What is archived of a workstream: its files and its branch's bundle (a later build continues from that bundle on
     * an agent that never saw the branch).
     */
    static String artifacts(String id) {
        return "workstreams/" + id + "/*, " + WorkstreamCollection.bundlePath(id);
    }

    private static String checkedSha(String sha, String what) {
        return sha == null ? null : io.dispatchplan.git.Sha.requireFull(sha, "the agent's answer for " + what);
    }

    private static String cap(String text) {
        return text == null || text.length() <= REASON_KEPT ? text
                : text.substring(0, REASON_KEPT) + " ... (cut at " + REASON_KEPT + " characters)";
    }

    /** An attempt that should be repeated: nothing collected, the worker to run again after the delay. */
    public static CollectedWorkstream retry(String reason, long delaySeconds, Double costUsd, String sessionId) {
        CollectedWorkstream c = new CollectedWorkstream("FAILURE", reason, RunSettings.ARTIFACTS_DIR, null, costUsd, sessionId,
                false, null, null, null, null, 0, null);
        c.retryAfterSeconds = (int) Math.min(Integer.MAX_VALUE, delaySeconds);
        return c;
    }

    /** The same with what the worker's events file told of its progress. */
    public CollectedWorkstream withActivity(Integer workerTurns, String activity, long activityAt) {
        this.turns = workerTurns;
        this.lastActivity = activity;
        this.lastActivityAt = activityAt;
        return this;
    }

    /** The same with the cause of the last rate limit or overload the attempt's events reported (null: none). */
    public CollectedWorkstream withRateLimit(String cause) {
        this.rateLimit = cause;
        return this;
    }

    /**
     * The last rate limit or overload the attempt met ({@code rate_limit}, {@code overloaded}, {@code HTTP 429},
     * {@code HTTP 529}), for the run's rate-limit governor; null when none.
     */
    public String getRateLimit() {
        return rateLimit;
    }

    /** The same with the end of a failed worker's output (its logs' last lines, secrets masked). */
    public CollectedWorkstream withOutputTail(String tail) {
        this.outputTail = tail;
        return this;
    }

    /** The last lines of a failed worker's stdout and stderr (a few KB, secrets masked); null otherwise. */
    @Whitelisted
    public String getOutputTail() {
        return outputTail;
    }

    /** Claude's turns in this attempt, from its events; null for a worker without events. */
    @Whitelisted
    public Integer getTurns() {
        return turns;
    }

    /** The last readable line of its events (e.g. {@code result: success, 12 turns, $0.84, 310 s}), or null. */
    @Whitelisted
    public String getLastActivity() {
        return lastActivity;
    }

    /** When that happened, in milliseconds since the epoch; 0 when unknown. */
    @Whitelisted
    public long getLastActivityAt() {
        return lastActivityAt;
    }

    /**
     * Seconds to wait before running the worker again (a retryable failure, or a session flag to switch), then
     * prepare, run and collect with the next {@code attempt}; null when this verdict is final.
     */
    @Whitelisted
    public Integer getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What removing the worktree did, or null when it is kept ({@code keepWorktrees}). */
    @Whitelisted
    public String getCleanup() {
        return cleanup;
    }

    /**
     * The branch as a git bundle, relative to {@link #getArtifactsDir()}, to {@code stash} for the integration
     * node; null when the branch has no commits of its own.
     */
    @Whitelisted
    public String getBundle() {
        return bundle;
    }

    /** The workstream branch's tip after collecting. */
    @Whitelisted
    public String getHeadSha() {
        return headSha;
    }

    /** Commits on the branch beyond the base. */
    @Whitelisted
    public int getCommits() {
        return commits;
    }

    /** SUCCESS, UNSTABLE (e.g. no RESULTS.md) or FAILURE: what to pass to {@code reportWorkstream}. */
    @Whitelisted
    public String getStatus() {
        return status;
    }

    @Whitelisted
    public String getReason() {
        return reason;
    }

    /** Workspace directory to archive from. */
    @Whitelisted
    public String getArtifactsDir() {
        return artifactsDir;
    }

    /** The {@code archiveArtifacts} pattern: {@code workstreams/<id>/*}. */
    @Whitelisted
    public String getArtifacts() {
        return artifacts;
    }

    @Whitelisted
    public Double getCostUsd() {
        return costUsd;
    }

    @Whitelisted
    public String getSessionId() {
        return sessionId;
    }

    @Whitelisted
    public boolean isResultsWritten() {
        return resultsWritten;
    }

    /** The commit that saved uncommitted changes the worker left, or null. */
    @Whitelisted
    public String getWipCommit() {
        return wipCommit;
    }

    public String resultsMarkdown() {
        return resultsMarkdown;
    }
}
