package io.jenkins.plugins.dispatchplan.steps;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * What {@code readDispatchPlan} returns: the validated plan with this run's settings applied, in plain
 * serializable fields (it is kept in the Pipeline program's saved state). Only getters, all
 * {@code @Whitelisted} so a sandboxed Jenkinsfile can read them; nothing here acts on anything.
 */
public final class PlanData implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String feature;
    private final String title;
    private final String baseBranch;
    private final ArrayList<WorkstreamData> workstreams;
    private final ArrayList<String> warnings;
    private final String integrationLabel;
    private final String credentialsId;
    private final String apiKeyVariable;
    private final String artifactsDir;
    private final String planArtifacts;

    public PlanData(String feature, String title, String baseBranch, List<WorkstreamData> workstreams, List<String> warnings,
            String integrationLabel, String credentialsId, String apiKeyVariable, String artifactsDir, String planArtifacts) {
        this.feature = feature;
        this.title = title;
        this.baseBranch = baseBranch;
        this.workstreams = new ArrayList<>(workstreams);
        this.warnings = new ArrayList<>(warnings);
        this.integrationLabel = integrationLabel;
        this.credentialsId = credentialsId;
        this.apiKeyVariable = apiKeyVariable;
        this.artifactsDir = artifactsDir;
        this.planArtifacts = planArtifacts;
    }

    @Whitelisted
    public String getFeature() {
        return feature;
    }

    @Whitelisted
    public String getTitle() {
        return title;
    }

    @Whitelisted
    public String getBaseBranch() {
        return baseBranch;
    }

    /** In plan order. */
    @Whitelisted
    public List<WorkstreamData> getWorkstreams() {
        return new ArrayList<>(workstreams);
    }

    @Whitelisted
    public List<String> getIds() {
        return new ArrayList<>(workstreams.stream().map(WorkstreamData::getId).toList());
    }

    /** The workstream with this id. */
    @Whitelisted
    public WorkstreamData workstream(String id) {
        for (WorkstreamData w : workstreams) {
            if (w.getId().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no workstream '" + id + "' in plan " + feature + "; its ids are " + getIds());
    }

    /** What the reader changed or guessed, e.g. a dependency cycle it broke. */
    @Whitelisted
    public List<String> getWarnings() {
        return new ArrayList<>(warnings);
    }

    /** Agent label of the Plan and Integration stages; null for any agent. */
    @Whitelisted
    public String getIntegrationLabel() {
        return integrationLabel;
    }

    /** Secret text credential bound to the worker's API key variable; null for none. */
    @Whitelisted
    public String getCredentialsId() {
        return credentialsId;
    }

    @Whitelisted
    public String getApiKeyVariable() {
        return apiKeyVariable;
    }

    /** Workspace directory holding plan.json and the graph pictures, to archive from. */
    @Whitelisted
    public String getArtifactsDir() {
        return artifactsDir;
    }

    /** The {@code archiveArtifacts} pattern for them, relative to {@link #getArtifactsDir()}. */
    @Whitelisted
    public String getPlanArtifacts() {
        return planArtifacts;
    }

    @Override
    public String toString() {
        return feature + " " + getIds();
    }
}
