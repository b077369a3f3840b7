package io.dispatchplan.run;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.worker.Worker;
import io.dispatchplan.worktree.WorktreeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a run checks before it starts anything, so that a mistake costs no branch, worktree or worker. */
final class Preflight {
    private final GitCli git;
    private final Plan plan;
    private final RunOptions options;

    Preflight(GitCli git, Plan plan, RunOptions options) {
        this.git = git;
        this.plan = plan;
        this.options = options;
    }

    /** A branch named like the feature leaves no room for {@code <feature>/<id>} (git stores branches as files). */
    void featureBranchIsFree() throws RunException {
        if (git.branchExists(options.repository(), plan.feature())) {
            throw new RunException("the repository has a branch named like the feature (refs/heads/" + plan.feature()
                    + "), so no branch " + plan.feature() + "/<id> can be made beside it (git stores branches as"
                    + " files). Rename that branch, or give another --feature. Nothing was started");
        }
    }

    /** A worker that cannot start at all is said before any branch or worktree exists. */
    void workersCanStart() throws RunException {
        java.util.Set<Worker> used = new java.util.LinkedHashSet<>();
        for (Workstream w : plan.workstreams()) {
            Worker worker = w.worker() == null ? options.worker() : options.namedWorkers().get(w.worker());
            if (worker != null) {
                used.add(worker);
            }
        }
        for (Worker worker : used) {
            Optional<String> problem = worker.preflightProblem();
            if (problem.isPresent()) {
                throw new RunException(problem.get() + ". Nothing was started");
            }
        }
    }

    /**
     * The run writes plan.json, report.json and more into its directory: one that holds files but is not a run's
     * (the repository root, a source folder) is refused before anything there is overwritten.
     */
    static void outDirIsOurs(RunLayout layout) throws RunException {
        Path out = layout.outDir();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new RunException("the run directory " + out + " is a file, not a directory. Give --out a directory (a new"
                    + " one is made)");
        }
        if (!Files.isDirectory(out) || WorktreeManager.isFreeFor(out)) {
            return;
        }
        boolean ours = Files.exists(layout.runFile()) || Files.exists(layout.reportJson())
                || Files.isDirectory(out.resolve("workstreams")) || Files.isDirectory(out.resolve("state"))
                || Files.exists(out.resolve("worktrees"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!ours) {
            throw new RunException("the run directory " + out + " already holds files that are not a dispatch-plan run's"
                    + (Files.exists(out.resolve(".git")) ? " (it is a git checkout)" : "") + "; the run would overwrite"
                    + " them. Give --out an empty or new directory");
        }
    }

    /**
     * A plan may name its own branches (seed-004's feature/phase1-handlers), but never one that exists and that this
     * run did not make: its worker would commit onto someone's branch (develop, say).
     */
    void namedBranchesAreOurs(Optional<PreviousRun> previous) throws RunException {
        List<String> foreign = new ArrayList<>();
        for (Workstream w : plan.workstreams()) {
            boolean named = !w.branch().equals(plan.feature() + "/" + w.id());
            boolean recorded = previous.flatMap(p -> p.outcome(w.id())).isPresent()
                    || Files.isDirectory(WorktreeManager.pathFor(options.worktreeRoot(), plan.feature(), w.id()));
            if (named && !recorded && git.branchExists(options.repository(), w.branch())) {
                foreign.add("'" + w.branch() + "' (workstream " + w.id() + ")");
            }
        }
        if (!foreign.isEmpty()) {
            throw new RunException("the plan names branches that already exist and that no run of it made: "
                    + String.join(", ", foreign) + ". A worker would commit onto them. Give those workstreams new branch"
                    + " names (or none: <feature>/<id>), or rename the existing branches. Nothing was started");
        }
    }

}
