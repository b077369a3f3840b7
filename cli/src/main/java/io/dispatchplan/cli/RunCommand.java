package io.dispatchplan.cli;

import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.integrate.ConflictPolicy;
import io.dispatchplan.integrate.ResolverOptions;
import io.dispatchplan.integrate.ResolverPrompt;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanOptions.Granularity;
import io.dispatchplan.graph.RunBudget;
import io.dispatchplan.report.ScheduleSummary;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.run.LocalDispatcher;
import io.dispatchplan.run.RunLayout;
import io.dispatchplan.run.RunException;
import io.dispatchplan.run.Rerun;
import io.dispatchplan.run.RunOptions;
import io.dispatchplan.run.RunResult;
import io.dispatchplan.worker.ClaudePermissionMode;
import io.dispatchplan.worker.ClaudeWorker;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import io.dispatchplan.worker.Worker;
import io.dispatchplan.worktree.PortBlock;
import io.dispatchplan.worktree.SetupCommand;
import io.dispatchplan.worktree.SetupOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dispatch-plan run PLAN --repo DIR}: run every workstream in its own worktree, then integrate. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a plan: one worktree, branch and worker per workstream, started as their dependencies"
                + " succeed, then one integration branch that merges them --no-ff. A re-run into the same --out"
                + " resumes: done workstreams are skipped, failed ones run again (Claude sessions resume).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every workstream succeeded and merged", "1:a workstream failed, was skipped or unstable,"
                + " a branch conflicted, or verification failed", "2:bad input (plan, repository, options)"})
class RunCommand implements Callable<Integer> {
    private static final Pattern AUTHOR = Pattern.compile("^\\s*(.+?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*$");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (Markdown, YAML or JSON).")
    Path planFile;

    @Option(names = "--repo", defaultValue = ".", description = "The git repository to work on (default: the current directory).")
    Path repository;

    @Option(names = "--worker", defaultValue = "claude", description = "claude or command (default: ${DEFAULT-VALUE}).")
    String worker;

    @Option(names = "--worker-command", paramLabel = "SCRIPT",
            description = "For --worker command: a shell command run in each worktree (sh -c), with WORKSTREAM_ID,"
                    + " TASKS_FILE, RESULTS_FILE, ... set. Giving it implies --worker command.")
    String workerCommand;

    @Option(names = "--max-parallel", paramLabel = "N", description = "Workers at once, at least 1 (default: no limit).")
    Integer maxParallel;

    @Option(names = "--feature", description = "Feature name, prefix of the branches (default: from the plan).")
    String feature;

    @Option(names = "--base", paramLabel = "REF", description = "Start from this branch, tag or commit (default: HEAD,"
            + " or the earlier run's base when resuming).")
    String base;

    @Option(names = "--out", paramLabel = "DIR", description = "Run files: plan.json, workstreams/<id>/, report.json,"
            + " INTEGRATION.md (default: <repo>/.dispatch-plan/runs/<feature>).")
    Path out;

    @Option(names = "--fail-fast", description = "Stop everything after the first failure.")
    boolean failFast;

    @Option(names = "--secret-env", paramLabel = "NAME", split = ",", description = "More environment variables whose"
            + " values are secrets (ANTHROPIC_API_KEY and the other Anthropic credentials always are): masked in all"
            + " output, reports and logs, and never committed.")
    List<String> secretEnv = new ArrayList<>();

    @Option(names = "--rerun", paramLabel = "WHICH", description = "Which workstreams an earlier run finished run again:"
            + " unfinished (failed, skipped, never started; the default), unstable (those and the unstable ones), all, or"
            + " none (no worker runs: the branches are merged as they are, as 'dispatch-plan integrate' does).")
    String rerun = "unfinished";

    @Option(names = "--keep-worktrees", description = "Leave the worktrees in place at the end.")
    boolean keepWorktrees;

    @Option(names = "--timeout", paramLabel = "MIN", description = "Per-workstream limit for one worker attempt, in minutes"
            + " (at least 1).")
    Integer timeoutMinutes;

    @Option(names = "--idle-timeout", paramLabel = "MIN", defaultValue = "15", description = "Stop a worker that"
            + " prints no event or output for this many minutes (its process tree is killed, its work kept, and it is"
            + " retried); 0 for no limit (default: ${DEFAULT-VALUE}).")
    int idleTimeoutMinutes;

    @Option(names = "--deadline", paramLabel = "MIN", description = "Limit for the whole run, in minutes (at least 1).")
    Integer deadlineMinutes;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2", description = "Retries on retryable failures"
            + " (overload, lost process), with backoff: 0 to " + OptionRanges.MAX_RETRIES + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--conflicts", defaultValue = "skip", description = "skip: leave a conflicting branch out and go"
            + " on; stop: stop integrating at the first conflict (default: ${DEFAULT-VALUE}).")
    String conflicts;

    @Option(names = "--verify", paramLabel = "SCRIPT", description = "Run in the integration worktree after the merges (sh -c).")
    String verify;

    @Option(names = "--verify-each", description = "Run --verify after every merge and undo a merge that makes it fail"
            + " (default: once after all merges, then look for the merges that break it).")
    boolean verifyEach;

    @Option(names = "--resolve-conflicts", paramLabel = "claude|SCRIPT", description = "Hand each conflicting merge to"
            + " a resolver in the integration worktree, the merge in progress: claude (Claude Code, with --model,"
            + " --permission-mode, --allowed-tools and --claude, and its own --resolver-max-budget-usd), or a shell"
            + " command (sh -c) with TASKS_FILE (its instructions) and CONFLICTED_FILES set. Its resolution is kept only"
            + " when no conflict marker is left, every file is resolved (git add), nothing else changed and --verify"
            + " passes; otherwise the branch is left out as a conflict.")
    String resolveConflicts;

    @Option(names = "--resolver-timeout", paramLabel = "MIN", description = "Stop a resolution after this many minutes"
            + " and reject it (default: 20).")
    Integer resolverTimeoutMinutes;

    @Option(names = "--resolver-max-budget-usd", paramLabel = "USD", description = "Claude spending limit for one"
            + " resolution (more than 0); its cost counts toward the run's.")
    Double resolverMaxBudgetUsd;

    @Option(names = "--resolver-may-edit-other-files", description = "Accept a resolution that also changed files"
            + " outside the conflicted ones (by default such a resolution is rejected).")
    boolean resolverMayEditOtherFiles;

    @Option(names = "--no-merge-unstable", description = "Do not merge workstreams that wrote no RESULTS.md.")
    boolean noMergeUnstable;

    @Option(names = "--setup", paramLabel = "SCRIPT", description = "Run in each new worktree before its worker (sh -c).")
    String setup;

    @Option(names = "--copy", paramLabel = "PATTERN", split = ",",
            description = "Untracked files to copy from the repository into each worktree (besides .worktreeinclude), e.g. .env.")
    List<String> copy;

    @Option(names = "--base-port", paramLabel = "N", description = "Give each workstream PORT = base + index * span (and"
            + " write it to .env); every workstream's ports must fit below 65536.")
    Integer basePort;

    @Option(names = "--port-span", paramLabel = "N", defaultValue = "10", description = "Ports per workstream, at least 1"
            + " (default: ${DEFAULT-VALUE}).")
    int portSpan;

    @Option(names = "--git-author", paramLabel = "'NAME <EMAIL>'", description = "Author of WIP and merge commits and"
            + " of the workers' commits (default: dispatch-plan <dispatch-plan@noreply.invalid>).")
    String gitAuthor;

    @Option(names = "--strict", description = "A dependency cycle, or anything that looks like a workstream but was"
            + " not read, is an error.")
    boolean strict;

    @Option(names = "--granularity", defaultValue = "auto", description = "auto or fine (one workstream per sub-assignment).")
    String granularity;

    @Mixin
    ClaudeOptions claude = new ClaudeOptions();

    @Option(names = "--permission-mode", description = "Claude permission mode: acceptEdits (default), bypassPermissions,"
            + " dontAsk, default, plan.")
    String permissionMode;

    @Mixin
    BudgetOptions budget = new BudgetOptions();

    @Option(names = "--rate-limit-quiet", paramLabel = "SEC", defaultValue = "60", description = "When workers are"
            + " rate-limited the run halves how many it starts at once; after each this many seconds without a rate"
            + " limit it starts one more at once again, up to --max-parallel: 1 to " + OptionRanges.MAX_QUIET_SECONDS
            + " (default: ${DEFAULT-VALUE}).")
    int rateLimitQuietSeconds;

    @Option(names = "--max-turns", paramLabel = "N", description = "Claude turn limit per workstream run (at least 1).")
    Integer maxTurns;

    @Option(names = "--allowed-tools", description = "Claude tools allowed without asking (default: Bash).")
    String allowedTools;

    @Option(names = "--trust-repository-settings", description = "Let Claude load the repository's settings, hooks,"
            + " MCP servers and CLAUDE.md as it does interactively. Off by default: their hooks and MCP servers run"
            + " code with the API key in reach, so trust only repositories whose every change you trust.")
    boolean trustRepositorySettings;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String outOfRange = ranges().firstProblem();
        if (outOfRange != null) {
            err.println("dispatch-plan: " + outOfRange + ". See 'dispatch-plan run --help'.");
            return ExitCodes.BAD_INPUT;
        }
        Plan plan;
        RunOptions options;
        try {
            plan = readPlan(err);
            outOfRange = ranges().portsFit(basePort, portSpan, plan.workstreams().size()).firstProblem();
            if (outOfRange == null && base != null) {
                outOfRange = plan.workstreams().stream().filter(w -> w.branch().equals(base.strip())).findFirst()
                        .map(w -> "--base '" + base + "' is the branch of workstream '" + w.id() + "': its worker"
                                + " would commit onto the base every workstream starts from. Give another --base, or"
                                + " another branch in the plan.")
                        .orElse(null);
            }
            if (outOfRange != null) {
                err.println("dispatch-plan: " + outOfRange);
                return ExitCodes.BAD_INPUT;
            }
            plan.warnings().forEach(w -> err.println("warning: " + w));
            options = options(plan);
        } catch (PlanException | IllegalArgumentException e) {
            err.println("dispatch-plan: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("dispatch-plan: cannot read " + planFile + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.println("dispatch-plan: " + plan.workstreams().size() + " workstream(s) of '" + plan.title() + "' in "
                + options.repository() + (options.rerun() == Rerun.NONE ? " (integration only: the branches as they are)"
                : " (" + options.worker().kind() + " worker"
                + (options.maxParallel() > 0 ? ", at most " + options.maxParallel() + " at once" : "")
                + (options.maxTotalBudgetUsd() == null ? ""
                        : ", run budget " + RunBudget.usd(options.maxTotalBudgetUsd()))
                + ")"));
        RunResult result;
        LocalDispatcher dispatcher = new LocalDispatcher();
        try (ProgressPrinter progress = new ProgressPrinter(out, System.console() != null
                && !"dumb".equals(System.getenv("TERM")), plan.ids());
                StopOnSignal signals = new StopOnSignal(dispatcher, err)) {
            result = dispatcher.run(plan, options, progress);
        } catch (RunException | UnsafePathException e) {
            err.println("dispatch-plan: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (java.io.UncheckedIOException e) {
            err.println("dispatch-plan: " + e.getMessage());
            return ExitCodes.WORK_FAILED;
        }
        printSummary(out, result);
        if (dispatcher.stopRequested()) {
            return ExitCodes.INTERRUPTED;
        }
        return result.clean() ? ExitCodes.OK : ExitCodes.WORK_FAILED;
    }

    /**
     * The plan; one inside the repository is read as repository content: no symbolic link on the way from the
     * repository's root to it is followed.
     */
    private Plan readPlan(PrintWriter err) throws IOException, PlanException {
        PlanOptions options = new PlanOptions(feature, strict, granularity());
        Path repo = repository.toAbsolutePath().normalize();
        Path file = planFile.toAbsolutePath().normalize();
        return PlanReading.read(file.startsWith(repo) ? repo : file.getParent(), file.startsWith(repo) ? file : planFile,
                options, claude.normalize, claudeConfig(), err);
    }

    private OptionRanges ranges() {
        return budget.check(claude.checkRanges(new OptionRanges())
                .atLeastOne("--max-parallel", maxParallel, "workers at once; leave it out for no limit")
                .between("--retries", retries, 0, OptionRanges.MAX_RETRIES, "retries of a retryable failure; 0 for none")
                .minutes("--timeout", timeoutMinutes, "the limit for one worker attempt")
                .minutes("--deadline", deadlineMinutes, "the limit for the whole run")
                .between("--idle-timeout", idleTimeoutMinutes, 0, OptionRanges.MAX_IDLE_MINUTES,
                        "minutes a worker may print nothing before it is stopped; 0 for no limit")
                .between("--base-port", basePort, 1, OptionRanges.MAX_PORT, "the first port of the first workstream")
                .between("--port-span", portSpan, 1, OptionRanges.MAX_PORT, "ports per workstream")
                .atLeastOne("--max-turns", maxTurns, "Claude turns per workstream run")
                .between("--rate-limit-quiet", rateLimitQuietSeconds, 1, OptionRanges.MAX_QUIET_SECONDS,
                        "seconds without a rate limit before one more worker starts at once")
                .minutes("--resolver-timeout", resolverTimeoutMinutes, "the limit for one conflict resolution")
                .dollars("--resolver-max-budget-usd", resolverMaxBudgetUsd, "Claude spending per conflict resolution"));
    }

    private RunOptions options(Plan plan) {
        Path repo = repository.toAbsolutePath().normalize();
        Path outDir = out != null ? out : repo.resolve(".dispatch-plan").resolve("runs").resolve(plan.feature());
        RunLayout layout = new RunLayout(outDir, null, plan.feature());
        RunStateCheck.refuseTrackedFiles(new GitCli(), repo, plan.ids().stream().map(layout::stateDir).toList());
        RetryPolicy retry = retries <= 0 ? RetryPolicy.none()
                : new RetryPolicy(retries + 1, RetryPolicy.defaults().initialDelay(), RetryPolicy.defaults().maxDelay());
        ConflictPolicy policy = switch (conflicts.toLowerCase(Locale.ROOT)) {
            case "skip" -> ConflictPolicy.SKIP;
            case "stop" -> ConflictPolicy.STOP;
            default -> throw new IllegalArgumentException("--conflicts must be skip or stop, not '" + conflicts + "'");
        };
        if (verifyEach && verify == null) {
            throw new IllegalArgumentException("--verify-each needs --verify 'SCRIPT'");
        }
        CommitIdentity identity = identity();
        SetupOptions setupOptions = SetupOptions.none().withIdentity(identity);
        if ((copy != null && !copy.isEmpty()) || Files.exists(repo.resolve(SetupOptions.INCLUDE_FILE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            setupOptions = setupOptions.withSource(repo, copy == null ? new String[0] : copy.toArray(String[]::new));
        }
        if (basePort != null) {
            setupOptions = setupOptions.withPorts(new PortBlock(basePort, portSpan, 0));
        }
        if (setup != null) {
            setupOptions = setupOptions.withCommand(SetupCommand.shell(setup), null);
        }
        Map<String, Worker> workers = workers();
        Worker chosen = chosen(workers);
        return RunOptions.builder(repo, outDir, chosen)
                .workers(chosen, workers)
                .base(base)
                .maxParallel(maxParallel == null ? 0 : maxParallel)
                .failFast(failFast)
                .keepWorktrees(keepWorktrees)
                .timeouts(minutes(timeoutMinutes, "--timeout"), minutes(deadlineMinutes, "--deadline"))
                .watchdog(idleTimeoutMinutes == 0 ? null : Duration.ofMinutes(idleTimeoutMinutes), null)
                .integration(policy, verify == null ? null : List.of("sh", "-c", verify), null, !noMergeUnstable)
                .setup(setupOptions, identity)
                .retry(retry)
                .rerun(rerun())
                .secretVariables(secretEnv)
                .verifyEach(verifyEach)
                .maxTotalBudgetUsd(budget.maxTotalBudgetUsd)
                .rateLimitQuietPeriod(Duration.ofSeconds(rateLimitQuietSeconds))
                .resolver(resolver(layout))
                .build();
    }

    /** The conflict resolver, when --resolve-conflicts asks for one. */
    private ResolverOptions resolver(RunLayout layout) {
        if (resolveConflicts == null) {
            for (Object given : new Object[] {resolverTimeoutMinutes, resolverMaxBudgetUsd,
                    resolverMayEditOtherFiles ? true : null}) {
                if (given != null) {
                    throw new IllegalArgumentException("the --resolver-... options need --resolve-conflicts claude|SCRIPT");
                }
            }
            return null;
        }
        if (resolveConflicts.isBlank()) {
            throw new IllegalArgumentException("--resolve-conflicts needs claude or a shell command to run");
        }
        Worker resolver;
        if (resolveConflicts.strip().equals(ClaudeWorker.KIND)) {
            resolver = new ClaudeWorker(ResolverPrompt.forClaude(claudeConfig().withMaxTurns(null)
                    .withMaxBudgetUsd(resolverMaxBudgetUsd)));
        } else if (resolverMaxBudgetUsd != null) {
            throw new IllegalArgumentException("--resolver-max-budget-usd is for --resolve-conflicts claude; a command"
                    + " resolver has no budget to set");
        } else {
            resolver = CommandWorker.shell(resolveConflicts);
        }
        return ResolverOptions.of(resolver, layout.resolverDir()).withTimeout(minutes(resolverTimeoutMinutes,
                "--resolver-timeout")).withMayEditOtherFiles(resolverMayEditOtherFiles);
    }

    private Rerun rerun() {
        return switch (rerun.toLowerCase(Locale.ROOT)) {
            case "unfinished" -> Rerun.UNFINISHED;
            case "unstable" -> Rerun.UNSTABLE;
            case "all" -> Rerun.ALL;
            case "none" -> Rerun.NONE;
            default -> throw new IllegalArgumentException("--rerun must be unfinished, unstable, all or none, not '" + rerun
                    + "'");
        };
    }

    /** The workers by kind, built once: claude always, command when a script is given; a plan may name either. */
    private Map<String, Worker> workers() {
        Map<String, Worker> workers = new LinkedHashMap<>();
        workers.put(ClaudeWorker.KIND, new ClaudeWorker(claudeConfig()));
        if (workerCommand != null) {
            workers.put(CommandWorker.KIND, CommandWorker.shell(workerCommand));
        }
        return workers;
    }

    /** The default worker: --worker, or command when --worker-command is given. */
    private Worker chosen(Map<String, Worker> workers) {
        String kind = workerCommand != null ? CommandWorker.KIND : worker.toLowerCase(Locale.ROOT);
        Worker chosen = workers.get(kind);
        if (chosen == null && kind.equals(CommandWorker.KIND)) {
            throw new IllegalArgumentException("--worker command needs --worker-command 'SCRIPT'");
        }
        if (chosen == null) {
            throw new IllegalArgumentException("--worker must be claude or command, not '" + worker + "'");
        }
        return chosen;
    }

    private ClaudeWorkerConfig claudeConfig() {
        ClaudeWorkerConfig config = claude.applyTo(ClaudeWorkerConfig.defaults())
                .withTrustRepositorySettings(trustRepositorySettings);
        if (permissionMode != null) {
            config = config.withPermissionMode(ClaudePermissionMode.parse(permissionMode));
        }
        if (maxTurns != null) {
            config = config.withMaxTurns(maxTurns);
        }
        if (allowedTools != null) {
            config = config.withAllowedTools(ClaudeWorkerConfig.splitTools(allowedTools));
        }
        return config;
    }

    private CommitIdentity identity() {
        if (gitAuthor == null) {
            return CommitIdentity.DEFAULT;
        }
        Matcher m = AUTHOR.matcher(gitAuthor);
        if (!m.matches()) {
            throw new IllegalArgumentException("--git-author must look like 'Name <name@example.com>', not '" + gitAuthor + "'");
        }
        return new CommitIdentity(m.group(1), m.group(2));
    }

    private Granularity granularity() {
        try {
            return Granularity.valueOf(granularity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--granularity must be auto or fine, not '" + granularity + "'");
        }
    }

    private static Duration minutes(Integer value, String option) {
        if (value == null) {
            return null;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be a positive number of minutes");
        }
        return Duration.ofMinutes(value);
    }

    private static void printSummary(PrintWriter out, RunResult result) {
        out.println();
        for (WorkstreamReport w : result.report().workstreams()) {
            out.printf(Locale.ROOT, "  %-10s %s%s%n", w.status().toLowerCase(Locale.ROOT), w.id(),
                    w.reason() == null ? "" : ": " + w.reason());
        }
        var integration = result.report().integration();
        if (integration != null) {
            long merged = integration.merges().stream().filter(m -> m.status().integrated()).count();
            int total = result.report().workstreams().size();
            out.println("integration branch: " + integration.integrationBranch()
                    + (result.clean() ? " (everything merged)"
                            : !integration.clean() ? " (incomplete: see INTEGRATION.md)"
                            : " (merged " + merged + " of " + total + " workstreams; see above for why the others are not)"));
        }
        ScheduleSummary schedule = result.report().schedule();
        if (schedule != null && schedule.budget().worthShowing()) {
            out.println("budget: " + schedule.budget().describe());
        }
        out.println("report: " + result.layout().integrationMarkdown() + " and " + result.reportFile());
        out.flush();
    }
}
