package io.dispatchplan.run;

import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeSetup;

/** What every workstream of one run shares. */
record RunContext(Plan plan, RunOptions options, RunLayout layout, String baseSha, String agent, GitCli git,
        ProcessRunner runner, WorktreeManager worktrees, WorktreeSetup setup, ResultCollector collector, TaskFiles taskFiles,
        RunListener listener, DependencyGraph graph, Secrets secrets) {}
