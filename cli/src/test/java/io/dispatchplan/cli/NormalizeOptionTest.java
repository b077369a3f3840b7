package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.JavaProcess;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --normalize} and {@code run --normalize} as a user runs them: the command line in a JVM of its own, the
 * real Claude Code CLI, and a scripted Messages API on 127.0.0.1 reached through the environment, as the API key is.
 */
class NormalizeOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = """
            {"workstreams": [{"id": "api", "title": "REST API"}, {"id": "ui", "dependsOn": ["api"]}]}""";

    @TempDir
    Path dir;

    private FakeAnthropicApi api;
    private TempRepo repo;
    private Path document;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n",
                "workflow.md", Plans.seedText("seed-002-dispatch-workflow.md")));
        document = repo.dir().resolve("workflow.md");
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private ProcessResult dispatchPlan(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--claude", ClaudeCodeCli.executable().toString()));
        return new ProcessRunner().run(ProcessSpec.of(JavaProcess.command(DispatchPlanCommand.class,
                all.toArray(String[]::new))).in(repo.dir()).env(api.cliEnvironment()).timeout(Duration.ofMinutes(2)));
    }

    @Test
    void planNormalizePrintsThePlanClaudeCodeWroteAndKeepsItBesideTheDocument() throws Exception {
        api.enqueue(Turn.structuredOutput(PLAN));

        ProcessResult first = dispatchPlan("plan", document.toString(), "--normalize", "--format", "json");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode printed = JSON.readTree(first.stdout());
        assertThat(printed.path("normalized").path("from").asText()).isEqualTo("workflow.md");
        assertThat(printed.path("normalized").path("commit").asText()).isEqualTo(repo.head());
        assertThat(printed.path("workstreams").get(1).path("dependsOn").toString()).isEqualTo("[\"api\"]");
        Path planFile = repo.dir().resolve("workflow.plan.json");
        assertThat(first.stderr()).contains("Claude Code wrote the plan of " + document).contains("to " + planFile)
                .contains("Review it, and commit it to keep it.");
        assertThat(JSON.readTree(planFile.toFile()).path("normalized").path("note").asText())
                .contains("Written by a model");

        ProcessResult second = dispatchPlan("plan", document.toString(), "--normalize");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).contains("Normalized by a model from workflow.md at commit " + repo.head())
                .contains("ui ");
        assertThat(second.stderr()).contains("read " + planFile + ", normalized earlier from this same text")
                .contains("nothing was sent");
        assertThat(api.requests()).as("the second run sent nothing").hasSize(1);
    }

    @Test
    void runNormalizeWithAnAnswerThatIsNotAPlanRunsNothing() {
        api.enqueue(Turn.structuredOutput("""
                {"workstreams": [{"id": "api", "dependsOn": ["ui"]}, {"id": "api"}]}"""));

        ProcessResult run = dispatchPlan("run", document.toString(), "--repo", repo.dir().toString(), "--normalize",
                "--worker-command", "echo done > \"$RESULTS_FILE\"");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stderr()).contains("Claude Code's plan is not valid, so it was not written and nothing ran")
                .contains("duplicate workstream");
        assertThat(repo.dir().resolve("workflow.plan.json")).doesNotExist();
        assertThat(repo.dir().resolve(".dispatch-plan")).doesNotExist();
        assertThat(repo.git("branch", "--list")).doesNotContain("api");
    }

    @Test
    void runNormalizeRunsThePlanClaudeCodeWrote() throws Exception {
        api.enqueue(Turn.structuredOutput(PLAN));

        ProcessResult run = dispatchPlan("run", document.toString(), "--repo", repo.dir().toString(), "--normalize",
                "--worker-command", "echo \"$WORKSTREAM_ID\" > \"$WORKSTREAM_ID.txt\"; git add -A; git commit -qm work;"
                        + " echo done > \"$RESULTS_FILE\"", "--retries", "0");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(repo.filesAt("workflow/integration")).contains("api.txt", "ui.txt");
        JsonNode runPlan = JSON.readTree(repo.dir().resolve(".dispatch-plan/runs/workflow/plan.json").toFile());
        assertThat(runPlan.path("normalized").path("from").asText()).as("the run's plan.json keeps the note")
                .isEqualTo("workflow.md");
    }
}
