package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** What the integration node needs, sent from the controller in plain serializable fields. */
public final class IntegrationSetup implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One branch to merge, with what its collect reported (to import its bundle). */
    public static final class Branch implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String id;
        public final String branch;
        public final boolean flagged;
        public final String head;
        public final int commits;
        /** The workstreams it depends on: it is never kept without them when one breaks verify. */
        public ArrayList<String> dependsOn = new ArrayList<>();

        public Branch(String id, String branch, boolean flagged, String head, int commits) {
            this.id = id;
            this.branch = branch;
            this.flagged = flagged;
            this.head = head;
            this.commits = commits;
        }
    }

    /** A workstream's TASKS.md and RESULTS.md, for the conflict resolver's instructions. */
    public static final class Notes implements Serializable {
        private static final long serialVersionUID = 1L;

        final String id;
        final String tasks;
        final String results;

        public Notes(String id, String tasks, String results) {
            this.id = id;
            this.tasks = tasks;
            this.results = results;
        }
    }

    /** One row of the run report, as the run page has it. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String id;
        final String title;
        final String status;
        final String reason;
        final String agent;
        final long durationMillis;
        public final String branch;
        final String headSha;
        public final int commits;
        final Double costUsd;
        final String sessionId;
        final String resultsArtifact;

        public Row(WorkstreamRecord r) {
            this.id = r.getId();
            this.title = r.getTitle();
            this.status = r.getStatus();
            this.reason = r.getReason();
            this.agent = r.getAgent();
            this.durationMillis = r.getDurationMillis();
            this.branch = r.getBranch();
            this.headSha = r.getHeadSha();
            this.commits = r.getCommits();
            this.costUsd = r.getCostUsd();
            this.sessionId = r.getSessionId();
            this.resultsArtifact = r.getResultsArtifact();
        }
    }

    final String repository;
    final String feature;
    /** The job's full name: its branches live in its own repository in the agent's cache. */
    public String job = "";
    public String planTitle;
    /** The build's absolute URL ({@code BUILD_URL}) for the line that fetches the archived bundle, or null. */
    public String buildUrl;
    public long startedAt;
    public ArrayList<Row> rows = new ArrayList<>();
    /** The build's budget and rate-limit changes, for INTEGRATION.md and report.json; null when not known. */
    public io.dispatchplan.report.ScheduleSummary schedule;
    final String baseCommit;
    final ArrayList<Branch> branches;
    final boolean stopOnConflict;
    /** Shell source run on the integrated tree (as durable sh steps the Pipeline makes); null for none. */
    public String verify;
    public boolean verifyEach;
    /** The conflict resolver; null to leave a conflicting branch out. */
    public io.jenkins.plugins.dispatchplan.config.WorkerConfig resolver;
    public boolean resolverMayEditOtherFiles;
    /** 0 for the engine's default. */
    public int resolverTimeoutMinutes;
    /** The resolver's API key by its variable; held in memory only, and masked in what the resolver writes. */
    public HashMap<String, String> resolverEnvironment = new HashMap<>();
    public ArrayList<Notes> notes = new ArrayList<>();
    /** Where the integration stands between its verify runs; null to integrate in one go. */
    public io.jenkins.plugins.dispatchplan.run.IntegrationProgress progress;

    public IntegrationSetup(String repository, String feature, String baseCommit, List<Branch> branches, boolean stopOnConflict) {
        this.repository = repository;
        this.feature = feature;
        this.baseCommit = baseCommit;
        this.branches = new ArrayList<>(branches);
        this.stopOnConflict = stopOnConflict;
    }
}
