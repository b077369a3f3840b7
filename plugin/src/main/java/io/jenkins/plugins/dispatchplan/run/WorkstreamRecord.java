package io.jenkins.plugins.dispatchplan.run;

import io.dispatchplan.plan.Workstream;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One row of the run page's summary table, also served at {@code .../dispatch-plan/api/json}. */
@ExportedBean(defaultVisibility = 2)
public final class WorkstreamRecord {
    private final String id;
    private final String title;
    private final ArrayList<String> dependsOn;
    private final String branch;
    private String status = "WAITING";
    private String reason;
    private String agent;
    private long startedAt;
    private long finishedAt;
    private Double costUsd;
    private String sessionId;
    private String resultsArtifact;
    private String headSha;
    private int commits;
    private Integer turns;
    private String lastActivity;
    private long lastActivityAt;
    /** RESULTS.md as the worker wrote it (capped), for the TASKS.md of its dependents. */
    private String resultsMarkdown;
    /** What an earlier build of the job recorded for it, or null. */
    private PriorOutcome prior;
    /** What its worktree started from, as prepare logged it: the commit, the base and what was merged in. */
    private String start;
    /** The end of a failed worker's output (masked, capped), the detail of its reason. */
    private String outputTail;
    /** Set when it was done in an earlier build and not run again: that build's number. */
    private Integer carriedFromBuild;
    /** The build whose artifacts hold its RESULTS.md, when not this one (carried over). */
    private Integer resultsBuild;

    public static final int RESULTS_KEPT = 20_000;

    /** Made once: a page of 200 rows would otherwise parse the pattern 200 times. */
    private static final java.time.format.DateTimeFormatter ACTIVITY_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    public WorkstreamRecord(Workstream w, String branch) {
        this.id = w.id();
        this.title = w.title();
        this.dependsOn = new ArrayList<>(w.dependsOn());
        this.branch = branch;
    }

    @Exported
    public String getId() {
        return id;
    }

    @Exported
    public String getTitle() {
        return title;
    }

    @Exported
    public List<String> getDependsOn() {
        return List.copyOf(dependsOn);
    }

    @Exported
    public String getBranch() {
        return branch;
    }

    /** WAITING, RUNNING, SUCCEEDED, UNSTABLE, FAILED or SKIPPED. */
    @Exported
    public String getStatus() {
        return status;
    }

    @Exported
    public String getReason() {
        return reason;
    }

    /** The agent its worker ran on. */
    @Exported
    public String getAgent() {
        return agent;
    }

    @Exported
    public long getStartedAt() {
        return startedAt;
    }

    @Exported
    public long getFinishedAt() {
        return finishedAt;
    }

    /** Milliseconds from start to finish, 0 while it has not both started and finished. */
    @Exported
    public long getDurationMillis() {
        return startedAt > 0 && finishedAt >= startedAt ? finishedAt - startedAt : 0;
    }

    @Exported
    public Double getCostUsd() {
        return costUsd;
    }

    @Exported
    public String getSessionId() {
        return sessionId;
    }

    /** Path of its archived RESULTS.md under the build's artifacts, or null. */
    @Exported
    public String getResultsArtifact() {
        return resultsArtifact;
    }

    /** Duration for people: {@code 12m 5s}. */
    public String getDurationText() {
        return durationText(getDurationMillis());
    }

    /** {@code 12m 5s}, {@code 3s}; empty for 0 (not known). */
    static String durationText(long millis) {
        long seconds = millis / 1000;
        if (millis <= 0) {
            return "";
        }
        return seconds >= 3600 ? String.format("%dh %dm", seconds / 3600, seconds / 60 % 60)
                : seconds >= 60 ? String.format("%dm %ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    public String getCostText() {
        return costText(costUsd);
    }

    /** {@code $1.23}; empty when not known. */
    static String costText(Double usd) {
        return usd == null ? "" : String.format(java.util.Locale.ROOT, "$%.2f", usd);
    }

    public synchronized void started(long now) {
        status = "RUNNING";
        startedAt = now;
    }

    public synchronized void ended(String newStatus, String newReason, long now) {
        status = newStatus;
        reason = newReason;
        finishedAt = now;
    }

    /** Records how far its worker has got; true when that changed anything (the build is then worth saving). */
    public synchronized boolean activity(Integer workerTurns, String line, long at) {
        boolean changed = !java.util.Objects.equals(turns, workerTurns) || !java.util.Objects.equals(lastActivity, line)
                || lastActivityAt != at;
        turns = workerTurns;
        lastActivity = line;
        lastActivityAt = at;
        return changed;
    }

    /**
     * Claude's turns so far: read from the agent's events file every few seconds while the worker runs
     * ({@code trackWorkstream}) and once more when {@code collectWorkstream} runs (each event is in the stage log as it
     * happens). Null before the first one, and for a command worker.
     */
    @Exported
    public Integer getTurns() {
        return turns;
    }

    /** The worker's last activity as a readable line (e.g. {@code turn 12: Bash: npm test}), as of the last read. */
    @Exported
    public String getLastActivity() {
        return lastActivity;
    }

    /** When that was, in milliseconds since the epoch; 0 when unknown. */
    @Exported
    public long getLastActivityAt() {
        return lastActivityAt;
    }

    /** When the last activity was, for people: {@code 2026-12-01 08:44:43 UTC}; empty when unknown. */
    public String getLastActivityTime() {
        return lastActivityAt <= 0 ? "" : ACTIVITY_TIME.format(java.time.Instant.ofEpochMilli(lastActivityAt));
    }

    /** Turns and the last activity for people: {@code 12 turns: result: success, ...}. */
    public String getActivityText() {
        if (lastActivity == null) {
            return "";
        }
        return (turns == null ? "" : turns + (turns == 1 ? " turn" : " turns") + " · ") + lastActivity;
    }

    public synchronized void ranOn(String agentName) {
        agent = agentName;
    }

    public synchronized void worker(Double cost, String session) {
        costUsd = cost;
        sessionId = session;
    }

    public synchronized void results(String artifact, String markdown) {
        resultsArtifact = artifact;
        resultsMarkdown = markdown == null || markdown.length() <= RESULTS_KEPT ? markdown
                : markdown.substring(0, RESULTS_KEPT) + "\n\n(cut at " + RESULTS_KEPT + " characters; the whole file is archived)";
    }

    public synchronized void branchTip(String head, int commitCount) {
        headSha = head;
        commits = commitCount;
    }

    /** The branch tip after collecting, or null before. */
    @Exported
    public String getHeadSha() {
        return headSha;
    }

    /** Commits on its branch beyond the base. */
    @Exported
    public int getCommits() {
        return commits;
    }

    public String resultsMarkdown() {
        return resultsMarkdown;
    }

    public synchronized void startedFrom(String text) {
        start = text;
    }

    /**
     * The real start of its worktree: {@code 5e6f7a8b9c0d (kept from an earlier run, with the new base 9f2e1d0c3b4a
     * merged in)}; null before it was prepared.
     */
    @Exported
    public String getStart() {
        return start;
    }

    public synchronized void outputTail(String tail) {
        outputTail = tail;
    }

    /** The last lines of a failed worker's stdout and stderr, secrets masked: the detail of its reason; else null. */
    @Exported
    public String getOutputTail() {
        return outputTail;
    }

    /** Ended one way or another (not waiting, not running). */
    public boolean hasEnded() {
        return switch (status) {
            case "SUCCEEDED", "UNSTABLE", "FAILED", "SKIPPED" -> true;
            default -> false;
        };
    }

    public synchronized void prior(PriorOutcome earlier) {
        prior = earlier;
    }

    /** What an earlier build recorded for this workstream, or null (the first build, or never reached). */
    @Exported(inline = true)
    public PriorOutcome getPrior() {
        return prior;
    }

    /**
     * Done in an earlier build and not run again: its branch still holds what that build recorded (or a person's
     * commits on top, {@code headSha} then being the moved head). Its results stay linked where they were archived.
     */
    public synchronized void carriedOver(String head, int commitCount, String why) {
        carriedFromBuild = prior.getBuild();
        headSha = head;
        commits = commitCount;
        reason = why;
        resultsArtifact = prior.getResultsArtifact();
        resultsBuild = prior.getResultsBuild();
        resultsMarkdown = prior.resultsMarkdown();
        sessionId = prior.getSessionId();
    }

    /** The earlier build it was done in, when this build did not run it again; else null. */
    @Exported
    public Integer getCarriedFromBuild() {
        return carriedFromBuild;
    }

    /** The build whose artifacts hold {@link #getResultsArtifact()}: null for this build. */
    @Exported
    public Integer getResultsBuild() {
        return resultsBuild;
    }
}
