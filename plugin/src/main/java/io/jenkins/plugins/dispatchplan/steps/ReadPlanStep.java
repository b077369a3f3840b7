package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.agent.PlanNormalizing;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.config.WorkerConfig;
import io.jenkins.plugins.dispatchplan.config.DispatchPlanConfiguration;
import io.jenkins.plugins.dispatchplan.config.PlanPolicy;
import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.config.CredentialPickers;
import io.jenkins.plugins.dispatchplan.config.GlobalDefaultChoice;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.run.EarlierBuilds;
import io.jenkins.plugins.dispatchplan.config.Text;
import io.jenkins.plugins.dispatchplan.run.ScheduleState;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;
import io.jenkins.plugins.dispatchplan.agent.RepositoryPlanSource;
import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;
import io.jenkins.plugins.dispatchplan.agent.GitAccess;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.report.PlanGraphPicture;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.report.PlanText;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code readDispatchPlan}: reads and validates a plan (a file in the workspace, or text), records it
 * and this run's settings on the build for the steps that follow, writes {@code plan.json} and the
 * graph (Mermaid, DOT) under {@code .dispatch-plan/} in the workspace, and returns the plan.
 */
public final class ReadPlanStep extends Step {
    private String plan;
    private String text;
    private String feature;
    private boolean strictCycles;
    private boolean normalize;
    private String granularity = "auto";
    private String rerun;
    private String label;
    private Integer maxParallel;
    private boolean failFast;
    private WorkerConfig worker;
    private String credentialsId;
    private String repository;
    private String baseCommit;
    private String baseBranch;
    private String gitCredentialsId;
    private boolean push;
    private String verify;
    private boolean verifyEach;
    private WorkerConfig resolveConflicts;
    private boolean resolverMayEditOtherFiles;
    private Integer resolverTimeoutMinutes;
    private Integer timeoutMinutes;
    private Integer idleTimeoutMinutes;
    private Double maxTotalBudgetUsd;
    private Integer rateLimitQuietSeconds;
    private Boolean keepWorktrees;
    private Integer basePort;
    private int portSpan = RunSettings.DEFAULT_PORT_SPAN;
    private String setup;
    private String include;
    private java.util.ArrayList<String> allowedBranchPrefixes;
    private java.util.ArrayList<String> allowedLabels;

    @DataBoundConstructor
    public ReadPlanStep() {
    }

    public String getPlan() {
        return plan;
    }

    /** Path of the plan file, relative to the workspace (the repository checked out there). */
    @DataBoundSetter
    public void setPlan(String plan) {
        this.plan = Text.trimToNull(plan);
    }

    public String getText() {
        return text;
    }

    /** The plan itself (Markdown, YAML or JSON), instead of a file. */
    @DataBoundSetter
    public void setText(String text) {
        this.text = text == null || text.isBlank() ? null : text;
    }

    public String getFeature() {
        return feature;
    }

    @DataBoundSetter
    public void setFeature(String feature) {
        this.feature = Text.trimToNull(feature);
    }

    public boolean isStrictCycles() {
        return strictCycles;
    }

    /** Fail on a dependency cycle instead of breaking it by the plan's own order. */
    @DataBoundSetter
    public void setStrictCycles(boolean strictCycles) {
        this.strictCycles = strictCycles;
    }

    public boolean isNormalize() {
        return normalize;
    }

    /**
     * Let the run's Claude worker write the plan from the document (one call, its answer validated like any plan),
     * kept beside it in the workspace as {@code <name>.plan.json}; the same text again is read from that file.
     */
    @DataBoundSetter
    public void setNormalize(boolean normalize) {
        this.normalize = normalize;
    }

    public String getGranularity() {
        return granularity;
    }

    public String getRerun() {
        return rerun;
    }

    /**
     * Which workstreams a later build of the job runs again: {@code unfinished} (the default: those that did not
     * succeed; one whose branch is still at the head an earlier build recorded is done) or {@code all}.
     */
    @DataBoundSetter
    public void setRerun(String rerun) {
        String r = Text.trimToNull(rerun);
        r = r == null ? null : r.toLowerCase(Locale.ROOT);
        if (r != null && !r.equals(RunSettings.RERUN_UNFINISHED) && !r.equals(RunSettings.RERUN_ALL)) {
            throw new IllegalArgumentException("readDispatchPlan: rerun must be 'unfinished' (the default: what an"
                    + " earlier build finished is not run again) or 'all', not '" + rerun + "'");
        }
        this.rerun = r;
    }

    /** {@code auto} (top-level items) or {@code fine} (one workstream per sub-assignment). */
    @DataBoundSetter
    public void setGranularity(String granularity) {
        String g = Text.trimToNull(granularity);
        g = g == null ? "auto" : g.toLowerCase(Locale.ROOT);
        if (!g.equals("auto") && !g.equals("fine")) {
            throw new IllegalArgumentException("readDispatchPlan: granularity must be 'auto' or 'fine', not '" + granularity + "'");
        }
        this.granularity = g;
    }

    public String getLabel() {
        return label;
    }

    /** Agent label for every stage's node; a workstream's own {@code label} in the plan wins. */
    @DataBoundSetter
    public void setLabel(String label) {
        this.label = Text.trimToNull(label);
    }

    public Integer getMaxParallel() {
        return maxParallel;
    }

    @DataBoundSetter
    public void setMaxParallel(Integer maxParallel) {
        this.maxParallel = maxParallel == null ? null : RunDefaults.checkMaxParallel(maxParallel);
    }

    public boolean isFailFast() {
        return failFast;
    }

    /** After the first failure start nothing new (running workers finish); default: only dependents are skipped. */
    @DataBoundSetter
    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public WorkerConfig getWorker() {
        return worker;
    }

    @DataBoundSetter
    public void setWorker(WorkerConfig worker) {
        this.worker = worker;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Secret text credential with the worker's API key. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Text.trimToNull(credentialsId);
    }

    public String getRepository() {
        return repository;
    }

    /** Git URL (or local path) the workstreams start from; default: the repository of the Jenkinsfile. */
    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = Text.trimToNull(repository);
    }

    public String getBaseCommit() {
        return baseCommit;
    }

    /** Commit every workstream starts from; default: the tip of {@code baseBranch} when the Plan stage runs. */
    @DataBoundSetter
    public void setBaseCommit(String baseCommit) {
        String c = Text.trimToNull(baseCommit);
        if (c != null && !c.matches("[0-9a-fA-F]{7,64}")) {
            throw new IllegalArgumentException("readDispatchPlan: baseCommit must be a commit id (hex), not '" + baseCommit + "'");
        }
        this.baseCommit = c;
    }

    public String getBaseBranch() {
        return baseBranch;
    }

    @DataBoundSetter
    public void setBaseBranch(String baseBranch) {
        this.baseBranch = Text.trimToNull(baseBranch);
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    /** Credentials to fetch and push the repository; default: those of the Jenkinsfile's checkout. */
    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) {
        this.gitCredentialsId = Text.trimToNull(gitCredentialsId);
    }

    public boolean isPush() {
        return push;
    }

    /** Push workstream branches and the integration branch to the repository. */
    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    public String getVerify() {
        return verify;
    }

    /** Shell command run on the integration branch after the merges, e.g. {@code mvn -B verify}. */
    @DataBoundSetter
    public void setVerify(String verify) {
        this.verify = Text.trimToNull(verify);
    }

    public boolean isVerifyEach() {
        return verifyEach;
    }

    /** Run {@code verify} after every merge and undo a merge that makes it fail, instead of once after all merges. */
    @DataBoundSetter
    public void setVerifyEach(boolean verifyEach) {
        this.verifyEach = verifyEach;
    }

    public WorkerConfig getResolveConflicts() {
        return resolveConflicts;
    }

    /** The worker a conflicting merge is handed to: {@code claude(...)} or {@code command(...)}; none by default. */
    @DataBoundSetter
    public void setResolveConflicts(WorkerConfig resolveConflicts) {
        this.resolveConflicts = resolveConflicts;
    }

    public boolean isResolverMayEditOtherFiles() {
        return resolverMayEditOtherFiles;
    }

    /** Accept a resolution that also changed files outside the conflicted ones. */
    @DataBoundSetter
    public void setResolverMayEditOtherFiles(boolean resolverMayEditOtherFiles) {
        this.resolverMayEditOtherFiles = resolverMayEditOtherFiles;
    }

    public Integer getResolverTimeoutMinutes() {
        return resolverTimeoutMinutes;
    }

    /** Minutes one resolution may run before it is stopped and rejected; default 20. */
    @DataBoundSetter
    public void setResolverTimeoutMinutes(Integer resolverTimeoutMinutes) {
        if (resolverTimeoutMinutes != null && resolverTimeoutMinutes < 1) {
            throw new IllegalArgumentException("readDispatchPlan: resolverTimeoutMinutes must be at least 1, not "
                    + resolverTimeoutMinutes);
        }
        this.resolverTimeoutMinutes = resolverTimeoutMinutes;
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** Minutes a worker may run; a workstream's own {@code timeoutMinutes} in the plan wins; 0 for none. */
    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes == null ? null : RunDefaults.checkTimeout(timeoutMinutes);
    }

    public Integer getIdleTimeoutMinutes() {
        return idleTimeoutMinutes;
    }

    /**
     * Minutes a worker may print no event or output before its process tree is stopped; the attempt fails, retryable.
     * 0 for no limit; default from the global configuration (15).
     */
    @DataBoundSetter
    public void setIdleTimeoutMinutes(Integer idleTimeoutMinutes) {
        this.idleTimeoutMinutes = idleTimeoutMinutes == null ? null : RunDefaults.checkIdleTimeout(idleTimeoutMinutes);
    }

    public Double getMaxTotalBudgetUsd() {
        return maxTotalBudgetUsd;
    }

    /**
     * The whole run's spending cap in USD: a workstream starts only when its reservation (the worker's
     * {@code maxBudgetUsd}, else an even share of this) fits beside what the run spent and reserved. 0 for none;
     * default from the global configuration.
     */
    @DataBoundSetter
    public void setMaxTotalBudgetUsd(Double maxTotalBudgetUsd) {
        this.maxTotalBudgetUsd = maxTotalBudgetUsd == null ? null : RunDefaults.checkBudget(maxTotalBudgetUsd);
    }

    public Integer getRateLimitQuietSeconds() {
        return rateLimitQuietSeconds;
    }

    /**
     * Seconds without a rate limit before the run starts one more worker at once again, after rate limits halved it;
     * default from the global configuration (60).
     */
    @DataBoundSetter
    public void setRateLimitQuietSeconds(Integer rateLimitQuietSeconds) {
        this.rateLimitQuietSeconds = rateLimitQuietSeconds == null ? null
                : RunDefaults.checkQuiet(rateLimitQuietSeconds);
    }

    /** Null when not given: the global default applies (and the Snippet Generator leaves it out). */
    public Boolean getKeepWorktrees() {
        return keepWorktrees;
    }

    @DataBoundSetter
    public void setKeepWorktrees(Boolean keepWorktrees) {
        this.keepWorktrees = keepWorktrees;
    }

    public Integer getBasePort() {
        return basePort;
    }

    /** Gives each workstream its own ports: {@code PORT = basePort + index * portSpan} (also written to its .env). */
    @DataBoundSetter
    public void setBasePort(Integer basePort) {
        if (basePort != null && (basePort < 1 || basePort > 65535)) {
            throw new IllegalArgumentException("readDispatchPlan: basePort must be a port (1-65535), not " + basePort);
        }
        this.basePort = basePort;
    }

    public int getPortSpan() {
        return portSpan;
    }

    @DataBoundSetter
    public void setPortSpan(int portSpan) {
        if (portSpan < 1) {
            throw new IllegalArgumentException("readDispatchPlan: portSpan must be at least 1, not " + portSpan);
        }
        this.portSpan = portSpan;
    }

    public String getSetup() {
        return setup;
    }

    /** Shell script run in each prepared worktree before its worker, e.g. {@code npm ci}; should be idempotent. */
    @DataBoundSetter
    public void setSetup(String setup) {
        this.setup = Text.trimToNull(setup);
    }

    public String getInclude() {
        return include;
    }

    /** Untracked files to copy from the node's workspace into each worktree, e.g. {@code .env}; commas or lines. */
    @DataBoundSetter
    public void setInclude(String include) {
        this.include = Text.trimToNull(include);
    }

    /** Branch prefixes the plan may use besides {@code <feature>/}, e.g. {@code ['feature/']}. */
    public List<String> getAllowedBranchPrefixes() {
        return allowedBranchPrefixes == null ? List.of() : List.copyOf(allowedBranchPrefixes);
    }

    @DataBoundSetter
    public void setAllowedBranchPrefixes(List<String> prefixes) {
        this.allowedBranchPrefixes = nonBlank(prefixes);
    }

    /** Agent labels a workstream's {@code label} in the plan may name besides the run's {@code label}. */
    public List<String> getAllowedLabels() {
        return allowedLabels == null ? List.of() : List.copyOf(allowedLabels);
    }

    @DataBoundSetter
    public void setAllowedLabels(List<String> labels) {
        this.allowedLabels = nonBlank(labels);
    }

    private static java.util.ArrayList<String> nonBlank(List<String> values) {
        return values == null ? null : values.stream().map(String::strip).filter(v -> !v.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    public List<String> includePatterns() {
        if (include == null) {
            return List.of();
        }
        return java.util.Arrays.stream(include.split("[,\\n]")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    PlanOptions planOptions() {
        return PlanOptions.defaults().withFeature(feature).withStrictCycles(strictCycles)
                .withGranularity(granularity.equals("fine") ? PlanOptions.Granularity.FINE : PlanOptions.Granularity.AUTO);
    }

    /** The plan from its text; a user's mistake is a PlanException naming the line and the fix. */
    public Plan parse(String planText, String sourceName) throws PlanException {
        Plan parsed = PlanReader.parse(planText, sourceName, planOptions());
        if (baseBranch != null) {
            parsed = new Plan(parsed.feature(), parsed.title(), baseBranch, parsed.workstreams(), parsed.warnings(), parsed.source());
        }
        return parsed;
    }

    /**
     * A {@code credentialsId} given here with a {@code command(...)} worker that names no variable for it would bind
     * nothing, silently: that is said instead. (A global default credential is simply not used by such a worker.)
     */
    public String unboundCredentials(RunSettings settings) {
        if (credentialsId != null && settings.getWorker() instanceof CommandWorker command
                && command.getApiKeyVariable() == null) {
            return "credentialsId: '" + credentialsId + "' binds nothing for a command(...) worker without"
                    + " apiKeyVariable. Say which variable gets the key, e.g. command(script: '...', apiKeyVariable:"
                    + " 'ANTHROPIC_API_KEY'), or leave credentialsId out";
        }
        return null;
    }

    /**
     * This run's settings: these options over the global {@code defaults}. Refused, with what to change, when they
     * cannot work together or the plan asks for more than they allow.
     */
    public RunSettings settings(Plan plan, RunDefaults defaults) {
        RunSettings settings = RunSettings.of(this, defaults);
        String unbound = unboundCredentials(settings);
        if (unbound != null) {
            throw new IllegalArgumentException("readDispatchPlan: " + unbound);
        }
        List<String> overstepped = PlanPolicy.problems(plan, settings, feature != null);
        if (!overstepped.isEmpty()) {
            throw new IllegalArgumentException("readDispatchPlan: the plan asks for what this Jenkinsfile does not allow:\n- "
                    + String.join("\n- ", overstepped));
        }
        return settings;
    }

    /** Checks the arguments that only make sense together. */
    public void checkSource() {
        if (plan == null && text == null) {
            throw new IllegalArgumentException("readDispatchPlan needs the plan: plan: 'path/in/repo.md' or text: '...'");
        }
        if (plan != null && text != null) {
            throw new IllegalArgumentException("readDispatchPlan takes plan: (a file) or text: (the plan itself), not both");
        }
        if (normalize && (plan == null || (repository != null && baseCommit == null))) {
            throw new IllegalArgumentException("readDispatchPlan: normalize: true writes the plan beside its document in"
                    + " the workspace, so it needs plan: 'path/in/repo.md' read from a checkout (inside node { }, after"
                    + " checkout scm), not " + (plan == null ? "text:" : "repository: without baseCommit:"));
        }
        checkRepository(repository);
        if (verifyEach && verify == null) {
            throw new IllegalArgumentException("readDispatchPlan: verifyEach: true needs the verify command, e.g."
                    + " verify: 'mvn -B verify'");
        }
    }

    /** {@code scheme://user-info@}: what a URL carrying a password or token starts with. */
    private static final java.util.regex.Pattern URL_USER_INFO =
            java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/@\\s]+)@");

    /**
     * Refuses a repository URL that carries a password or token ({@code https://user:token@host/...}, or any user part
     * of an http(s) URL, since a token alone works there): the build keeps the repository on its record for the later
     * steps, so the token would be stored in the clear. An SSH user name ({@code ssh://git@host/...}) is fine.
     */
    static void checkRepository(String repository) {
        if (repository == null) {
            return;
        }
        java.util.regex.Matcher m = URL_USER_INFO.matcher(repository);
        if (m.find() && (m.group(2).contains(":") || m.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("http"))) {
            throw new IllegalArgumentException("readDispatchPlan: the repository URL " + GitException.redact(repository)
                    + " carries credentials, which the build would keep in its record; give the URL without them and put"
                    + " the token in a Jenkins credential named by gitCredentialsId:");
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<PlanData> {
        private static final long serialVersionUID = 1L;

        private final transient ReadPlanStep step;

        Execution(ReadPlanStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected PlanData run() throws Exception {
            try {
                return read();
            } catch (PlanException | IllegalArgumentException e) {
                // The user's to fix: the message only, no stack trace.
                throw new AbortException(e.getMessage());
            }
        }

        private PlanData read() throws Exception {
            step.checkSource();
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            String planText = step.text;
            String sourceName = "plan text";
            String pinnedBase = null;
            if (step.repository != null && step.baseCommit == null) {
                // No checkout to read from: the plan and the base come from the repository itself.
                FilePath cacheRoot = GitAccess.cacheRoot(getContext(), "readDispatchPlan");
                RemoteFetcher fetcher = GitAccess.fetcher(getContext(), run, step.gitCredentialsId, "readDispatchPlan");
                RepositoryPlanSource.Found found = cacheRoot.act(
                        new AgentCallables.ReadFromRepository(step.repository, step.baseBranch, step.plan, fetcher));
                pinnedBase = found.sha;
                if (step.plan != null) {
                    planText = found.text;
                    sourceName = step.plan;
                }
                Plan peek = step.parse(planText, sourceName);
                if (step.baseBranch == null && peek.baseBranch() != null) {
                    pinnedBase = cacheRoot.act(new AgentCallables.ReadFromRepository(step.repository, peek.baseBranch(), null, fetcher)).sha;
                }
            } else if (step.plan != null && step.normalize) {
                if (workspace == null) {
                    throw new AbortException("readDispatchPlan: normalize: true writes the plan beside '" + step.plan
                            + "' in the workspace; call it inside node { } after checking out the repository");
                }
                PlanNormalizing.Result normalized = workspace.act(new AgentCallables.NormalizePlan(normalizing(run)));
                listener.getLogger().println("readDispatchPlan: " + normalized.description);
                planText = normalized.text;
                sourceName = normalized.source;
            } else if (step.plan != null) {
                if (workspace == null) {
                    throw new AbortException("readDispatchPlan: plan: '" + step.plan + "' is a file in the workspace;"
                            + " call it inside node { } after checking out the repository, or pass text:");
                }
                // Read on the agent without following a symbolic link: the checkout is untrusted content.
                planText = workspace.act(new AgentCallables.ReadPlanFile(step.plan));
                if (planText == null) {
                    throw new AbortException("readDispatchPlan: no plan file " + step.plan + " in " + workspace.getRemote()
                            + "; the path is relative to the workspace (the checked-out repository)");
                }
                sourceName = step.plan;
            }
            Plan plan = step.parse(planText, sourceName);
            RunSettings settings = step.settings(plan, DispatchPlanConfiguration.get().defaults());
            if (pinnedBase != null) {
                settings.baseCommit = pinnedBase;
                listener.getLogger().println("base commit " + pinnedBase + " of "
                        + io.dispatchplan.git.GitException.redact(step.repository));
            }
            String artifactsDir = null;
            if (workspace != null) {
                workspace.act(new AgentCallables.WritePlanFiles(RunSettings.ARTIFACTS_DIR, java.util.Map.of(
                        "plan.json", PlanJson.write(plan), "plan.mmd", PlanGraphPicture.mermaid(plan),
                        "plan.dot", PlanGraphPicture.dot(plan))));
                artifactsDir = RunSettings.ARTIFACTS_DIR;
            }
            PlanData data = settings.apply(plan, artifactsDir);
            DispatchPlanAction action = new DispatchPlanAction(plan, settings);
            Integer earlier = EarlierBuilds.continueFrom(run, action);
            run.addOrReplaceAction(action);
            Double workerCap = settings.getWorker() == null ? null : settings.getWorker().budgetCapUsd();
            run.addOrReplaceAction(new ScheduleState(plan, settings.getMaxParallel(), settings.isFailFast(),
                    settings.getMaxTotalBudgetUsd(), workerCap,
                    java.time.Duration.ofSeconds(settings.getRateLimitQuietSeconds())));
            run.save();
            listener.getLogger().print(PlanText.write(plan));
            if (earlier != null) {
                listener.getLogger().println("continuing build #" + earlier + " of this plan (rerun: '"
                        + settings.getRerun() + "'): " + EarlierBuilds.describe(action, settings.isRerunAll()));
            }
            listener.getLogger().println("maxParallel " + settings.getMaxParallel() + (settings.isFailFast() ? ", failFast" : "")
                    + ", worker " + (settings.getWorker() == null ? "none" : settings.getWorker().getKind())
                    + (settings.getMaxTotalBudgetUsd() == null ? ""
                            : ", run budget " + io.dispatchplan.graph.RunBudget.usd(settings.getMaxTotalBudgetUsd())));
            return data;
        }

        /** What the agent needs to have the run's Claude worker write the plan, with the API key of credentialsId. */
        private PlanNormalizing normalizing(Run<?, ?> run) throws AbortException {
            RunSettings settings = RunSettings.of(step, DispatchPlanConfiguration.get().defaults());
            if (!(settings.getWorker() instanceof ClaudeWorker claude)) {
                throw new AbortException("readDispatchPlan: normalize: true has the run's claude(...) worker write the"
                        + " plan, but its worker is " + (settings.getWorker() == null ? "none"
                        : settings.getWorker().getKind()) + ". Give worker: claude(...), or write the plan yourself"
                        + " (docs/plan-format.md)");
            }
            RunSecrets.Bound key = RunSecrets.bound(run, settings);
            return new PlanNormalizing(step.plan, claude,
                    key == null ? java.util.Map.of() : java.util.Map.of(claude.getApiKeyVariable(), key.value()),
                    step.planOptions());
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "readDispatchPlan";
        }

        /** The form's "global default" choice for {@code keepWorktrees} leaves it unset (see {@link GlobalDefaultChoice}). */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            GlobalDefaultChoice.dropUnset(formData, "keepWorktrees");
            return super.newInstance(req, formData);
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialPickers.secretTexts(item, credentialsId);
        }

        public ListBoxModel doFillGitCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String gitCredentialsId) {
            return CredentialPickers.gitCredentials(item, gitCredentialsId);
        }

        public ListBoxModel doFillKeepWorktreesItems() {
            return GlobalDefaultChoice.items("keep them", "remove them", DispatchPlanConfiguration.get().isKeepWorktrees());
        }

        /** The default submits nothing, so the Snippet Generator writes {@code rerun:} only for {@code all}. */
        public ListBoxModel doFillRerunItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("unfinished (default): what an earlier build finished is not run again", "");
            items.add("all: every workstream runs again", RunSettings.RERUN_ALL);
            return items;
        }

        public ListBoxModel doFillGranularityItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("auto: the plan's top-level items", "auto");
            items.add("fine: one workstream per sub-assignment", "fine");
            return items;
        }

        @Override
        public String getDisplayName() {
            return "Read and validate a parallel development plan";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
