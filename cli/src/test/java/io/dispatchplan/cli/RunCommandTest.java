package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunCommandTest {
    @TempDir
    Path dir;

    TempRepo repo;
    Path plan;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n"));
        plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "feature: demo\nworkstreams: [{id: api}, {id: ui, dependsOn: [api]}]\n");
    }

    private static String worker(String forUi) {
        return "echo \"$WORKSTREAM_ID\" > \"$WORKSTREAM_ID.txt\"; git add -A; git commit -qm work; "
                + "echo done > \"$RESULTS_FILE\"; " + forUi;
    }

    @Test
    void aWorkerThatIsNotInstalledIsSaidBeforeAnyBranchIsMade() {
        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--claude",
                dir.resolve("no-such-claude").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not installed here").contains("Nothing was started");
        assertThat(repo.git("branch", "--list", "demo/*")).isBlank();
        assertThat(repo.dir().resolve(".dispatch-plan")).doesNotExist();
    }

    @Test
    void aCleanRunExitsZeroAndSaysWhereTheReportIs() {
        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(),
                "--worker-command", worker(""), "--retries", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("2 workstream(s)").contains("api  running").contains("ui   done")
                .contains("integration branch: demo/integration (everything merged)")
                .contains(".dispatch-plan/runs/demo/INTEGRATION.md");
        assertThat(repo.filesAt("demo/integration")).contains("api.txt", "ui.txt");
    }

    @Test
    void aFailedWorkstreamExitsOneAndItsDependentIsSkipped() {
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--out", out.toString(),
                "--worker-command", "[ \"$WORKSTREAM_ID\" = api ] && exit 4; " + worker(""), "--retries", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("failed     api").contains("skipped    ui: skipped: dependency api failed")
                .contains("integration branch: demo/integration (merged 0 of 2 workstreams; see above for why the"
                        + " others are not)")
                .doesNotContain("everything merged");
        assertThat(out.resolve("report.json")).exists();
    }

    @Test
    void badInputExitsTwo() throws Exception {
        assertThat(CommandRun.of("run", plan.toString(), "--repo", dir.resolve("none").toString(),
                "--worker-command", "true").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker", "command").err())
                .contains("--worker command needs --worker-command");
        assertThat(CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command", "true",
                "--conflicts", "merge").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command", "true",
                "--git-author", "nobody").err()).contains("--git-author must look like 'Name <name@example.com>'");
        Files.writeString(plan, "workstreams: [{id: a, dependsOn: [zz]}]\n");
        CommandRun badPlan = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command", "true");
        assertThat(badPlan.exitCode()).isEqualTo(2);
        assertThat(badPlan.err()).contains("'zz', which is not a workstream");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--max-parallel   | -5   | --max-parallel must be at least 1, not -5",
        "--max-parallel   | 0    | --max-parallel must be at least 1, not 0",
        "--retries        | -1   | --retries must be from 0 to 10, not -1",
        "--retries        | 11   | --retries must be from 0 to 10, not 11",
        "--timeout        | -3   | --timeout must be at least 1 minute, not -3",
        "--timeout        | 0    | --timeout must be at least 1 minute, not 0",
        "--deadline       | -1   | --deadline must be at least 1 minute, not -1",
        "--base-port      | -1   | --base-port must be from 1 to 65535, not -1",
        "--base-port      | 0    | --base-port must be from 1 to 65535, not 0",
        "--base-port      | 70000 | --base-port must be from 1 to 65535, not 70000",
        "--port-span      | 0    | --port-span must be from 1 to 65535, not 0",
        "--port-span      | -2   | --port-span must be from 1 to 65535, not -2",
        "--max-turns      | 0    | --max-turns must be at least 1, not 0",
        "--max-budget-usd | -2   | --max-budget-usd must be a positive number of dollars, not -2",
        "--max-budget-usd | 0    | --max-budget-usd must be a positive number of dollars, not 0",
        "--max-budget-usd | NaN  | --max-budget-usd must be a positive number of dollars, not NaN",
        "--max-budget-usd | Infinity | --max-budget-usd must be a positive number of dollars, not Infinity",
        "--idle-timeout   | -1   | --idle-timeout must be from 0 to 10080, not -1",
        "--idle-timeout   | 20000 | --idle-timeout must be from 0 to 10080, not 20000",
        "--max-total-budget-usd | 0 | --max-total-budget-usd must be a positive number of dollars, not 0",
        "--max-total-budget-usd | -1.5 | --max-total-budget-usd must be a positive number of dollars, not -1.5",
        "--rate-limit-quiet | 0 | --rate-limit-quiet must be from 1 to 3600, not 0",
        "--resolver-timeout | 0  | --resolver-timeout must be at least 1 minute, not 0",
        "--resolver-max-budget-usd | 0 | --resolver-max-budget-usd must be a positive number of dollars, not 0",
    })
    void numericOptionsOutOfRangeAreRefusedBeforeAnythingRuns(String option, String value, String message) {
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--out", out.toString(),
                "--worker-command", worker(""), option, value);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("dispatch-plan: " + message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(repo.git("branch", "--list", "demo/*")).isBlank();
    }

    @Test
    void aConflictIsHandedToTheResolverCommandAndItsResolutionMerged() throws Exception {
        Files.writeString(plan, "feature: demo\nworkstreams: [{id: api}, {id: web}]\n");
        String worker = "echo \"route by $WORKSTREAM_ID\" > routes.txt; git add -A; git commit -qm work; "
                + "echo \"$WORKSTREAM_ID changed the route\" > \"$RESULTS_FILE\"";
        String resolver = "cp \"$TASKS_FILE\" ../prompt-seen.md; echo 'route by api and web' > routes.txt;"
                + " git add routes.txt";
        Path out = dir.resolve("out");

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--out", out.toString(),
                "--worker-command", worker, "--retries", "0", "--resolve-conflicts", resolver);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("web: merged (routes.txt resolved by command)")
                .contains("integration branch: demo/integration (everything merged)");
        assertThat(repo.readFileAt("demo/integration", "routes.txt")).isEqualTo("route by api and web\n");
        assertThat(repo.git("log", "-1", "--format=%B", "demo/integration"))
                .contains("Resolved-by: dispatch-plan resolver (command)");
        assertThat(Files.readString(out.resolve("worktrees/demo/prompt-seen.md")))
                .contains("api changed the route", "web changed the route", "`routes.txt`");
        assertThat(Files.readString(out.resolve("INTEGRATION.md"))).contains("## Conflict resolver",
                "**accepted**", out.resolve("resolver/web").toString());
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"resolvedBy\" : \"command\"");
    }

    @Test
    void resolverOptionsNeedAResolver() {
        CommandRun alone = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command",
                worker(""), "--resolver-timeout", "5");
        CommandRun budgetForACommand = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(),
                "--worker-command", worker(""), "--resolve-conflicts", "true", "--resolver-max-budget-usd", "2");

        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("the --resolver-... options need --resolve-conflicts claude|SCRIPT");
        assertThat(budgetForACommand.exitCode()).isEqualTo(2);
        assertThat(budgetForACommand.err()).contains("--resolver-max-budget-usd is for --resolve-conflicts claude");
        assertThat(repo.git("branch", "--list", "demo/*")).isBlank();
    }

    @Test
    void portsMustFitEveryWorkstreamOfThePlan() {
        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command",
                worker(""), "--base-port", "65520", "--port-span", "10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--base-port 65520 with --port-span 10 needs ports up to 65539 for the plan's 2"
                + " workstreams, past 65535");
        assertThat(repo.git("branch", "--list", "demo/*")).isBlank();
    }

    /** A branch named like the feature leaves no room for '<feature>/integration': git's refusal, not a stack trace. */
    @Test
    void anUnexpectedFailureIsOneMessageNotAStackTrace() {
        repo.git("branch", "demo");

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(),
                "--worker-command", worker(""), "--retries", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("refs/heads/demo").contains("Nothing was started").doesNotContain("\tat ")
                .doesNotContain("Exception:");
        assertThat(repo.git("branch", "--list", "demo/*")).isBlank();
    }

    @Test
    void theBaseCannotBeAWorkstreamsOwnBranch() throws Exception {
        Files.writeString(plan, "feature: demo\nworkstreams: [{id: api, branch: topic}, {id: ui}]\n");
        repo.git("branch", "topic");

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--base", "topic",
                "--worker-command", worker(""));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--base 'topic' is the branch of workstream 'api'");
        assertThat(repo.git("branch", "--list", "demo/*")).isBlank();
    }

    @Test
    void aRepositoryThatTracksFilesInTheRunsStateIsRefused() {
        repo.commitFile(".dispatch-plan/runs/demo/state/api/claude-config/settings.json", "{\"hooks\": {}}\n", "plant");

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(),
                "--worker-command", worker(""), "--retries", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("the repository tracks .dispatch-plan/runs/demo/state/api/claude-config/settings.json"
                + " in the run's state directory", "choose another --out");
    }

    @Test
    void claudeLoadsNoRepositorySettingsUnlessTheyAreTrusted() throws Exception {
        Path claude = dir.resolve("claude");
        Files.writeString(claude, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$RESULTS_FILE\"\n"
                + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\","
                + "\"session_id\":\"s\",\"num_turns\":1}'\n");
        claude.toFile().setExecutable(true);
        Path results = dir.resolve("out/workstreams/api/RESULTS.md");

        CommandRun untrusted = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--claude",
                claude.toString(), "--out", dir.resolve("out").toString(), "--retries", "0");
        assertThat(untrusted.exitCode()).as(untrusted.out() + untrusted.err()).isZero();
        assertThat(Files.readAllLines(results)).containsSubsequence("--setting-sources", "", "--strict-mcp-config");

        CommandRun trusted = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--claude",
                claude.toString(), "--out", dir.resolve("out2").toString(), "--retries", "0", "--trust-repository-settings",
                "--feature", "demo2");
        assertThat(trusted.exitCode()).as(trusted.out() + trusted.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out2/workstreams/api/RESULTS.md")))
                .doesNotContain("--setting-sources", "--strict-mcp-config");
    }

    @Test
    void eachEventOfAClaudeWorkerIsALineOfTheRunsOutput() throws Exception {
        Path claude = dir.resolve("claude");
        Files.writeString(claude, String.join("\n", "#!/bin/sh",
                "printf '%s\\n' '{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"'\"$PWD\"'\",\"model\":\"sonnet\",\"tools\":[\"Bash\"]}'",
                "printf '%s\\n' '{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":\"npm test\"}}]}}'",
                "printf '%s\\n' '{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"tool_use\",\"name\":\"Edit\",\"input\":{\"file_path\":\"'\"$PWD\"'/src/api.ts\"}}]}}'",
                "echo done > \"$RESULTS_FILE\"",
                "printf '%s\\n' '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":2,\"total_cost_usd\":0.12,\"duration_ms\":4000}'",
                ""));
        claude.toFile().setExecutable(true);

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--claude",
                claude.toString(), "--out", dir.resolve("out").toString(), "--retries", "0", "--idle-timeout", "5");

        assertThat(run.out()).containsPattern("\\[\\d+ s\\] api +session started: model sonnet, 1 tool\n")
                .containsPattern("\\[\\d+ s\\] api +turn 1: Bash: npm test\n")
                .containsPattern("\\[\\d+ s\\] api +turn 2: Edit: src/api.ts\n")
                .containsPattern("\\[\\d+ s\\] api +result: success, 2 turns, \\$0.12, 4 s\n");
        assertThat(dir.resolve("out/workstreams/api/worker.events.jsonl")).exists();
    }

    @Test
    void theRunBudgetSkipsWhatItCannotReserveAndTheGovernorsChangesAreLines() throws Exception {
        Path claude = dir.resolve("claude");
        Files.writeString(claude, String.join("\n", "#!/bin/sh",
                "printf '%s\\n' '{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1,\"max_retries\":3,"
                        + "\"retry_delay_ms\":500,\"error_status\":429,\"error\":\"rate_limit\"}'",
                "echo done > \"$RESULTS_FILE\"",
                "printf '%s\\n' '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":1,"
                        + "\"total_cost_usd\":0.04,\"duration_ms\":1000}'",
                ""));
        claude.toFile().setExecutable(true);

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--claude",
                claude.toString(), "--out", dir.resolve("out").toString(), "--retries", "0", "--max-budget-usd", "0.05",
                "--max-total-budget-usd", "0.08");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("(claude worker, run budget $0.08)")
                .contains("rate limit: starting at most 1 worker at once (was 2): api reported rate_limit\n")
                .contains("ui not started: run budget reached ($0.04 of $0.08 spent)\n")
                .contains("skipped    ui: run budget reached ($0.04 of $0.08 spent)\n")
                .contains("budget: $0.04 spent, $0.00 reserved, cap $0.08\n");
    }
}
