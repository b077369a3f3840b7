package io.jenkins.plugins.dispatchplan.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Defaults for every {@code dispatchPlan} run on this controller (Manage Jenkins, System), also settable
 * with Configuration as Code under {@code unclassified: dispatchPlan:}. A run's own options win.
 */
@Extension
@Symbol("dispatchPlan")
public class DispatchPlanConfiguration extends GlobalConfiguration {
    private final RunDefaults defaults = new RunDefaults();

    public DispatchPlanConfiguration() {
        load();
    }

    public static DispatchPlanConfiguration get() {
        return ExtensionList.lookupSingleton(DispatchPlanConfiguration.class);
    }

    /** The defaults as a value, for steps that merge them with a run's options. */
    public RunDefaults defaults() {
        return defaults.copy();
    }

    public String getLabel() {
        return defaults.label;
    }

    @DataBoundSetter
    public void setLabel(String label) {
        defaults.label = Text.trimToNull(label);
        save();
    }

    public int getMaxParallel() {
        return defaults.maxParallel;
    }

    @DataBoundSetter
    public void setMaxParallel(int maxParallel) {
        defaults.maxParallel = RunDefaults.checkMaxParallel(maxParallel);
        save();
    }

    public int getTimeoutMinutes() {
        return defaults.timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        defaults.timeoutMinutes = RunDefaults.checkTimeout(timeoutMinutes);
        save();
    }

    public String getCredentialsId() {
        return defaults.credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        defaults.credentialsId = Text.trimToNull(credentialsId);
        save();
    }

    public WorkerConfig getWorker() {
        return defaults.worker;
    }

    @DataBoundSetter
    public void setWorker(WorkerConfig worker) {
        defaults.worker = worker == null ? new ClaudeWorker() : worker;
        save();
    }

    public boolean isKeepWorktrees() {
        return defaults.keepWorktrees;
    }

    @DataBoundSetter
    public void setKeepWorktrees(boolean keepWorktrees) {
        defaults.keepWorktrees = keepWorktrees;
        save();
    }

    public int getIdleTimeoutMinutes() {
        return defaults.getIdleTimeoutMinutes();
    }

    /** Minutes a worker may print nothing before its process tree is stopped (retryable); 0 for no limit. */
    @DataBoundSetter
    public void setIdleTimeoutMinutes(int idleTimeoutMinutes) {
        defaults.idleTimeoutMinutes = RunDefaults.checkIdleTimeout(idleTimeoutMinutes);
        save();
    }

    public double getMaxTotalBudgetUsd() {
        return defaults.maxTotalBudgetUsd;
    }

    /** The spending cap of every run that gives none itself, in USD; 0 for none. */
    @DataBoundSetter
    public void setMaxTotalBudgetUsd(double maxTotalBudgetUsd) {
        defaults.maxTotalBudgetUsd = RunDefaults.checkBudget(maxTotalBudgetUsd);
        save();
    }

    public int getRateLimitQuietSeconds() {
        return defaults.getRateLimitQuietSeconds();
    }

    /** Seconds without a rate limit before a run starts one more worker at once again (after rate limits cut it). */
    @DataBoundSetter
    public void setRateLimitQuietSeconds(int rateLimitQuietSeconds) {
        defaults.rateLimitQuietSeconds = RunDefaults.checkQuiet(rateLimitQuietSeconds);
        save();
    }

    public FormValidation doCheckMaxTotalBudgetUsd(@QueryParameter double value) {
        return validation(RunDefaults.budgetProblem(value));
    }

    public FormValidation doCheckRateLimitQuietSeconds(@QueryParameter int value) {
        return validation(RunDefaults.quietProblem(value));
    }

    /** The Secret text credentials for the API key picker; only administrators, who edit this page, see them listed. */
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return CredentialPickers.secretTexts(null, credentialsId);
    }

    public FormValidation doCheckIdleTimeoutMinutes(@QueryParameter int value) {
        return validation(RunDefaults.idleTimeoutProblem(value));
    }

    public FormValidation doCheckMaxParallel(@QueryParameter int value) {
        return validation(RunDefaults.maxParallelProblem(value));
    }

    public FormValidation doCheckTimeoutMinutes(@QueryParameter int value) {
        return validation(RunDefaults.timeoutProblem(value));
    }

    private static FormValidation validation(String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
