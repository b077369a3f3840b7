package io.jenkins.plugins.dispatchplan.config;

import io.jenkins.plugins.dispatchplan.steps.WorkstreamData;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.PlanData;
import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's settings: the {@code dispatchPlan}/{@code readDispatchPlan} options over the global defaults.
 * Kept on the run (in {@link DispatchPlanAction}) so the later steps of the build use the same ones.
 */
public final class RunSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Workspace directory where the Plan stage writes plan.json and the graph, archived from there. */
    public static final String ARTIFACTS_DIR = ".dispatch-plan";
    static final String PLAN_ARTIFACTS = "plan.json,plan.mmd,plan.dot";

    public static final int DEFAULT_PORT_SPAN = 10;

    String label;
    int maxParallel;
    boolean failFast;
    public static final String RERUN_UNFINISHED = "unfinished";
    public static final String RERUN_ALL = "all";

    WorkerConfig worker;
    String credentialsId;
    String repository;
    public String baseCommit;
    String baseBranch;
    String gitCredentialsId;
    boolean push;
    String verify;
    boolean verifyEach;
    /** The worker a conflicting merge is handed to; null to leave a conflicting branch out. */
    WorkerConfig resolveConflicts;
    boolean resolverMayEditOtherFiles;
    /** 0: the engine's default (20). */
    int resolverTimeoutMinutes;
    int timeoutMinutes;
    /** 0: no limit (also what a build recorded before the option existed reads back as). */
    int idleTimeoutMinutes;
    boolean keepWorktrees;
    /** The run cap in USD; 0 (also a build from before the option) for none. */
    double maxTotalBudgetUsd;
    /** 0 in a build from before the option: the default then. */
    int rateLimitQuietSeconds;
    /** {@link #RERUN_UNFINISHED} or {@link #RERUN_ALL}; null (a build from before the option) reads as the first. */
    String rerun;
    Integer basePort;
    int portSpan = DEFAULT_PORT_SPAN;
    String setup;
    ArrayList<String> include = new ArrayList<>();
    /** Branch prefixes a plan may use besides {@code <feature>/}. */
    ArrayList<String> allowedBranchPrefixes = new ArrayList<>();
    /** Agent labels a plan's workstream may ask for besides the run's. */
    ArrayList<String> allowedLabels = new ArrayList<>();

    /** The step's options, each falling back to the global default when not given. */
    public static RunSettings of(ReadPlanStep step, RunDefaults defaults) {
        RunSettings s = new RunSettings();
        s.label = step.getLabel() != null ? step.getLabel() : defaults.getLabel();
        s.maxParallel = step.getMaxParallel() != null ? step.getMaxParallel() : defaults.getMaxParallel();
        s.failFast = step.isFailFast();
        s.worker = step.getWorker() != null ? step.getWorker() : defaults.getWorker();
        s.credentialsId = step.getCredentialsId() != null ? step.getCredentialsId() : defaults.getCredentialsId();
        s.repository = step.getRepository();
        s.baseCommit = step.getBaseCommit();
        s.baseBranch = step.getBaseBranch();
        s.gitCredentialsId = step.getGitCredentialsId();
        s.push = step.isPush();
        s.verify = step.getVerify();
        s.verifyEach = step.isVerifyEach();
        s.resolveConflicts = step.getResolveConflicts();
        s.resolverMayEditOtherFiles = step.isResolverMayEditOtherFiles();
        s.resolverTimeoutMinutes = step.getResolverTimeoutMinutes() == null ? 0 : step.getResolverTimeoutMinutes();
        s.timeoutMinutes = step.getTimeoutMinutes() != null ? step.getTimeoutMinutes() : defaults.getTimeoutMinutes();
        s.idleTimeoutMinutes = step.getIdleTimeoutMinutes() != null ? step.getIdleTimeoutMinutes()
                : defaults.getIdleTimeoutMinutes();
        s.keepWorktrees = step.getKeepWorktrees() != null ? step.getKeepWorktrees() : defaults.isKeepWorktrees();
        s.maxTotalBudgetUsd = step.getMaxTotalBudgetUsd() != null ? step.getMaxTotalBudgetUsd()
                : defaults.getMaxTotalBudgetUsd();
        s.rateLimitQuietSeconds = step.getRateLimitQuietSeconds() != null ? step.getRateLimitQuietSeconds()
                : defaults.getRateLimitQuietSeconds();
        s.rerun = step.getRerun() != null ? step.getRerun() : RERUN_UNFINISHED;
        s.basePort = step.getBasePort();
        s.portSpan = step.getPortSpan();
        s.setup = step.getSetup();
        s.include = new ArrayList<>(step.includePatterns());
        s.allowedBranchPrefixes = new ArrayList<>(step.getAllowedBranchPrefixes());
        s.allowedLabels = new ArrayList<>(step.getAllowedLabels());
        return s;
    }

    /** The plan with these settings applied, as the Pipeline sees it. */
    public PlanData apply(Plan plan, String artifactsDir) {
        List<WorkstreamData> workstreams = new ArrayList<>();
        for (Workstream w : plan.workstreams()) {
            if (w.id().equals("failFast")) {
                // parallel() reads that key as its own option, so it can never name a branch.
                throw new IllegalArgumentException("a workstream cannot be called 'failFast': parallel reserves that name; rename it in the plan");
            }
            String branch = w.branch() != null ? w.branch() : plan.feature() + "/" + w.id();
            String wsLabel = w.label() != null ? w.label() : label;
            int timeout = w.timeoutMinutes() != null ? w.timeoutMinutes() : timeoutMinutes;
            workstreams.add(new WorkstreamData(w, branch, wsLabel, timeout));
        }
        String apiKeyVariable = worker == null ? null : worker.getApiKeyVariable();
        return new PlanData(plan.feature(), plan.title(), effectiveBaseBranch(plan), workstreams, plan.warnings(),
                label, credentialsId, apiKeyVariable, artifactsDir, artifactsDir == null ? null : PLAN_ARTIFACTS);
    }

    String effectiveBaseBranch(Plan plan) {
        return baseBranch != null ? baseBranch : plan.baseBranch();
    }

    public String getLabel() {
        return label;
    }

    public int getMaxParallel() {
        return maxParallel;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public WorkerConfig getWorker() {
        return worker;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getRepository() {
        return repository;
    }

    public String getBaseCommit() {
        return baseCommit;
    }

    public String getBaseBranch() {
        return baseBranch;
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    public boolean isPush() {
        return push;
    }

    public String getVerify() {
        return verify;
    }

    public boolean isVerifyEach() {
        return verifyEach;
    }

    public WorkerConfig getResolveConflicts() {
        return resolveConflicts;
    }

    public boolean isResolverMayEditOtherFiles() {
        return resolverMayEditOtherFiles;
    }

    public int getResolverTimeoutMinutes() {
        return resolverTimeoutMinutes;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    public int getIdleTimeoutMinutes() {
        return idleTimeoutMinutes;
    }

    /** The run cap in USD; null for none. */
    public Double getMaxTotalBudgetUsd() {
        return maxTotalBudgetUsd > 0 ? maxTotalBudgetUsd : null;
    }

    public int getRateLimitQuietSeconds() {
        return rateLimitQuietSeconds > 0 ? rateLimitQuietSeconds : RunDefaults.DEFAULT_RATE_LIMIT_QUIET_SECONDS;
    }

    /** True when even what an earlier build finished runs again ({@code rerun: 'all'}). */
    public boolean isRerunAll() {
        return RERUN_ALL.equals(rerun);
    }

    public String getRerun() {
        return rerun == null ? RERUN_UNFINISHED : rerun;
    }

    public boolean isKeepWorktrees() {
        return keepWorktrees;
    }

    public Integer getBasePort() {
        return basePort;
    }

    public int getPortSpan() {
        return portSpan;
    }

    public String getSetup() {
        return setup;
    }

    public List<String> getInclude() {
        return new ArrayList<>(include);
    }
}
