package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.steps.PreparedWorkstream;

import io.dispatchplan.collect.TaskFileExclusion;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.CachedRepository;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.git.RepositoryLock;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ShellQuoting;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.tasks.TaskTemplates;
import io.dispatchplan.worker.DurableWorkerScript;
import io.dispatchplan.worker.WorkerCommand;
import io.dispatchplan.worker.WorkerEnvironment;
import io.dispatchplan.worker.WorkerRequest;
import io.dispatchplan.worktree.BranchBundle;
import io.dispatchplan.worktree.Dependency;
import io.dispatchplan.worktree.SetupResult;
import io.dispatchplan.worktree.Worktree;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeRequest;
import io.dispatchplan.worktree.WorktreeSetup;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On the agent: the workstream's worktree from the run's base commit with its dependencies' heads merged in
 * (through the agent's repository cache), its TASKS.md and COORDINATION.md, and the worker's command. No Jenkins types: the step's
 * callable hands it the directories and a fetcher.
 */
public final class WorkstreamPreparation {
    private final GitCli git;
    private final RepositoryCache cache;

    WorkstreamPreparation(Path cacheRoot, RemoteFetcher fetcher) {
        this.git = new GitCli();
        this.cache = new RepositoryCache(git, cacheRoot, fetcher, RepositoryLock.DEFAULT_TIMEOUT);
    }

    PreparedWorkstream prepare(WorkstreamSetup setup, Path workspace) throws IOException, PlanException {
        Path worktree = setup.worktree(workspace);
        // The job's own refs over the agent's shared objects: another job's branches are never seen or reused.
        CachedRepository shared = setup.push && setup.priorHead != null ? cache.update(setup.repository)
                : cache.ensureCommit(setup.repository, setup.baseCommit);
        CachedRepository repo = cache.forJob(shared, setup.job);
        Plan plan = setup.plan();
        List<Dependency> dependencies = setup.dependenciesInOrder(plan);
        importDependencies(repo, dependencies, workspace);
        Optional<EarlierWork.Done> done;
        try (RepositoryLock lock = cache.lock(repo)) {
            if (setup.push && setup.priorHead != null) {
                new EarlierWork(git).followPushedBranch(shared.gitDir(), repo.gitDir(), setup, setup.worktree(workspace));
            }
            done = new EarlierWork(git).check(repo.gitDir(), setup, workspace);
        }
        if (done.isPresent()) {
            exportBundle(repo, setup, workspace);
            return PreparedWorkstream.done(setup.branch, done.get().head(), done.get().commits(), done.get().reason());
        }
        // REUSE: a re-run keeps the worktree, or checks out the branch an earlier run left, with its work. A dependent
        // starts from its dependencies' heads merged onto the base.
        Worktree prepared = new WorktreeManager(git).prepare(WorktreeRequest.of(repo.gitDir(), workspace, setup.feature,
                setup.id, setup.baseCommit).withBranch(setup.branch).withDependencies(dependencies, CommitIdentity.DEFAULT));
        WorkerRequest request = setup.request(workspace);
        // Runs on every prepare (a retry or re-run too): a setup command should be idempotent.
        SetupResult setUp = new WorktreeSetup(new ProcessRunner())
                .apply(worktree, setup.setupOptions(workspace), WorkerEnvironment.of(request));
        // Copied secrets (.env), the port file, the engine's files and RESULTS.md (archived, never merged) are the
        // machine's and the run's, not the branch's: keep them out of commits.
        TaskFileExclusion.applyForWorkstream(git, worktree, setUp);
        SafeFiles.directories(WorkstreamSetup.stateRoot(workspace), request.stateDir());
        TaskFiles tasks = new TaskFiles(plan, TaskTemplates.from(worktree));
        tasks.writeCoordination(workspace, request.coordinationFile());
        tasks.writeTasks(worktree, setup.id, dep -> Optional.ofNullable(setup.dependencyResults.get(dep)),
                request.coordinationFile(), prepared.dependencies());
        restoreSession(setup, request, workspace);
        WorkerCommand command = setup.worker.command(request);
        // The shell redirects the worker's output to its logs: no symbolic link there is written through.
        for (Path log : List.of(request.logs().stdout(), request.logs().stderr(), request.logs().resultJson())) {
            SafeFiles.prepareForWriting(WorkstreamSetup.stateRoot(workspace), log);
        }
        boolean unix = File.pathSeparatorChar == ':';
        return new PreparedWorkstream(worktree.toString(), setup.branch, environment(command.environment()),
                shellCommand(command.argv(), request, unix, setup.worker.streamsEvents()), unix, describeStart(prepared));
    }

    /**
     * Brings each dependency's head into the cache from the bundle its workstream stashed (unstashed here under
     * {@code .dispatch-plan/bundles/}), unless the cache has it already (the dependency ran on this agent). One that
     * arrives nowhere is named by the worktree manager.
     */
    private void importDependencies(CachedRepository repo, List<Dependency> dependencies, Path workspace) {
        BranchBundle bundles = new BranchBundle(git);
        try (RepositoryLock lock = cache.lock(repo)) {
            for (Dependency d : dependencies) {
                Path file = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve(WorkstreamCollection.bundlePath(d.id()));
                if (SafeFiles.kind(workspace, file) == SafeFiles.Kind.FILE) {
                    bundles.importCommit(repo.gitDir(), file, d.branch(), d.head());
                }
            }
        }
    }

    /**
     * A Claude worker going on from an earlier build that ran on another agent gets that build's session transcript,
     * so it resumes the conversation; one that ran here keeps its own.
     */
    private static void restoreSession(WorkstreamSetup setup, WorkerRequest request, Path workspace) {
        Path archived = workspace.resolve(RunSettings.ARTIFACTS_DIR)
                .resolve(io.jenkins.plugins.dispatchplan.run.EarlierArtifacts.transcript(setup.id));
        if (setup.worker.streamsEvents() && SafeFiles.kind(workspace, archived) == SafeFiles.Kind.FILE) {
            io.dispatchplan.worker.ClaudeWorker.restoreTranscript(request, archived);
        }
    }

    /** A done workstream's branch as a bundle, where a collected one's goes, for dependents and integration. */
    private void exportBundle(CachedRepository repo, WorkstreamSetup setup, Path workspace) throws IOException {
        Path bundle = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve(WorkstreamCollection.bundlePath(setup.id));
        SafeFiles.directories(workspace, bundle.getParent());
        java.nio.file.Files.deleteIfExists(bundle);
        new BranchBundle(git).export(repo.gitDir(), setup.branch, setup.baseCommit, bundle);
    }

    /** What the worktree started from, for the log: the base, and the dependencies merged in. */
    static String describeStart(Worktree worktree) {
        StringBuilder text = new StringBuilder(worktree.head().substring(0, 12));
        text.append(worktree.outcome() == Worktree.Outcome.REUSED ? " (kept from an earlier run" : " (base "
                + worktree.baseSha().substring(0, 12));
        if (worktree.baseMerge() != null) {
            text.append(", with the new base ").append(worktree.baseSha(), 0, 12).append(" merged in");
        }
        List<String> merged = worktree.dependencies().stream().filter(d -> d.mergeCommit() != null)
                .map(d -> d.id() + " at " + d.head().substring(0, 12)).toList();
        if (!merged.isEmpty()) {
            text.append(", with ").append(String.join(", ", merged)).append(" merged in");
        }
        return text.append(')').toString();
    }

    /**
     * The command for the durable {@code sh} step. On Unix, {@link DurableWorkerScript}: for Claude Code a readable
     * line per event on the step's stdout (the stage log) with every event kept in {@code worker.events.jsonl}, for a
     * command its output to its log files as before; both under the watchdog (idle limit, grace after the result),
     * which lives in the script on the agent and so survives a controller restart. On Windows ({@code bat}) the
     * quoted argv with stdout and stderr to the log files, without live lines or watchdog.
     */
    static String shellCommand(List<String> argv, WorkerRequest request, boolean unix, boolean streamsEvents) {
        if (unix) {
            return streamsEvents ? DurableWorkerScript.forClaude(argv, request) : DurableWorkerScript.forCommand(argv, request);
        }
        return ShellQuoting.quoteForCmd(argv) + " >" + ShellQuoting.quoteForCmd(request.logs().stdout().toString())
                + " 2>" + ShellQuoting.quoteForCmd(request.logs().stderr().toString());
    }

    static List<String> environment(Map<String, String> variables) {
        List<String> env = new ArrayList<>();
        variables.forEach((name, value) -> env.add(name + "=" + value));
        return env;
    }
}
