package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.config.RunSettings;

import hudson.model.Api;
import hudson.model.Run;
import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.report.PlanJson;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The run page of a dispatched plan: the summary table (status, reason, agent, duration, cost, session,
 * RESULTS.md), the plan graph with each workstream's state, and the integration report; the same data
 * at {@code .../dispatch-plan/api/json}. It hangs off the build, so it is visible exactly to those who
 * may read the build. All text from the plan is escaped by the views.
 */
@ExportedBean
public final class DispatchPlanAction implements RunAction2 {
    static final String URL_NAME = "dispatch-plan";

    private final String feature;
    private final String title;
    private final String source;
    private final String planJson;
    private final RunSettings settings;
    private final ArrayList<WorkstreamRecord> workstreams = new ArrayList<>();
    private final ArrayList<ArrayList<String>> waves = new ArrayList<>();
    private final ArrayList<String> warnings;
    private IntegrationRecord integration;
    /** Where the integration stands between its verify runs; saved with the build. */
    private IntegrationProgress integrationProgress;

    private transient Run<?, ?> run;

    public DispatchPlanAction(Plan plan, RunSettings settings) {
        this.feature = plan.feature();
        this.title = plan.title();
        this.source = plan.source();
        this.planJson = PlanJson.write(plan);
        this.settings = settings;
        for (Workstream w : plan.workstreams()) {
            workstreams.add(new WorkstreamRecord(w, w.branch() != null ? w.branch() : plan.feature() + "/" + w.id()));
        }
        for (List<String> wave : DependencyGraph.of(plan).waves()) {
            waves.add(new ArrayList<>(wave));
        }
        this.warnings = new ArrayList<>(plan.warnings());
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "Dispatch Plan";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** {@code .../dispatch-plan/api/json}. */
    public Api getApi() {
        return new Api(this);
    }

    @Exported
    public String getFeature() {
        return feature;
    }

    @Exported
    public String getTitle() {
        return title;
    }

    @Exported
    public String getSource() {
        return source;
    }

    @Exported
    public int getMaxParallel() {
        return settings.getMaxParallel();
    }

    @Exported
    public boolean isFailFast() {
        return settings.isFailFast();
    }

    @Exported
    public String getWorker() {
        return settings.getWorker() == null ? null : settings.getWorker().getKind();
    }

    @Exported(inline = true)
    public List<WorkstreamRecord> getWorkstreams() {
        return List.copyOf(workstreams);
    }

    /** Workstreams grouped so each depends only on earlier groups: the columns of the graph. */
    @Exported
    public List<List<String>> getWaves() {
        List<List<String>> copy = new ArrayList<>();
        for (List<String> wave : waves) {
            copy.add(List.copyOf(wave));
        }
        return copy;
    }

    @Exported
    public List<String> getWarnings() {
        return List.copyOf(warnings);
    }

    @Exported(inline = true)
    public IntegrationRecord getIntegration() {
        return integration;
    }

    /** The normalized plan, as archived in plan.json. */
    public String getPlanJson() {
        return planJson;
    }

    public RunSettings settings() {
        return settings;
    }

    public WorkstreamRecord workstream(String id) {
        for (WorkstreamRecord w : workstreams) {
            if (w.getId().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no workstream '" + id + "' in this build's plan");
    }

    /** The run cap in USD, or null when the run has none. */
    @Exported
    public Double getBudgetCapUsd() {
        return budget() == null ? null : budget().capUsd();
    }

    /** What this build's workers spent (a resumed conversation counts only what it spent in this build). */
    @Exported
    public double getBudgetSpentUsd() {
        return budget() == null ? 0 : budget().spentUsd();
    }

    /** What the running workstreams may still spend, as reserved when they started. */
    @Exported
    public double getBudgetReservedUsd() {
        return budget() == null ? 0 : budget().reservedUsd();
    }

    /** {@code $0.08 spent, $0.05 reserved, cap $0.12}; null when the run has no cap and spent nothing. */
    public String getBudgetText() {
        BudgetSummary budget = budget();
        return budget == null || !budget.worthShowing() ? null : budget.describe();
    }

    /** How many workers start at once now: maxParallel, or less while rate limits hold it down. */
    @Exported
    public int getConcurrencyLimit() {
        ScheduleState schedule = schedule();
        return schedule == null ? settings.getMaxParallel() : schedule.concurrencyLimit();
    }

    /** Each change the rate-limit governor made, oldest first: {@code <time>: rate limit: starting at most ...}. */
    @Exported
    public List<String> getConcurrencyChanges() {
        ScheduleState schedule = schedule();
        List<String> lines = new ArrayList<>();
        if (schedule != null) {
            schedule.concurrencyChanges().forEach(c -> lines.add(c.at() + ": " + c.describe()));
        }
        return lines;
    }

    private ScheduleState schedule() {
        return run == null ? null : run.getAction(ScheduleState.class);
    }

    private BudgetSummary budget() {
        ScheduleState schedule = schedule();
        return schedule == null ? null : schedule.budget();
    }

    /** What the run page shows, from this action's exported data and the build's archived files (listed once). */
    public RunPageView getView() {
        List<String> archived = new ArrayList<>();
        for (var artifact : run.getArtifacts()) {
            archived.add(artifact.relativePath);
        }
        return RunPageView.of(this, run.getUrl(), archived, run.isBuilding());
    }

    /** Counts by status, for the build page summary: {@code 3 succeeded, 1 failed, 1 skipped}. */
    public String getStatusCounts() {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (WorkstreamRecord w : workstreams) {
            counts.merge(w.getStatus().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> parts.add(n + " " + status));
        return String.join(", ", parts);
    }

    public synchronized void integration(IntegrationRecord record) {
        this.integration = record;
    }

    /** This build's integration state, begun now when there is none yet. */
    public synchronized IntegrationProgress integrationProgress(long now) {
        if (integrationProgress == null) {
            integrationProgress = new IntegrationProgress(now);
        }
        return integrationProgress;
    }

    public synchronized void integrationProgress(IntegrationProgress state) {
        this.integrationProgress = state;
    }

    /** This build's integration state; null before the integration began. */
    public synchronized IntegrationProgress getIntegrationProgress() {
        return integrationProgress;
    }
}
