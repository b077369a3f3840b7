package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.WorkerConfig;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.worker.WorkerRequest;
import java.io.Serializable;
import java.nio.file.Path;
import io.dispatchplan.worktree.Dependency;
import io.dispatchplan.worktree.PortBlock;
import io.dispatchplan.worktree.SetupCommand;
import io.dispatchplan.worktree.SetupOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the agent needs to set up or collect one workstream, sent from the controller in plain
 * serializable fields (engine records are not serializable). The same setup always gives the same
 * paths, so preparing and collecting agree without keeping state on the agent.
 */
public final class WorkstreamSetup implements Serializable {
    private static final long serialVersionUID = 1L;

    final String job;
    final String planJson;
    final String feature;
    final String id;
    final String title;
    final String branch;
    final String repository;
    final String baseCommit;
    final WorkerConfig worker;
    final HashMap<String, String> dependencyResults;
    /** The dependencies' collected heads: the branch starts from the base with each merged in. */
    public ArrayList<DependencyHead> dependencies = new ArrayList<>();
    /** Keep the worktree after collecting; otherwise it is removed (its branch stays in the agent's cache). */
    public boolean keepWorktree = true;
    /** Position in the plan, for the port block. */
    public int index;
    /** First port of workstream 0, or null for no ports. */
    public Integer basePort;
    public int portSpan = RunSettings.DEFAULT_PORT_SPAN;
    /** Shell script run in a prepared worktree (Jenkinsfile text), or null. */
    public String setupScript;
    /** Untracked files to copy from the node's workspace into the worktree, e.g. {@code .env}. */
    public ArrayList<String> include = new ArrayList<>();
    /** A worker silent this long is stopped by the script's watchdog, retryable; 0 for no limit. */
    public int idleTimeoutSeconds = RunDefaults.DEFAULT_IDLE_TIMEOUT_MINUTES * 60;
    /** The head an earlier build of the job recorded for this branch (the nearest that got so far), or null. */
    public String priorHead;
    /** The base that build ran from, or null. */
    public String priorBase;
    /** The run pushes its branches ({@code push: true}): the repository's branch is the truth a later build starts from. */
    public boolean push;
    /** That build's number, for messages. */
    public int priorBuild;
    /** That build finished it with success and this one may take it as done ({@code rerun: 'unfinished'}). */
    public boolean priorSucceeded;
    /** Set for collect when prepare found it done: nothing ran, its branch is handed on at this head. */
    public String carriedHead;
    public int carriedCommits;
    public String carriedReason;
    /** Claude Code still running this long after its result is stopped and judged by it. */
    int resultGraceSeconds = (int) io.dispatchplan.worker.WorkerRequest.DEFAULT_RESULT_GRACE.toSeconds();

    /** A dependency's collected head, in plain serializable fields. */
    public static final class DependencyHead implements Serializable {
        private static final long serialVersionUID = 1L;

        final String id;
        final String branch;
        final String head;
        final boolean unstable;

        public DependencyHead(String id, String branch, String head, boolean unstable) {
            this.id = id;
            this.branch = branch;
            this.head = head;
            this.unstable = unstable;
        }

        Dependency toEngine() {
            return new Dependency(id, branch, head, unstable);
        }
    }

    /** The dependencies in dependency order (a dependency's own dependencies first), for merging. */
    List<Dependency> dependenciesInOrder(Plan plan) {
        List<String> order = DependencyGraph.of(plan).dependenciesInOrder(id);
        List<Dependency> ordered = new ArrayList<>();
        for (String dependency : order) {
            dependencies.stream().filter(d -> d.id.equals(dependency)).findFirst().ifPresent(d -> ordered.add(d.toEngine()));
        }
        return ordered;
    }

    /** The engine's worktree setup: untracked files from the workspace, the port block, the setup command. */
    SetupOptions setupOptions(Path workspace) {
        SetupOptions options = SetupOptions.none().withSource(workspace, include.toArray(new String[0]));
        if (basePort != null) {
            options = options.withPorts(new PortBlock(basePort, portSpan, index));
        }
        if (setupScript != null) {
            options = options.withCommand(SetupCommand.shell(setupScript), null);
        }
        return options;
    }

    public WorkstreamSetup(String job, String planJson, String feature, String id, String title, String branch,
            String repository, String baseCommit, WorkerConfig worker, Map<String, String> dependencyResults) {
        this.job = job;
        this.planJson = planJson;
        this.feature = feature;
        this.id = id;
        this.title = title;
        this.branch = branch;
        this.repository = repository;
        this.baseCommit = baseCommit;
        this.worker = worker;
        this.dependencyResults = new HashMap<>(dependencyResults);
    }

    /** {@code <workspace>/<feature>/<id>}. */
    Path worktree(Path workspace) {
        return workspace.resolve(feature).resolve(id);
    }

    /** Shared by the workstreams prepared in one workspace; workers may append to it. */
    Path coordinationFile(Path workspace) {
        return workspace.resolve(feature).resolve("COORDINATION.md");
    }

    /**
     * {@code <workspace>@tmp/dispatch-plan/<feature>/<id>}: the worker's state (Claude's configuration and
     * transcripts, the logs), in the job's own temporary directory beside its workspace, never in it, where no
     * checkout of a repository reaches.
     */
    Path stateDir(Path workspace) {
        return stateRoot(workspace).resolve("dispatch-plan").resolve(feature).resolve(id);
    }

    /** {@code <workspace>@tmp}: no symbolic link below it leads the worker's state or logs anywhere else. */
    static Path stateRoot(Path workspace) {
        return workspace.resolveSibling(workspace.getFileName() + "@tmp");
    }

    Plan plan() throws PlanException {
        return PlanReader.parse(planJson, "plan.json", PlanOptions.defaults().withFeature(feature));
    }

    WorkerRequest request(Path workspace) {
        return WorkerRequest.builder(feature, id, worktree(workspace))
                .job(job)
                .port(basePort == null ? null : new PortBlock(basePort, portSpan, index).port())
                .title(title)
                .coordinationFile(coordinationFile(workspace))
                .env(CommitIdentity.DEFAULT.environment())
                .stateDir(stateDir(workspace))
                .idleTimeout(idleTimeoutSeconds > 0 ? java.time.Duration.ofSeconds(idleTimeoutSeconds) : null)
                .resultGrace(java.time.Duration.ofSeconds(Math.max(1, resultGraceSeconds)))
                .build();
    }
}
