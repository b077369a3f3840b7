package io.jenkins.plugins.dispatchplan.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.Turn;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readDispatchPlan normalize: true} on the agent: the run's Claude worker (the real CLI, against a scripted
 * Messages API on 127.0.0.1) writes the plan of a document in the workspace's checkout.
 */
class PlanNormalizingTest {
    private static final String ANSWER = """
            {"workstreams": [{"id": "worktrees"}, {"id": "merge", "dependsOn": ["worktrees"]}]}""";

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private Path workspace;
    private String head;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        TempRepo origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("README.md", "shop\n",
                "docs/workflow.md", Plans.seedText("seed-002-dispatch-workflow.md")));
        workspace = tmp.resolve("agent/workspace/job");
        origin.gitCli().output(tmp, "clone", "-q", origin.dir().toString(), workspace.toString());
        head = origin.head();
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private PlanNormalizing normalizing(FakeAnthropicApi to) throws Exception {
        ClaudeWorker claude = new ClaudeWorker();
        claude.setExecutable(ClaudeCodeCli.executable().toString());
        claude.setMaxBudgetUsd(0.25);
        return travelled(new PlanNormalizing("docs/workflow.md", claude, to.cliEnvironment(), PlanOptions.defaults()));
    }

    /** Through Java serialization, as it goes to the agent. */
    private static PlanNormalizing travelled(PlanNormalizing normalizing) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(normalizing);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PlanNormalizing) in.readObject();
        }
    }

    @Test
    void theWorkerWritesThePlanBesideTheDocumentAndTheControllerReadsItAsAnyPlan() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));

        PlanNormalizing.Result result = normalizing(api).normalize(workspace);

        assertThat(result.source).isEqualTo("docs/workflow.plan.json");
        assertThat(workspace.resolve("docs/workflow.plan.json")).hasContent(result.text);
        assertThat(result.description).startsWith("Claude Code wrote the plan of docs/workflow.md ($")
                .endsWith("to docs/workflow.plan.json. Review it, and commit it to keep it.");
        Plan plan = new ReadPlanStep().parse(result.text, result.source);
        assertThat(plan.ids()).containsExactly("worktrees", "merge");
        assertThat(plan.feature()).isEqualTo("workflow");
        assertThat(plan.normalized().from()).isEqualTo("docs/workflow.md");
        assertThat(plan.normalized().commit()).isEqualTo(head);
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void theNextBuildOfTheSameTextSendsNothing() throws Exception {
        api.enqueue(Turn.structuredOutput(ANSWER));
        String first = normalizing(api).normalize(workspace).text;

        try (FakeAnthropicApi silent = FakeAnthropicApi.start()) {
            PlanNormalizing.Result again = normalizing(silent).normalize(workspace);

            assertThat(again.text).isEqualTo(first);
            assertThat(again.description).contains("nothing was sent");
            assertThat(silent.requests()).isEmpty();
        }
    }

    @Test
    void anAnswerThatIsNotAPlanFailsTheStepAndWritesNothing() {
        api.enqueue(Turn.structuredOutput("""
                {"workstreams": [{"id": "merge", "dependsOn": ["worktree"]}]}"""));

        assertThatThrownBy(() -> normalizing(api).normalize(workspace))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("Claude Code's plan is not valid, so it was not written and nothing ran")
                .hasMessageContaining("'merge' depends on 'worktree', which is not a workstream in this plan");
        assertThat(workspace.resolve("docs/workflow.plan.json")).doesNotExist();
    }
}
