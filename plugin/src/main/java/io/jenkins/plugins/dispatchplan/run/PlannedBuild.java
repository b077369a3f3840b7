package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamSetup;

import hudson.AbortException;
import hudson.model.Run;
import io.dispatchplan.git.Sha;
import io.dispatchplan.graph.WorkstreamState;
import java.util.Map;

/** This build's plan, settings and schedule, as {@code readDispatchPlan} recorded them on the Run. */
public final class PlannedBuild {
    public final Run<?, ?> run;
    public final DispatchPlanAction action;
    public final ScheduleState schedule;

    private PlannedBuild(Run<?, ?> run, DispatchPlanAction action, ScheduleState schedule) {
        this.run = run;
        this.action = action;
        this.schedule = schedule;
    }

    public static PlannedBuild of(Run<?, ?> run, String stepName) throws AbortException {
        DispatchPlanAction action = run.getAction(DispatchPlanAction.class);
        ScheduleState schedule = run.getAction(ScheduleState.class);
        if (action == null || schedule == null) {
            throw new AbortException(stepName + ": this build has no plan yet; call readDispatchPlan first (dispatchPlan does)");
        }
        return new PlannedBuild(run, action, schedule);
    }

    /** What the agent needs for workstream {@code id}, with the RESULTS.md its dependencies delivered. */
    public WorkstreamSetup setup(String id, String stepName) throws AbortException {
        return setup(action, run.getParent().getFullName(), id, stepName);
    }

    /** What the agent needs for workstream {@code id} of job {@code job}, from the build's record {@code action}. */
    public static WorkstreamSetup setup(DispatchPlanAction action, String job, String id, String stepName)
            throws AbortException {
        RunSettings s = action.settings();
        if (s.getRepository() == null || s.getBaseCommit() == null) {
            throw new AbortException(stepName + ": this build's plan names no repository and base commit;"
                    + " pass readDispatchPlan repository: and baseCommit: (dispatchPlan takes both from checkout scm)");
        }
        WorkstreamRecord row = action.workstream(id);
        java.util.Map<String, String> dependencyResults = new java.util.HashMap<>();
        java.util.ArrayList<WorkstreamSetup.DependencyHead> dependencies = new java.util.ArrayList<>();
        for (String dependency : row.getDependsOn()) {
            WorkstreamRecord done = action.workstream(dependency);
            String results = done.resultsMarkdown();
            if (results != null) {
                dependencyResults.put(dependency, results);
            }
            if (done.getHeadSha() != null) {
                dependencies.add(new WorkstreamSetup.DependencyHead(dependency, done.getBranch(),
                        Sha.requireFull(done.getHeadSha(), "the recorded head of " + dependency), "UNSTABLE".equals(done.getStatus())));
            }
        }
        WorkstreamSetup setup = new WorkstreamSetup(job, action.getPlanJson(), action.getFeature(), id,
                row.getTitle(), row.getBranch(), s.getRepository(), s.getBaseCommit(), s.getWorker(), dependencyResults);
        setup.dependencies = dependencies;
        setup.keepWorktree = s.isKeepWorktrees();
        setup.idleTimeoutSeconds = s.getIdleTimeoutMinutes() * 60;
        setup.index = action.getWorkstreams().indexOf(row);
        setup.basePort = s.getBasePort();
        setup.portSpan = s.getPortSpan();
        setup.setupScript = s.getSetup();
        setup.include = new java.util.ArrayList<>(s.getInclude());
        setup.push = s.isPush();
        PriorOutcome prior = row.getPrior();
        if (prior != null) {
            setup.priorHead = prior.getHeadSha() == null ? null
                    : Sha.requireFull(prior.getHeadSha(), "the head build #" + prior.getBuild() + " recorded for " + id);
            setup.priorBase = prior.getBaseCommit();
            setup.priorBuild = prior.getBuild();
            setup.priorSucceeded = prior.succeeded() && !s.isRerunAll();
        }
        if (row.getCarriedFromBuild() != null) {
            setup.carriedHead = row.getHeadSha();
            setup.carriedCommits = row.getCommits();
            setup.carriedReason = row.getReason();
        }
        return setup;
    }

    /** Copies the scheduler's skips onto the run page's rows. */
    public void recordSkips(long now) {
        for (Map.Entry<String, WorkstreamState> e : schedule.states().entrySet()) {
            WorkstreamRecord row = action.workstream(e.getKey());
            if (e.getValue() == WorkstreamState.SKIPPED && !row.getStatus().equals("SKIPPED")) {
                row.ended("SKIPPED", schedule.reason(e.getKey()), now);
            }
        }
    }
}
