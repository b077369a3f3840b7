package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(run.out()).contains("failed     api").contains("skipped    ui: skipped: dependency api failed");
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
}
