package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.steps.CollectedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.PreparedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.IntegrationReport;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.plan.PlanException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/** The agent-side halves of prepareWorkstream and collectWorkstream: each calls the engine, nothing else. */
public final class AgentCallables {
    private AgentCallables() {
    }

    /** Run on the workspace: prepares the worktree through the agent's repository cache. */
    public static final class Prepare extends MasterToSlaveFileCallable<PreparedWorkstream> {
        private static final long serialVersionUID = 1L;

        private final WorkstreamSetup setup;
        private final String cacheRoot;
        private final RemoteFetcher fetcher;

        public Prepare(WorkstreamSetup setup, String cacheRoot, RemoteFetcher fetcher) {
            this.setup = setup;
            this.cacheRoot = cacheRoot;
            this.fetcher = fetcher;
        }

        @Override
        public PreparedWorkstream invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                return new WorkstreamPreparation(Path.of(cacheRoot), fetcher).prepare(setup, workspace.toPath());
            } catch (GitException | PlanException | io.dispatchplan.worktree.WorktreeException | IllegalStateException
                    | UncheckedIOException e) {
                throw new AbortException("prepareWorkstream " + setup.id + ": " + e.getMessage());
            }
        }
    }

    /** Run on the workspace: judges the worker and saves its work and files. */
    public static final class Collect extends MasterToSlaveFileCallable<CollectedWorkstream> {
        private static final long serialVersionUID = 1L;

        private final WorkstreamSetup setup;
        private final int exitStatus;
        private final BranchPusher pusher;
        private final int attempt;

        /** The API key, to mask in the worker's logs archived on the agent (it had the key in its environment). */
        private RunSecrets.Bound apiKey;

        public Collect(WorkstreamSetup setup, int exitStatus, BranchPusher pusher, int attempt) {
            this.setup = setup;
            this.exitStatus = exitStatus;
            this.pusher = pusher;
            this.attempt = attempt;
        }

        public Collect masking(RunSecrets.Bound key) {
            this.apiKey = key;
            return this;
        }

        @Override
        public CollectedWorkstream invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                return new WorkstreamCollection().collect(setup, workspace.toPath(), exitStatus, pusher, attempt,
                        apiKey == null ? io.dispatchplan.secrets.Secrets.NONE : RunSecrets.of(apiKey.variable(), apiKey.value()));
            } catch (GitException | io.dispatchplan.collect.CollectException | IllegalStateException
                    | UncheckedIOException e) {
                throw new AbortException("collectWorkstream " + setup.id + ": " + e.getMessage());
            }
        }
    }

    /** Run on the agent's cache root: pins the base commit of {@code repository:} and reads the plan at it. */
    public static final class ReadFromRepository extends MasterToSlaveFileCallable<RepositoryPlanSource.Found> {
        private static final long serialVersionUID = 1L;

        private final String url;
        private final String ref;
        private final String planPath;
        private final RemoteFetcher fetcher;

        /** @param planPath the plan file to read at the resolved commit, or null for the commit only */
        public ReadFromRepository(String url, String ref, String planPath, RemoteFetcher fetcher) {
            this.url = url;
            this.ref = ref;
            this.planPath = planPath;
            this.fetcher = fetcher;
        }

        @Override
        public RepositoryPlanSource.Found invoke(File cacheRoot, VirtualChannel channel) throws IOException {
            try {
                return new RepositoryPlanSource(cacheRoot.toPath(), fetcher).read(url, ref, planPath);
            } catch (GitException | UncheckedIOException e) {
                throw new AbortException("readDispatchPlan: " + e.getMessage());
            }
        }
    }

    /** Run on the workspace: brings the branches in and merges them. */
    public static final class Integrate extends MasterToSlaveFileCallable<IntegrationReport> {
        private static final long serialVersionUID = 1L;

        private final IntegrationSetup setup;
        private final String cacheRoot;
        private final RemoteFetcher fetcher;
        private final BranchPusher pusher;

        public Integrate(IntegrationSetup setup, String cacheRoot, RemoteFetcher fetcher, BranchPusher pusher) {
            this.setup = setup;
            this.cacheRoot = cacheRoot;
            this.fetcher = fetcher;
            this.pusher = pusher;
        }

        @Override
        public IntegrationReport invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                return new IntegrationOnAgent(Path.of(cacheRoot), fetcher).integrate(setup, workspace.toPath(), pusher);
            } catch (GitException | io.dispatchplan.integrate.IntegrationException | UncheckedIOException e) {
                throw new AbortException("integrateWorkstreams: " + e.getMessage());
            }
        }
    }

    /** Run on the workspace: the plan file's text, or null when there is none; a symbolic link is refused. */
    public static final class ReadPlanFile extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;

        private final String plan;

        public ReadPlanFile(String plan) {
            this.plan = plan;
        }

        @Override
        public String invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                return WorkspacePlanFiles.readPlan(workspace.toPath(), plan).orElse(null);
            } catch (UncheckedIOException e) {
                throw new AbortException("readDispatchPlan: " + e.getMessage());
            }
        }
    }

    /** Run on the workspace: the run's Claude worker writes the plan of a document there, kept beside it. */
    public static final class NormalizePlan extends MasterToSlaveFileCallable<PlanNormalizing.Result> {
        private static final long serialVersionUID = 1L;

        private final PlanNormalizing normalizing;

        public NormalizePlan(PlanNormalizing normalizing) {
            this.normalizing = normalizing;
        }

        @Override
        public PlanNormalizing.Result invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                return normalizing.normalize(workspace.toPath());
            } catch (PlanException | UncheckedIOException e) {
                throw new AbortException("readDispatchPlan: " + e.getMessage());
            }
        }
    }

    /** Run on the workspace: writes plan.json and the graph pictures under {@code .dispatch-plan/} to archive. */
    public static final class WritePlanFiles extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        private final String dir;
        private final java.util.LinkedHashMap<String, String> files;

        public WritePlanFiles(String dir, java.util.Map<String, String> files) {
            this.dir = dir;
            this.files = new java.util.LinkedHashMap<>(files);
        }

        @Override
        public Void invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                WorkspacePlanFiles.write(workspace.toPath(), dir, files);
                return null;
            } catch (UncheckedIOException e) {
                throw new AbortException("readDispatchPlan: " + e.getMessage());
            }
        }
    }

    /**
     * Run on the workspace before the controller writes a file into it: the file's directories exist and none is a
     * symbolic link (the workspace is a checkout: untrusted), and no link stands where the file goes.
     */
    public static final class MakeRoomFor extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        private final String relativePath;

        public MakeRoomFor(String relativePath) {
            this.relativePath = relativePath;
        }

        @Override
        public Void invoke(File workspace, VirtualChannel channel) throws IOException {
            Path root = workspace.toPath();
            Path file = root.resolve(relativePath);
            try {
                io.dispatchplan.files.SafeFiles.directories(root, file.getParent());
            } catch (UncheckedIOException | IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            java.nio.file.Files.deleteIfExists(file);
            return null;
        }
    }
}
