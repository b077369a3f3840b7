package io.dispatchplan.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.normalize.PlanNormalizer.How;
import io.dispatchplan.normalize.PlanNormalizer.Normalized;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.plan.PlanSchema;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.RecordedRequest;
import io.dispatchplan.testsupport.fakeapi.Turn;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --normalize} with the real Claude Code CLI (pinned, installed by the build) against a scripted Messages API
 * on 127.0.0.1 that answers with the {@code StructuredOutput} tool call the CLI offers for {@code --json-schema}.
 */
class PlanNormalizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "specs/seed-002-dispatch-workflow.md";
    private static final String ANSWER = """
            {"title": "Dispatch workflow",
             "workstreams": [
               {"id": "worktrees", "title": "Worktree per workstream", "tasks": ["git worktree add"]},
               {"id": "workers", "title": "Workers with session ids", "dependsOn": ["worktrees"]},
               {"id": "merge", "title": "Merge --no-ff", "dependsOn": ["worktrees", "workers"],
                "preconditions": ["RESULTS.md reviewed"]}]}""";

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private TempRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        repo = TempRepo.init(tmp.resolve("repo"));
        repo.commitFile(DOCUMENT, Plans.seedText("seed-002-dispatch-workflow.md"), "the workflow");
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private PlanNormalizer normalizer(FakeAnthropicApi to) {
        ClaudeWorkerConfig claude = ClaudeWorkerConfig.defaults().withExecutable(ClaudeCodeCli.executable().toString())
                .withModel("sonnet").withMaxBudgetUsd(0.5);
        return new PlanNormalizer(claude, to.cliEnvironment()).withTimeout(Duration.ofSeconds(90));
    }

    private Normalized normalize() throws Exception {
        return normalizer(api).normalize(repo.dir(), repo.dir().resolve(DOCUMENT), PlanOptions.defaults());
    }

    private Path planFile() {
        return repo.dir().resolve("specs/seed-002-dispatch-workflow.plan.json");
    }

    @Test
    void theWorkflowDocumentIsNotAPlanWithoutNormalize() {
        assertThatThrownBy(() -> PlanReader.read(repo.dir(), repo.dir().resolve(DOCUMENT), PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("no workstreams found")
                .hasMessageContaining("--normalize")
                .hasMessageContaining("readDispatchPlan normalize: true");
    }

    @Test
    void asksClaudeCodeOnceAndWritesTheValidatedPlanBesideTheDocumentWithANote() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));
        String text = Files.readString(repo.dir().resolve(DOCUMENT));

        Normalized normalized = normalize();

        assertThat(normalized.how()).isEqualTo(How.ASKED);
        assertThat(normalized.costUsd()).isPositive();
        assertThat(normalized.replaced()).isFalse();
        Plan plan = normalized.plan();
        assertThat(plan.ids()).containsExactly("worktrees", "workers", "merge");
        assertThat(plan.workstream("merge").map(Workstream::dependsOn)).contains(List.of("worktrees", "workers"));
        assertThat(plan.workstream("merge").map(Workstream::preconditions)).contains(List.of("RESULTS.md reviewed"));
        assertThat(plan.feature()).as("from the document's name, as for any plan").isEqualTo("seed-002-dispatch-workflow");
        assertThat(plan.normalized().from()).isEqualTo(DOCUMENT);
        assertThat(plan.normalized().commit()).isEqualTo(repo.head());
        assertThat(plan.normalized().sourceSha256()).isEqualTo(PlanNormalizer.sha256(text));
        assertThat(plan.normalized().schemaVersion()).isEqualTo(PlanSchema.version());
        assertThat(plan.normalized().model()).isEqualTo("sonnet");

        assertThat(normalized.planFile()).isEqualTo(planFile());
        JsonNode written = JSON.readTree(planFile().toFile());
        assertThat(written.fieldNames().next()).as("the note comes first").isEqualTo("normalized");
        assertThat(written.path("normalized").path("note").asText()).contains("Written by a model")
                .contains(DOCUMENT).contains("at commit " + repo.head()).contains("Review it");
        assertThat(written.path("feature").asText()).isEqualTo("seed-002-dispatch-workflow");
        Plan onItsOwn = PlanReader.read(repo.dir(), planFile(), PlanOptions.defaults());
        assertThat(onItsOwn.feature()).as("the file run on its own has the same branches").isEqualTo(plan.feature());
        assertThat(onItsOwn.workstreams()).isEqualTo(plan.workstreams().stream()
                .map(w -> onItsOwn.workstream(w.id()).orElseThrow()).toList());
        assertThat(onItsOwn.workstreams().stream().map(Workstream::branch))
                .containsExactlyElementsOf(plan.workstreams().stream().map(Workstream::branch).toList());
    }

    @Test
    void sendsTheInstructionsTheDocumentAndTheSchemaAndNothingOfTheRepository() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));
        String text = Files.readString(repo.dir().resolve(DOCUMENT));

        normalize();

        assertThat(api.requests()).hasSize(1);
        RecordedRequest request = api.requests().get(0);
        assertThat(request.model()).as("--model sonnet, as the CLI names it").contains("sonnet");
        assertThat(request.texts().get(0)).startsWith(ClaudePlanCall.INSTRUCTIONS)
                .contains("<document>\n" + text + "</document>");
        assertThat(request.toolNames()).as("no tool that reads or runs anything")
                .containsExactlyInAnyOrder("StructuredOutput", "DeferredToolPlaceholder");
        JsonNode schema = null;
        for (JsonNode tool : request.body().path("tools")) {
            if (tool.path("name").asText().equals("StructuredOutput")) {
                schema = tool.path("input_schema");
            }
        }
        assertThat(schema).isEqualTo(JSON.readTree(PlanSchema.forModel()));
        assertThat(schema.path("properties").has("normalized")).as("readOnly properties are not asked for").isFalse();
        assertThat(request.body().toString()).doesNotContain(repo.dir().toString())
                .doesNotContain(repo.head());
    }

    @Test
    void theSameTextAgainIsReadFromThePlanFileAndNothingIsSent() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));
        Plan first = normalize().plan();

        try (FakeAnthropicApi silent = FakeAnthropicApi.start()) {
            Normalized again = normalizer(silent).normalize(repo.dir(), repo.dir().resolve(DOCUMENT),
                    PlanOptions.defaults());

            assertThat(again.how()).isEqualTo(How.CACHED);
            assertThat(again.costUsd()).isNull();
            assertThat(again.plan().workstreams()).isEqualTo(first.workstreams());
            assertThat(silent.requests()).isEmpty();
        }
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void thePlanJsonOfARunCommittedBesideTheDocumentServesAsWell() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));
        Plan first = normalize().plan();
        Files.writeString(planFile(), PlanJson.write(first));

        try (FakeAnthropicApi silent = FakeAnthropicApi.start()) {
            Normalized again = normalizer(silent).normalize(repo.dir(), repo.dir().resolve(DOCUMENT),
                    PlanOptions.defaults());

            assertThat(again.how()).isEqualTo(How.CACHED);
            assertThat(again.plan().workstreams()).isEqualTo(first.workstreams());
            assertThat(silent.requests()).isEmpty();
        }
    }

    @Test
    void aChangedDocumentIsAskedAgainAndItsPlanReplaced() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));
        normalize();
        Files.writeString(repo.dir().resolve(DOCUMENT), "# Dispatch workflow\n\nNow also a review step.\n");
        api.enqueue(Turn.structuredOutput("""
                {"workstreams": [{"id": "review"}]}"""));

        Normalized again = normalize();

        assertThat(again.how()).isEqualTo(How.ASKED);
        assertThat(again.replaced()).isTrue();
        assertThat(again.plan().ids()).containsExactly("review");
        assertThat(again.plan().normalized().commit()).as("the text read is not the committed one").isNull();
        assertThat(Files.readString(planFile())).contains("which was not committed as it is");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void anAnswerThatIsNotAValidPlanIsAClearErrorAndNothingIsWritten() {
        api.enqueue(Turn.structuredOutput("""
                {"workstreams": [{"id": "api"}, {"id": "ui", "dependsOn": ["apii"]}]}"""));

        assertThatThrownBy(this::normalize)
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith(repo.dir().resolve(DOCUMENT) + ": --normalize: ")
                .hasMessageContaining("Claude Code's plan is not valid, so it was not written and nothing ran")
                .hasMessageContaining("'ui' depends on 'apii', which is not a workstream in this plan")
                .hasMessageContaining("Did you mean 'api'?")
                .hasMessageContaining("\"dependsOn\" : [ \"apii\" ]");
        assertThat(planFile()).doesNotExist();
    }

    @Test
    void anAnswerTheSchemaRefusesIsSentBackByTheCliAndWithoutAPlanItIsAnError() {
        api.enqueue(Turn.structuredOutput("""
                {"workstreams": "api and ui"}"""), Turn.text("I cannot."), Turn.text("Still no plan."));

        assertThatThrownBy(this::normalize)
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("Claude Code answered without a plan ('Still no plan.')")
                .hasMessageContaining("Nothing was written and nothing ran");
        assertThat(api.requests().get(1).toolResults()).singleElement().asString()
                .contains("Output does not match required schema");
        assertThat(planFile()).doesNotExist();
    }

    @Test
    void anApiErrorIsSaidAndNothingIsWritten() {
        api.enqueue(Turn.persistentHttpError(401));

        assertThatThrownBy(this::normalize)
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("API error")
                .hasMessageContaining("Nothing was written and nothing ran")
                .hasMessageNotContaining(api.cliEnvironment().get("ANTHROPIC_API_KEY"));
        assertThat(planFile()).doesNotExist();
    }

    @Test
    void aPlanFileNotWrittenFromThisDocumentIsNeverReplaced() throws Exception {
        String own = "workstreams: [{id: mine}]\n";
        Files.writeString(planFile(), own);

        assertThatThrownBy(this::normalize)
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("this file is not one it wrote from that document")
                .hasMessageContaining("no 'normalized' note");
        assertThat(Files.readString(planFile())).isEqualTo(own);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aYamlPlanIsReadAsItIsWithoutAsking() throws Exception {
        Path yaml = repo.dir().resolve("plan.yaml");
        Files.writeString(yaml, "workstreams: [{id: api}, {id: ui, dependsOn: [api]}]\n");

        Normalized normalized = normalizer(api).normalize(repo.dir(), yaml, PlanOptions.defaults());

        assertThat(normalized.how()).isEqualTo(How.NOT_NEEDED);
        assertThat(normalized.plan().ids()).containsExactly("api", "ui");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void theModelsPlanIsValidatedWithTheCallersOptions() {
        Map<String, Object> cycle = new LinkedHashMap<>();
        cycle.put("workstreams", List.of(Map.of("id", "a", "dependsOn", List.of("b")),
                Map.of("id", "b", "dependsOn", List.of("a"))));
        api.enqueue(new Turn.ToolUse("StructuredOutput", cycle));

        assertThatThrownBy(() -> normalizer(api).normalize(repo.dir(), repo.dir().resolve(DOCUMENT),
                PlanOptions.defaults().withStrictCycles(true)))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("dependency cycle: a -> b -> a");
        assertThat(planFile()).doesNotExist();
    }
}
