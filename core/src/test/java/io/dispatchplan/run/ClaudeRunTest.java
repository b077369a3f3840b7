package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import io.dispatchplan.worker.ClaudeWorker;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run with the real Claude Code CLI as the worker, against a scripted Anthropic API on 127.0.0.1: the
 * CLI reads its TASKS.md, edits and commits in its worktree, writes RESULTS.md, and the branches merge.
 */
class ClaudeRunTest {
    @TempDir
    Path dir;

    @Test
    void claudeWorkersDoTheWorkAndTheirBranchesMerge() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "shop\n"));
        Plan plan = Plans.yaml("""
                feature: shop
                workstreams:
                  - {id: api, title: Order API, tasks: [Add the orders endpoint]}
                  - {id: ui, title: Order page, dependsOn: [api]}
                """);
        String work = "echo \"made by claude for $WORKSTREAM_ID\" > claude-$WORKSTREAM_ID.txt && git add -A"
                + " && git commit -qm \"$WORKSTREAM_ID by claude\" && echo \"# Results of $WORKSTREAM_ID\" > RESULTS.md";
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            api.enqueue(Turn.bash(work), Turn.text("api done"), Turn.bash(work), Turn.text("ui done"));
            ClaudeWorker claude = new ClaudeWorker(ClaudeWorkerConfig.defaults()
                    .withExecutable(ClaudeCodeCli.executable().toString()));
            RunOptions options = RunOptions.builder(repo.dir(), dir.resolve("out"), claude)
                    .retry(RetryPolicy.none())
                    .timeouts(Duration.ofMinutes(2), null)
                    .workerEnvironment(api.cliEnvironment())
                    .build();

            RunResult result = new LocalDispatcher().run(plan, options, RunListener.NONE);

            assertThat(result.report().workstreams()).extracting(WorkstreamReport::status).containsOnly("SUCCEEDED");
            assertThat(result.clean()).isTrue();
            assertThat(repo.readFileAt("shop/integration", "claude-api.txt")).isEqualTo("made by claude for api\n");
            assertThat(repo.readFileAt("shop/integration", "claude-ui.txt")).isEqualTo("made by claude for ui\n");
            WorkstreamReport apiReport = result.report().workstream("api").orElseThrow();
            assertThat(apiReport.sessionId()).isNotBlank();
            assertThat(apiReport.turns()).isPositive();
            assertThat(apiReport.costUsd()).isNotNull();
            assertThat(Files.readString(result.layout().workstreamDir("ui").resolve("RESULTS.md"))).contains("Results of ui");
            assertThat(api.conversationRequests().get(0).mentions("TASKS.md")).isTrue();
            assertThat(api.turnsLeft()).isZero();
            String key = api.cliEnvironment().get("ANTHROPIC_API_KEY");
            try (var files = Files.walk(dir.resolve("out"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as("no secret in " + file).doesNotContain(key);
                }
            }
        }
    }
}
