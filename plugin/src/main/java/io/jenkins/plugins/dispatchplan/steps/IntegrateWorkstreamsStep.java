package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.run.IntegrationRecord;
import io.jenkins.plugins.dispatchplan.run.IntegrationRuns;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.config.Text;
import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;
import io.jenkins.plugins.dispatchplan.agent.GitAccess;
import io.jenkins.plugins.dispatchplan.agent.IntegrationBundle;
import io.jenkins.plugins.dispatchplan.agent.IntegrationSetup;
import io.dispatchplan.report.ScheduleSummary;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.tasks.TaskTemplates;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.config.WorkerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code integrateWorkstreams()}, inside {@code node}: merges every workstream that succeeded (and every
 * unstable one, flagged) into {@code <feature>/integration} from the base commit, in dependency order,
 * each {@code --no-ff} after a {@code git merge-tree} check; a conflicting branch is left out and reported
 * with its files, or handed to the {@code resolveConflicts} worker. Failed and skipped workstreams are not merged;
 * their branches stay for inspection.
 *
 * <p>With a verify command, the step returns each verify run it needs ({@link IntegrationReport#getVerifyScript()})
 * for the Pipeline to make as a durable {@code sh} and record ({@code recordVerification}); called again, it goes on
 * from the state kept with the build (finding the merges that break verify, or verifying after each merge), until it
 * returns the outcome.
 */
public final class IntegrateWorkstreamsStep extends Step {
    private String onConflict = "skip";
    private Boolean verifyEach;
    private WorkerConfig resolveConflicts;
    private Boolean resolverMayEditOtherFiles;

    @DataBoundConstructor
    public IntegrateWorkstreamsStep() {
    }

    public String getOnConflict() {
        return onConflict;
    }

    /** {@code skip} (default): leave a conflicting branch out and go on; {@code stop}: merge nothing after it. */
    @DataBoundSetter
    public void setOnConflict(String onConflict) {
        String v = Text.trimToNull(onConflict);
        v = v == null ? "skip" : v.toLowerCase(Locale.ROOT);
        if (!v.equals("skip") && !v.equals("stop")) {
            throw new IllegalArgumentException("integrateWorkstreams: onConflict must be 'skip' or 'stop', not '" + onConflict + "'");
        }
        this.onConflict = v;
    }

    public Boolean getVerifyEach() {
        return verifyEach;
    }

    /** Verify after every merge, undoing a merge that makes it fail; default: the run's {@code verifyEach}. */
    @DataBoundSetter
    public void setVerifyEach(Boolean verifyEach) {
        this.verifyEach = verifyEach;
    }

    public WorkerConfig getResolveConflicts() {
        return resolveConflicts;
    }

    /** The worker a conflicting merge is handed to; default: the run's {@code resolveConflicts}, else none. */
    @DataBoundSetter
    public void setResolveConflicts(WorkerConfig resolveConflicts) {
        this.resolveConflicts = resolveConflicts;
    }

    public Boolean getResolverMayEditOtherFiles() {
        return resolverMayEditOtherFiles;
    }

    /** Accept a resolution that changed files outside the conflicted ones; default: the run's setting (no). */
    @DataBoundSetter
    public void setResolverMayEditOtherFiles(Boolean resolverMayEditOtherFiles) {
        this.resolverMayEditOtherFiles = resolverMayEditOtherFiles;
    }

    /**
     * The step's options over the run's settings: verify, verify after each merge, and the conflict resolver with its
     * API key (looked up on the controller, held in memory only) and the notes of each workstream for its prompt.
     */
    void configure(IntegrationSetup setup, RunSettings settings, Plan plan, DispatchPlanAction action,
            String apiKey) {
        setup.verify = settings.getVerify();
        setup.verifyEach = verifyEach != null ? verifyEach : settings.isVerifyEach();
        if (setup.verifyEach && setup.verify == null) {
            throw new IllegalArgumentException("integrateWorkstreams: verifyEach: true needs the run's verify command"
                    + " (readDispatchPlan/dispatchPlan verify: 'mvn -B verify')");
        }
        setup.resolver = resolveConflicts != null ? resolveConflicts : settings.getResolveConflicts();
        if (setup.resolver == null) {
            return;
        }
        setup.resolverMayEditOtherFiles = resolverMayEditOtherFiles != null ? resolverMayEditOtherFiles
                : settings.isResolverMayEditOtherFiles();
        setup.resolverTimeoutMinutes = settings.getResolverTimeoutMinutes();
        String variable = setup.resolver.getApiKeyVariable();
        if (apiKey != null && variable != null) {
            setup.resolverEnvironment.put(variable, apiKey);
        }
        TaskFiles tasks = new TaskFiles(plan, TaskTemplates.builtIn());
        for (WorkstreamRecord row : action.getWorkstreams()) {
            setup.notes.add(new IntegrationSetup.Notes(row.getId(), tasks.tasks(row.getId(),
                    dependency -> java.util.Optional.ofNullable(action.workstream(dependency).resultsMarkdown()),
                    "COORDINATION.md", List.of()), row.resultsMarkdown()));
        }
    }

    /** Which branches to merge, in dependency order, and the lines for those left out. */
    public record Selection(List<IntegrationSetup.Branch> branches, List<String> leftOut) {
    }

    public static Selection select(DispatchPlanAction action, List<String> dependencyOrder) {
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String id : dependencyOrder) {
            WorkstreamRecord row = action.workstream(id);
            String status = row.getStatus();
            if (status.equals("SUCCEEDED") || status.equals("UNSTABLE")) {
                IntegrationSetup.Branch branch = new IntegrationSetup.Branch(id, row.getBranch(), status.equals("UNSTABLE"),
                        row.getHeadSha(), row.getCommits());
                branch.dependsOn = new ArrayList<>(row.getDependsOn());
                branches.add(branch);
            } else {
                leftOut.add(id + ": " + status.toLowerCase(Locale.ROOT) + (row.getReason() == null ? "" : " (" + row.getReason() + ")"));
            }
        }
        return new Selection(branches, leftOut);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** The record of an integration that failed with {@code e}: its message (what the user sees), masked and capped. */
    static IntegrationRecord failure(String feature, Exception e, Secrets secrets) {
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return IntegrationRecord.failed(feature + "/integration", Text.cap(secrets.mask(why)));
    }

    /** The verify and resolver runs the agent reported, as the controller keeps them: checked, masked, capped. */
    static IntegrationRuns ranOnController(IntegrationReport report, Secrets secrets) {
        IntegrationRuns made = report.takeRuns();
        return made == null ? null : made.checked(secrets);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<IntegrationReport> {
        private static final long serialVersionUID = 1L;

        private final transient IntegrateWorkstreamsStep step;

        Execution(IntegrateWorkstreamsStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected IntegrationReport run() throws Exception {
            try {
                return integrate();
            } catch (Exception e) {
                try {
                    recordFailure(e);
                } catch (Exception notRecorded) {
                    e.addSuppressed(notRecorded);
                }
                throw e;
            }
        }

        /** So the run page says the integration ran and failed, and why, instead of that it has not run. */
        private void recordFailure(Exception e) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            DispatchPlanAction action = run.getAction(DispatchPlanAction.class);
            if (action == null) {
                return;
            }
            action.integration(failure(action.getFeature(), e, RunSecrets.of(run, action.settings())));
            run.save();
        }

        private IntegrationReport integrate() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            PlannedBuild build = PlannedBuild.of(run, "integrateWorkstreams");
            RunSettings settings = build.action.settings();
            if (settings.getRepository() == null || settings.getBaseCommit() == null) {
                throw new AbortException("integrateWorkstreams: this build's plan names no repository and base commit;"
                        + " pass readDispatchPlan repository: and baseCommit:");
            }
            Plan plan;
            try {
                plan = PlanReader.parse(build.action.getPlanJson(), "plan.json",
                        PlanOptions.defaults().withFeature(build.action.getFeature()));
            } catch (PlanException e) {
                throw new AbortException("integrateWorkstreams: " + e.getMessage());
            }
            Selection selection = select(build.action, DependencyGraph.of(plan).topologicalOrder());
            FilePath cacheRoot = GitAccess.cacheRoot(getContext(), "integrateWorkstreams");
            RemoteFetcher fetcher = GitAccess.fetcher(getContext(), run, settings.getGitCredentialsId(), "integrateWorkstreams");
            IntegrationSetup setup = new IntegrationSetup(settings.getRepository(), build.action.getFeature(),
                    settings.getBaseCommit(), selection.branches(), step.getOnConflict().equals("stop"));
            setup.planTitle = build.action.getTitle();
            setup.job = run.getParent().getFullName();
            setup.startedAt = run.getStartTimeInMillis();
            setup.schedule = new ScheduleSummary(build.schedule.budget(), build.schedule.concurrencyChanges());
            EnvVars env = getContext().get(EnvVars.class);
            setup.buildUrl = env == null ? null : env.get("BUILD_URL");
            for (WorkstreamRecord row : build.action.getWorkstreams()) {
                setup.rows.add(new IntegrationSetup.Row(row));
            }
            try {
                RunSecrets.Bound key = RunSecrets.bound(run, settings);
                step.configure(setup, settings, plan, build.action, key == null ? null : key.value());
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            setup.progress = build.action.integrationProgress(System.currentTimeMillis());
            IntegrationReport report = getContext().get(FilePath.class).act(
                    new AgentCallables.Integrate(setup, cacheRoot.getRemote(), fetcher,
                            GitAccess.pusher(getContext(), run, settings, "integrateWorkstreams")));
            // Kept with the build before anything else: the verify runs so far must survive a restart.
            build.action.integrationProgress(report.takeProgress());
            run.save();
            if (report.getVerifyScript() != null) {
                listener.getLogger().println(report.getVerifyLabel() + ", at " + report.getHeadSha()
                        + ": run it, record its status (recordVerification) and call integrateWorkstreams again");
                return report;
            }
            List<String> problems = new ArrayList<>();
            if (!report.getNotMerged().isEmpty()) {
                problems.add("not merged: " + String.join("; ", report.getNotMerged()));
            }
            if (report.getPushProblem() != null) {
                problems.add(report.getPushProblem());
            }
            if (Boolean.FALSE.equals(report.getVerifyPassed())) {
                problems.add("verify fails on " + report.getBranch() + " (exit status " + report.verifyExitStatus() + ")"
                        + (report.getVerifyMessage() == null ? "" : ": " + report.getVerifyMessage()));
            }
            String reason = problems.isEmpty() ? null : String.join("; ", problems);
            report.withRun(settings.getVerify(), reason);
            List<String> notMerged = new ArrayList<>(selection.leftOut());
            notMerged.addAll(report.getNotMerged());
            String status = report.isStopped() ? "STOPPED" : notMerged.isEmpty() ? "COMPLETE" : "PARTIAL";
            IntegrationRecord record = new IntegrationRecord(report.getBranch(), report.getMerged(), notMerged, status,
                    "integration/INTEGRATION.md");
            if (report.verifyExitStatus() != null) {
                record.verified(report.verifyExitStatus());
            }
            record.runs(ranOnController(report, RunSecrets.of(run, settings)));
            // Built here, not taken from the agent's answer: the bundle's path is ours, the branch name checked.
            String fetch = report.getBundle() == null || !io.dispatchplan.git.BranchName.isValid(report.getBranch()) ? null
                    : IntegrationBundle.fetchCommand(setup.buildUrl, report.getBranch());
            if (settings.isPush() && report.getPushProblem() == null) {
                fetch = "git fetch " + io.dispatchplan.git.GitException.redact(settings.getRepository()) + " "
                        + report.getBranch() + ":" + report.getBranch();
            }
            record.reachableBy(report.getBundle() == null ? null : IntegrationBundle.ARTIFACT, fetch);
            build.action.integration(record);
            Computer computer = getContext().get(Computer.class);
            run.save();
            listener.getLogger().println("integration branch " + report.getBranch() + " at " + report.getHeadSha()
                    + (computer == null ? "" : " on " + computer.getDisplayName()) + ": merged " + report.getMerged()
                    + (notMerged.isEmpty() ? "" : "; not merged: " + String.join("; ", notMerged)));
            if (fetch != null) {
                listener.getLogger().println("to get it: " + fetch);
            }
            return report;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "integrateWorkstreams";
        }

        @Override
        public String getDisplayName() {
            return "Merge the workstream branches into the integration branch";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Computer.class, EnvVars.class);
        }
    }
}
