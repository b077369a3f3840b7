package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamSetup;
import io.jenkins.plugins.dispatchplan.agent.GitAccess;
import io.jenkins.plugins.dispatchplan.config.Text;
import io.jenkins.plugins.dispatchplan.run.EarlierArtifacts;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.dispatchplan.git.Sha;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dispatchplan.git.RemoteFetcher;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code prepareWorkstream('api')}, inside {@code node}: the workstream's worktree in this workspace at
 * {@code <feature>/<id>} on branch {@code <feature>/<id>}, from the run's base commit with its dependencies' heads
 * merged in (their bundles unstashed under {@code .dispatch-plan/bundles/} first), through the agent's
 * repository cache ({@link GitAccess#CACHE_DIR} under the agent root), with its TASKS.md; returns the
 * worktree and the worker's command for {@code sh}.
 */
public final class PrepareWorkstreamStep extends Step {
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
            FilePath cacheRoot = GitAccess.cacheRoot(getContext(), "prepareWorkstream");
            RemoteFetcher fetcher = GitAccess.fetcher(getContext(), run, build.action.settings().getGitCredentialsId(),
                    "prepareWorkstream");
            Computer computer = getContext().get(Computer.class);
            FilePath workspace = getContext().get(FilePath.class);
            WorkstreamRecord row = build.action.workstream(id);
            if (setup.priorHead != null) {
                // The branch (and Claude's session) may not be on this agent: bring what the earlier build archived.
                EarlierArtifacts.send(run, row.getPrior().getBuild(), id, workspace);
            }
            PreparedWorkstream prepared = workspace.act(new AgentCallables.Prepare(setup, cacheRoot.getRemote(), fetcher));
            row.ranOn(computer.getDisplayName());
            if (prepared.isDone()) {
                row.carriedOver(Sha.requireFull(prepared.doneHead(), "the agent's answer for the head of " + id),
                        Math.max(0, prepared.doneCommits()), Text.cap(prepared.doneReason()));
                run.save();
                listener.getLogger().println(id + ": " + row.getReason());
                return prepared;
            }
            row.startedFrom(Text.cap(prepared.getStart()));
            run.save();
            listener.getLogger().println(id + ": worktree " + prepared.getPath() + " on branch " + prepared.getBranch()
                    + " at " + prepared.getStart());
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
