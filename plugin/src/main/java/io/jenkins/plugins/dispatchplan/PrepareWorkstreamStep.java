package io.jenkins.plugins.dispatchplan;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code prepareWorkstream('api')}, inside {@code node}: the workstream's worktree in this workspace at
 * {@code <feature>/<id>} on branch {@code <feature>/<id>}, from the run's base commit through the agent's
 * repository cache ({@code <agent root>/dispatch-plan/repositories}), with its TASKS.md; returns the
 * worktree and the worker's command for {@code sh}.
 */
public final class PrepareWorkstreamStep extends Step {
    static final String CACHE_DIR = "dispatch-plan/repositories";

    private final String id;

    @DataBoundConstructor
    public PrepareWorkstreamStep(String id) {
        this.id = WorkstreamIds.check(id, "prepareWorkstream");
    }

    public String getId() {
        return id;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(id, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<PreparedWorkstream> {
        private static final long serialVersionUID = 1L;

        private final String id;

        Execution(String id, StepContext context) {
            super(context);
            this.id = id;
        }

        @Override
        protected PreparedWorkstream run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            PlannedBuild build = PlannedBuild.of(run, "prepareWorkstream");
            WorkstreamSetup setup = build.setup(id, "prepareWorkstream");
            Computer computer = getContext().get(Computer.class);
            Node node = computer.getNode();
            FilePath root = node == null ? null : node.getRootPath();
            if (root == null) {
                throw new AbortException("prepareWorkstream: the agent " + computer.getDisplayName() + " is offline");
            }
            String gitCredentialsId = build.action.settings().getGitCredentialsId();
            GitClientFetcher fetcher = null;
            if (gitCredentialsId != null) {
                StandardCredentials credentials = CredentialsProvider.findCredentialById(gitCredentialsId, StandardCredentials.class, run);
                if (credentials == null) {
                    throw new AbortException("prepareWorkstream: no credentials '" + gitCredentialsId
                            + "' visible to this job; check gitCredentialsId");
                }
                fetcher = new GitClientFetcher(listener, getContext().get(EnvVars.class), credentials);
            }
            String cacheRoot = root.child(CACHE_DIR).getRemote();
            PreparedWorkstream prepared = getContext().get(FilePath.class).act(new AgentCallables.Prepare(setup, cacheRoot, fetcher));
            build.action.workstream(id).ranOn(computer.getDisplayName());
            run.save();
            listener.getLogger().println(id + ": worktree " + prepared.getPath() + " on branch " + prepared.getBranch()
                    + " at " + build.action.settings().getBaseCommit());
            return prepared;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "prepareWorkstream";
        }

        @Override
        public String getDisplayName() {
            return "Prepare a workstream's git worktree and TASKS.md on this agent";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Computer.class, EnvVars.class);
        }
    }
}
