package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.WorkerConfig;
import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.steps.CollectedWorkstream;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.PreparedWorkstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.TempRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What prepareWorkstream and collectWorkstream do on the agent, with real repositories and the worker's
 * command run by a real shell the way the durable {@code sh} step runs it.
 */
class WorkstreamOnAgentTest {
    static final String PLAN = """
            feature: shop
            workstreams:
              - {id: api, title: REST API, tasks: [Add the orders endpoint]}
              - {id: ui, title: Web UI, dependsOn: [api]}
            """;

    @TempDir
    Path tmp;
    TempRepo origin;
    String base;
    Path cache;
    Path workspace;
    String planJson;

    @BeforeEach
    void repository() throws Exception {
        origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("README.md", "shop\n"));
        base = origin.head();
        cache = tmp.resolve("agent/dispatch-plan/repositories");
        workspace = tmp.resolve("agent/workspace/job");
        Plan plan = new ReadPlanStep().parse(PLAN, "plan.yaml");
        planJson = PlanJson.write(plan);
    }

    WorkstreamSetup setup(String id, WorkerConfig worker, Map<String, String> dependencyResults) {
        return new WorkstreamSetup("folder/job", planJson, "shop", id, id.equals("api") ? "REST API" : "Web UI",
                "shop/" + id, origin.fileUrl(), base, worker, dependencyResults);
    }

    /** Runs the prepared command as {@code sh} would: in the worktree, with withEnv's variables. */
    static int runAsSh(PreparedWorkstream prepared) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", prepared.getCommand()).directory(Path.of(prepared.getPath()).toFile());
        for (String entry : prepared.getEnvironment()) {
            int eq = entry.indexOf('=');
            pb.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void preparesAWorktreeOnTheWorkstreamBranchAtTheBaseWithItsTasks() throws Exception {
        PreparedWorkstream prepared = new WorkstreamPreparation(cache, null)
                .prepare(setup("api", new CommandWorker("true"), Map.of()), workspace);

        Path worktree = workspace.resolve("shop/api");
        assertThat(prepared.getPath()).isEqualTo(worktree.toString());
        assertThat(prepared.isUnix()).isTrue();
        assertThat(Files.readString(worktree.resolve("README.md"))).isEqualTo("shop\n");
        assertThat(origin.gitCli().output(worktree, "rev-parse", "HEAD")).isEqualTo(base);
        assertThat(origin.gitCli().output(worktree, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("shop/api");
        assertThat(Files.readString(worktree.resolve("TASKS.md"))).contains("REST API").contains("Add the orders endpoint");
        assertThat(workspace.resolve("shop/COORDINATION.md")).exists();
        assertThat(origin.gitCli().output(worktree, "status", "--porcelain")).as("TASKS.md stays out of commits").isEmpty();
        assertThat(prepared.getEnvironment()).contains("WORKSTREAM_ID=api", "FEATURE=shop")
                .anyMatch(e -> e.startsWith("TASKS_FILE=") && e.endsWith("TASKS.md"))
                .anyMatch(e -> e.startsWith("GIT_AUTHOR_NAME="));
    }

    @Test
    void aFailedWorkersLastLinesComeBackMaskedAndItsWholeLogsAreArchivedMasked() throws Exception {
        String key = "sk-ant-api03-secret-value-0123456789";
        WorkstreamSetup setup = setup("api", new CommandWorker("for i in $(seq 1 400); do echo \"building step $i\"; done;"
                + " echo \"using $API_KEY\"; echo 'npm ERR! missing script: build' >&2; exit 1"), Map.of());
        PreparedWorkstream prepared = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", prepared.getCommand()).directory(Path.of(prepared.getPath()).toFile());
        pb.environment().put("API_KEY", key);
        int exit = pb.start().waitFor();

        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, exit, null, 1,
                RunSecrets.of("API_KEY", key));

        assertThat(collected.getStatus()).isEqualTo("FAILURE");
        assertThat(collected.getOutputTail()).contains("building step 400").contains("using ****")
                .contains("npm ERR! missing script: build").doesNotContain("building step 1\n").doesNotContain(key);
        assertThat(collected.getOutputTail().length()).isLessThan(4_200);
        Path archived = workspace.resolve(".dispatch-plan/workstreams/api");
        assertThat(Files.readString(archived.resolve("worker.stdout.log"))).contains("building step 1\n")
                .contains("using ****").doesNotContain(key);
        assertThat(archived.resolve("worker.stderr.log")).hasContent("npm ERR! missing script: build");
    }

    @Test
    void aSucceededWorkerHandsBackNoOutputTail() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("echo fine; echo done > \"$RESULTS_FILE\""), Map.of());
        int exit = runAsSh(new WorkstreamPreparation(cache, null).prepare(setup, workspace));

        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, exit);

        assertThat(collected.getStatus()).isEqualTo("SUCCESS");
        assertThat(collected.getOutputTail()).isNull();
        assertThat(workspace.resolve(".dispatch-plan/workstreams/api/worker.stdout.log")).hasContent("fine");
    }

    @Test
    void aDependentsTasksCarryWhatItsDependencyDelivered() throws Exception {
        new WorkstreamPreparation(cache, null).prepare(
                setup("ui", new CommandWorker("true"), Map.of("api", "Added GET /orders returning JSON.")), workspace);

        assertThat(Files.readString(workspace.resolve("shop/ui/TASKS.md"))).contains("Added GET /orders returning JSON.");
    }

    @Test
    void aDependentOnAnotherAgentStartsFromItsDependencysBundle() throws Exception {
        // api runs on agent 1 ...
        WorkstreamSetup api = setup("api", new CommandWorker("mkdir -p src && echo orders > src/api.txt && git add src"
                + " && git commit -qm 'api work' && echo done > \"$RESULTS_FILE\""), Map.of());
        runAsSh(new WorkstreamPreparation(cache, null).prepare(api, workspace));
        CollectedWorkstream apiDone = new WorkstreamCollection().collect(api, workspace, 0);
        assertThat(apiDone.getBundle()).isEqualTo("bundles/api.bundle");
        // ... its bundle travels as a stash to agent 2, which has never seen the branch ...
        Path cache2 = tmp.resolve("agent2/dispatch-plan/repositories");
        Path workspace2 = tmp.resolve("agent2/workspace/job");
        Files.createDirectories(workspace2.resolve(".dispatch-plan/bundles"));
        Files.copy(workspace.resolve(".dispatch-plan/bundles/api.bundle"), workspace2.resolve(".dispatch-plan/bundles/api.bundle"));
        WorkstreamSetup ui = setup("ui", new CommandWorker("test -f src/api.txt || exit 9; echo page > ui.txt"
                + " && echo done > \"$RESULTS_FILE\""), Map.of("api", "orders endpoint"));
        ui.dependencies = new java.util.ArrayList<>(List.of(new WorkstreamSetup.DependencyHead("api", "shop/api",
                apiDone.getHeadSha(), false)));

        // ... where ui's branch starts from the base with api's head merged in, without touching a worktree first.
        PreparedWorkstream prepared = new WorkstreamPreparation(cache2, null).prepare(ui, workspace2);

        Path worktree = Path.of(prepared.getPath());
        assertThat(worktree.resolve("src/api.txt")).hasContent("orders");
        assertThat(origin.gitCli().output(worktree, "log", "-1", "--format=%P %s").split(" ", 3))
                .containsExactly(base, apiDone.getHeadSha(), "Merge dependency api (shop/api) into shop/ui");
        assertThat(prepared.getStart()).contains("with api at " + apiDone.getHeadSha().substring(0, 12) + " merged in");
        assertThat(Files.readString(worktree.resolve("TASKS.md"))).contains("their code is already in your worktree")
                .contains("`shop/api` at commit `" + apiDone.getHeadSha().substring(0, 12) + "` is merged into your branch");
        int exit = runAsSh(prepared);
        CollectedWorkstream uiDone = new WorkstreamCollection().collect(ui, workspace2, exit);
        assertThat(uiDone.getStatus()).as(uiDone.getReason()).isEqualTo("SUCCESS");
        assertThat(uiDone.getCommits()).as("its WIP commit and the merge of api").isEqualTo(2);
        assertThat(uiDone.getBundle()).isEqualTo("bundles/ui.bundle");
    }

    @Test
    void twoJobsOnOneAgentNeverSeeEachOthersBranches() throws Exception {
        WorkstreamSetup mine = setup("api", new CommandWorker("echo mine > mine.txt; echo ok > \"$RESULTS_FILE\""), Map.of());
        runAsSh(new WorkstreamPreparation(cache, null).prepare(mine, workspace));
        CollectedWorkstream done = new WorkstreamCollection().collect(mine, workspace, 0);
        assertThat(done.getCommits()).isEqualTo(1);

        // Another job (a pull request's, say) with the same feature and workstream on the same agent.
        WorkstreamSetup theirs = new WorkstreamSetup("folder/job/PR-7", planJson, "shop", "api", "REST API", "shop/api",
                origin.fileUrl(), base, new CommandWorker("true"), Map.of());
        Path theirWorkspace = tmp.resolve("agent/workspace/job_PR-7");
        PreparedWorkstream prepared = new WorkstreamPreparation(cache, null).prepare(theirs, theirWorkspace);

        Path theirWorktree = Path.of(prepared.getPath());
        assertThat(origin.gitCli().output(theirWorktree, "rev-parse", "HEAD")).as("a fresh branch at the base").isEqualTo(base);
        assertThat(theirWorktree.resolve("mine.txt")).doesNotExist();
        assertThat(origin.gitCli().commonDir(theirWorktree)).isNotEqualTo(origin.gitCli().commonDir(workspace.resolve("shop/api")));
        assertThat(origin.gitCli().tryRevParse(origin.gitCli().commonDir(theirWorktree), "refs/heads/shop/api"))
                .contains(base);
    }

    @Test
    void aDependencyWhoseBranchNeverArrivedIsNamed() throws Exception {
        WorkstreamSetup ui = setup("ui", new CommandWorker("true"), Map.of());
        String elsewhere = "0123456789abcdef0123456789abcdef01234567";
        ui.dependencies = new java.util.ArrayList<>(List.of(new WorkstreamSetup.DependencyHead("api", "shop/api", elsewhere, false)));

        assertThatThrownBy(() -> new WorkstreamPreparation(cache, null).prepare(ui, workspace))
                .hasMessageContaining("dependency api (branch shop/api)").hasMessageContaining(elsewhere)
                .hasMessageContaining("did not arrive");
        assertThat(workspace.resolve("shop/ui")).doesNotExist();
    }

    @Test
    void theWorkerRunsFromItsCommandAndIsCollectedWithItsResults() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker(
                "echo \"done: $WORKSTREAM_TITLE\" > \"$RESULTS_FILE\"; echo code > orders.txt; echo to-the-log"), Map.of());
        PreparedWorkstream prepared = new WorkstreamPreparation(cache, null).prepare(setup, workspace);

        int exit = runAsSh(prepared);
        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, exit);

        assertThat(exit).isZero();
        assertThat(collected.getStatus()).isEqualTo("SUCCESS");
        assertThat(collected.getReason()).isNull();
        assertThat(collected.isResultsWritten()).isTrue();
        assertThat(collected.resultsMarkdown()).isEqualTo("done: REST API\n");
        Path archived = workspace.resolve(".dispatch-plan/workstreams/api");
        assertThat(archived.resolve("RESULTS.md")).hasContent("done: REST API");
        assertThat(archived.resolve("TASKS.md")).exists();
        assertThat(Files.readString(archived.resolve("worker-result.json"), StandardCharsets.UTF_8)).contains("SUCCEEDED");
        assertThat(collected.getArtifactsDir()).isEqualTo(".dispatch-plan");
        assertThat(collected.getArtifacts()).isEqualTo("workstreams/api/*");
        // Nothing the worker left is lost: it is committed on the workstream branch (RESULTS.md is archived instead).
        assertThat(collected.getWipCommit()).isNotNull();
        Path worktree = Path.of(prepared.getPath());
        assertThat(origin.gitCli().output(worktree, "show", "--name-only", "--format=%s", "HEAD"))
                .contains("WIP: uncommitted work of api").contains("orders.txt")
                .as("RESULTS.md is archived, not committed").doesNotContain("RESULTS.md");
    }

    @Test
    void aWorkerThatWritesNoResultsIsUnstableAndAFailingOneFails() throws Exception {
        WorkstreamSetup quiet = setup("api", new CommandWorker("echo work > file.txt"), Map.of());
        runAsSh(new WorkstreamPreparation(cache, null).prepare(quiet, workspace));
        CollectedWorkstream unstable = new WorkstreamCollection().collect(quiet, workspace, 0);
        assertThat(unstable.getStatus()).isEqualTo("UNSTABLE");
        assertThat(unstable.getReason()).containsIgnoringCase("RESULTS.md");
        assertThat(unstable.getWipCommit()).isNotNull();

        WorkstreamSetup failing = setup("ui", new CommandWorker("exit 3"), Map.of());
        int exit = runAsSh(new WorkstreamPreparation(cache, null).prepare(failing, workspace));
        CollectedWorkstream failed = new WorkstreamCollection().collect(failing, workspace, exit);
        assertThat(exit).isEqualTo(3);
        assertThat(failed.getStatus()).isEqualTo("FAILURE");
        assertThat(failed.getReason()).contains("3");
    }

    @Test
    void aReRunKeepsTheWorktreeAndAnEarlierRunsBranchWork() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("echo ok > \"$RESULTS_FILE\""), Map.of());
        runAsSh(new WorkstreamPreparation(cache, null).prepare(setup, workspace));
        new WorkstreamCollection().collect(setup, workspace, 0);
        String afterFirst = origin.gitCli().output(workspace.resolve("shop/api"), "rev-parse", "HEAD");

        new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        assertThat(origin.gitCli().output(workspace.resolve("shop/api"), "rev-parse", "HEAD")).isEqualTo(afterFirst);

        // Another workspace on the same agent (a later build): the branch is checked out there as it was left.
        Path otherWorkspace = tmp.resolve("agent/workspace/job@2");
        new WorkspaceCleaner(workspace.resolve("shop/api")).remove(cache);
        PreparedWorkstream again = new WorkstreamPreparation(cache, null).prepare(setup, otherWorkspace);
        assertThat(origin.gitCli().output(Path.of(again.getPath()), "rev-parse", "HEAD")).isEqualTo(afterFirst);
    }

    @Test
    void withoutKeepWorktreesTheWorktreeGoesAfterCollectingAndTheBranchComesBackNextRun() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("echo ok > \"$RESULTS_FILE\"; echo x > x.txt"), Map.of());
        setup.keepWorktree = false;
        runAsSh(new WorkstreamPreparation(cache, null).prepare(setup, workspace));
        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, 0);

        assertThat(workspace.resolve("shop/api")).as(collected.getCleanup()).doesNotExist();
        assertThat(collected.getCleanup()).isNotNull();
        assertThat(workspace.resolve(".dispatch-plan/workstreams/api/RESULTS.md")).exists();
        assertThat(workspace.resolve(".dispatch-plan/bundles/api.bundle")).exists();

        PreparedWorkstream again = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        assertThat(Path.of(again.getPath()).resolve("x.txt")).hasContent("x");
        assertThat(origin.gitCli().output(Path.of(again.getPath()), "rev-parse", "HEAD")).isEqualTo(collected.getHeadSha());
    }

    @Test
    void claudesCommandIsTheQuotedArgvWithItsEventsToTheFormatterAndItsStderrToTheLog() throws Exception {
        ClaudeWorker claude = new ClaudeWorker();
        claude.setModel("sonnet");
        claude.setAllowedTools("Bash, Edit");
        WorkstreamSetup setup = setup("api", claude, Map.of());
        PreparedWorkstream prepared = new WorkstreamPreparation(cache, null).prepare(setup, workspace);

        Path state = tmp.resolve("agent/workspace/job@tmp/dispatch-plan/shop/api");
        assertThat(prepared.getCommand()).startsWith("dp_out=" + state.resolve("worker.events.jsonl") + " dp_err="
                        + state.resolve("worker.stderr.log") + " ")
                .contains("\nclaude -p ").contains(" --output-format stream-json --verbose --session-id ")
                .contains(" --model sonnet").contains(" --allowedTools Bash Edit >\"$dp_fifo\" 2>\"$dp_err\" & dp_pid=$!\n")
                .contains(" dp_idle=900 dp_grace=60\n")
                .endsWith("exit \"$dp_status\"\n");
        assertThat(prepared.getEnvironment()).anyMatch(e -> e.startsWith("CLAUDE_CONFIG_DIR="));
        assertThat(prepared.getEnvironment()).noneMatch(e -> e.startsWith("ANTHROPIC_API_KEY"));
    }

    @Test
    void aCommandWorkersShCommandKeepsItsOutputInItsLogsUnderTheIdleLimit() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("make"), Map.of());
        setup.idleTimeoutSeconds = 0;
        Path state = tmp.resolve("agent/workspace/job@tmp/dispatch-plan/shop/api");

        assertThat(new WorkstreamPreparation(cache, null).prepare(setup, workspace).getCommand()).as("no limit: as before")
                .isEqualTo("sh -c make dispatch-plan-worker >" + state.resolve("worker.stdout.log") + " 2>"
                        + state.resolve("worker.stderr.log"));
        setup.idleTimeoutSeconds = 120;
        assertThat(new WorkstreamPreparation(cache, null).prepare(setup, workspace).getCommand())
                .contains(" dp_idle=120 ").contains("\nsh -c make dispatch-plan-worker >\"$dp_out\" 2>\"$dp_err\" & dp_pid=$!\n");
    }

    @Test
    void aSilentWorkerIsStoppedByTheIdleLimitRetriedAndAtTheLastAttemptItsWorkIsCommitted() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("echo half > half.txt; echo started; exec sleep 300"), Map.of());
        setup.idleTimeoutSeconds = 2;

        Sh first = runAsShWatchingStdout(new WorkstreamPreparation(cache, null).prepare(setup, workspace), Map.of());
        CollectedWorkstream retry = new WorkstreamCollection().collect(setup, workspace, first.exitStatus(), null, 1);

        assertThat(first.lines()).containsExactly("dispatch-plan: no event or output for 2 s: stopping the worker's"
                + " process tree");
        assertThat(retry.getRetryAfterSeconds()).isEqualTo(30);
        assertThat(retry.getReason()).isEqualTo("the command printed nothing for 2 s; its process tree was killed"
                + " (retryable: it went silent)");

        Sh last = runAsShWatchingStdout(new WorkstreamPreparation(cache, null).prepare(setup, workspace), Map.of());
        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, last.exitStatus(), null, 3);
        assertThat(collected.getRetryAfterSeconds()).isNull();
        assertThat(collected.getStatus()).isEqualTo("FAILURE");
        assertThat(collected.getReason()).startsWith("the command printed nothing for 2 s");
        assertThat(collected.getWipCommit()).isNotNull();
        assertThat(origin.gitCli().output(workspace.resolve("shop/api"), "show", "--name-only", "--format=%s", "HEAD"))
                .contains("half.txt");
    }

    /** What the {@code sh} step put in the stage log (stdout lines) and its exit status. */
    record Sh(List<String> lines, int exitStatus) {
    }

    /** Runs the prepared command as the durable {@code sh} step does, reading its stdout: the stage log. */
    static Sh runAsShWatchingStdout(PreparedWorkstream prepared, Map<String, String> more) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", prepared.getCommand()).directory(Path.of(prepared.getPath()).toFile());
        for (String entry : prepared.getEnvironment()) {
            int eq = entry.indexOf('=');
            pb.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        pb.environment().putAll(more);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Sh(lines, p.exitValue());
    }

    @Test
    void aTemporaryFailureIsRetriedWithBackoffUpToTheThirdAttempt() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("exit 75"), Map.of());
        int exit = runAsSh(new WorkstreamPreparation(cache, null).prepare(setup, workspace));

        CollectedWorkstream first = new WorkstreamCollection().collect(setup, workspace, exit, null, 1);
        CollectedWorkstream second = new WorkstreamCollection().collect(setup, workspace, exit, null, 2);
        CollectedWorkstream third = new WorkstreamCollection().collect(setup, workspace, exit, null, 3);

        assertThat(first.getRetryAfterSeconds()).isEqualTo(30);
        assertThat(second.getRetryAfterSeconds()).isEqualTo(60);
        assertThat(first.getBundle()).as("nothing collected before the last attempt").isNull();
        assertThat(workspace.resolve("shop/api")).isDirectory();
        assertThat(third.getRetryAfterSeconds()).isNull();
        assertThat(third.getStatus()).isEqualTo("FAILURE");
    }

    @Test
    void aFailureThatRetryingCannotFixIsFinalAtOnce() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("exit 1"), Map.of());
        int exit = runAsSh(new WorkstreamPreparation(cache, null).prepare(setup, workspace));

        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, exit, null, 1);

        assertThat(collected.getRetryAfterSeconds()).isNull();
        assertThat(collected.getStatus()).isEqualTo("FAILURE");
    }

    /** A stand-in for the claude CLI that refuses a session flag the way the real one does, then succeeds. */
    ClaudeWorker refusingClaude(String refusedFlag, String message) throws Exception {
        Path script = tmp.resolve("claude-" + refusedFlag.substring(2));
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "for a in \"$@\"; do if [ \"$a\" = '" + refusedFlag + "' ]; then echo '" + message + "' >&2; exit 1; fi; done",
                "echo ok > \"$RESULTS_FILE\"",
                "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\",\"session_id\":\"s\",\"num_turns\":1}'",
                ""));
        script.toFile().setExecutable(true);
        ClaudeWorker claude = new ClaudeWorker();
        claude.setExecutable(script.toString());
        return claude;
    }

    @Test
    void whenClaudeCannotResumeTheTranscriptIsSetAsideAndTheNextAttemptStartsAfresh() throws Exception {
        WorkstreamSetup setup = setup("api", refusingClaude("--resume", "No conversation found with session ID"), Map.of());
        Path projects = setup.stateDir(workspace).resolve("claude-config/projects/p");
        Files.createDirectories(projects);
        Files.writeString(projects.resolve(io.dispatchplan.worker.ClaudeWorker.sessionId(setup.request(workspace)) + ".jsonl"), "");

        PreparedWorkstream first = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        assertThat(first.getCommand()).contains(" --resume ");
        CollectedWorkstream refused = new WorkstreamCollection().collect(setup, workspace, runAsSh(first), null, 1);
        assertThat(refused.getRetryAfterSeconds()).isZero();

        PreparedWorkstream second = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        assertThat(second.getCommand()).contains(" --session-id ");
        CollectedWorkstream done = new WorkstreamCollection().collect(setup, workspace, runAsSh(second), null, 2);
        assertThat(done.getStatus()).isEqualTo("SUCCESS");
    }

    @Test
    void whenClaudeSaysTheSessionIsInUseTheNextAttemptResumesIt() throws Exception {
        WorkstreamSetup setup = setup("api", refusingClaude("--session-id", "Session ID is already in use"), Map.of());

        PreparedWorkstream first = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        assertThat(first.getCommand()).contains(" --session-id ");
        assertThat(new WorkstreamCollection().collect(setup, workspace, runAsSh(first), null, 1).getRetryAfterSeconds()).isZero();

        PreparedWorkstream second = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        assertThat(second.getCommand()).contains(" --resume ");
        assertThat(new WorkstreamCollection().collect(setup, workspace, runAsSh(second), null, 2).getStatus()).isEqualTo("SUCCESS");
    }

    @Test
    void eachWorktreeGetsItsPortBlockTheIncludedFilesAndItsSetupCommandKeptOutOfCommits() throws Exception {
        Files.createDirectories(workspace);
        Files.writeString(workspace.resolve(".env"), "SECRET=local\nPORT=3000\n");
        WorkstreamSetup setup = setup("ui", new CommandWorker("echo \"$PORT\" > port.txt; echo ok > \"$RESULTS_FILE\""), Map.of());
        setup.index = 2;
        setup.basePort = 4000;
        setup.portSpan = 10;
        setup.include.add(".env");
        setup.setupScript = "echo \"set up $WORKSTREAM_ID\" > setup.txt";

        PreparedWorkstream prepared = new WorkstreamPreparation(cache, null).prepare(setup, workspace);
        Path worktree = Path.of(prepared.getPath());

        assertThat(prepared.getEnvironment()).contains("PORT=4020");
        assertThat(Files.readString(worktree.resolve(".env"))).isEqualTo("SECRET=local\nPORT=4020\n");
        assertThat(worktree.resolve("setup.txt")).hasContent("set up ui");
        runAsSh(prepared);
        assertThat(worktree.resolve("port.txt")).hasContent("4020");
        new WorkstreamCollection().collect(setup, workspace, 0);
        String committed = origin.gitCli().output(worktree, "show", "--name-only", "--format=", "HEAD");
        assertThat(committed).contains("port.txt").doesNotContain(".env");
    }

    @Test
    void aFailingSetupCommandStopsThePreparationWithItsOutput() throws Exception {
        WorkstreamSetup setup = setup("api", new CommandWorker("true"), Map.of());
        setup.setupScript = "echo missing-tool >&2; exit 4";

        assertThatThrownBy(() -> new WorkstreamPreparation(cache, null).prepare(setup, workspace))
                .isInstanceOf(io.dispatchplan.worktree.WorktreeSetupException.class)
                .hasMessageContaining("exit code 4").hasMessageContaining("missing-tool");
    }

    @Test
    void collectingWithoutAWorktreeSaysWhatToCallFirst() {
        assertThatThrownBy(() -> new WorkstreamCollection().collect(setup("api", new CommandWorker("true"), Map.of()), workspace, 0))
                .hasMessage("no worktree at " + workspace.resolve("shop/api") + ": call prepareWorkstream('api') in the same node block first");
    }

    /** Removes a worktree the way the cleanup after a build does (git worktree remove, prune). */
    /** Removes a worktree from the (job's) repository it belongs to, as a wiped workspace would leave things. */
    record WorkspaceCleaner(Path worktree) {
        void remove(Path cacheRoot) throws Exception {
            io.dispatchplan.git.GitCli git = new io.dispatchplan.git.GitCli();
            Path repository = git.commonDir(worktree);
            assertThat(repository).startsWith(cacheRoot);
            git.worktreeRemove(repository, worktree, true);
        }
    }


}
