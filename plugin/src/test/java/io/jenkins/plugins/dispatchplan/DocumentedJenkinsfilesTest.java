package io.jenkins.plugins.dispatchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.Plan;
import io.jenkins.plugins.dispatchplan.RecordingPipelineSteps.Call;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.plugins.pipeline.modeldefinition.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Jenkinsfile the documentation shows runs as written: each {@code docs/examples/*.Jenkinsfile}, and each Groovy
 * example in README.md and docs/ that calls {@code dispatchPlan}, goes through the Groovy expansion harness (the
 * shipped {@code DispatchPlan.groovy}, the steps' own option checks, Declarative as the examples use it). The plan
 * and the workers are stand-ins, as the examples' are the user's. Each runs once with every worker succeeding and once
 * with the first workstream failing, which must skip its dependent and never unstash what was not stashed.
 */
class DocumentedJenkinsfilesTest {
    private static final Path REPOSITORY = Path.of("..");

    @BeforeEach
    void forgetMarkedStages() {
        Utils.MARKED_SKIPPED.clear();
    }

    @Test
    void everyExampleJenkinsfileRunsWhenEveryWorkerSucceeds() throws Exception {
        Map<String, String> examples = documented();
        assertThat(examples).containsKeys("docs/examples/building-blocks.Jenkinsfile", "docs/examples/scripted.Jenkinsfile",
                "docs/examples/command-worker.Jenkinsfile", "README.md example 1");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            RecordingPipelineSteps steps = steps();
            run(example, steps);

            assertThat(calls(steps, "reportWorkstream")).as(example.getKey()).extracting(Call::detail)
                    .containsExactlyInAnyOrder("api SUCCESS", "web SUCCESS");
            assertThat(calls(steps, "integrateWorkstreams")).as(example.getKey()).hasSize(1);
            assertThat(calls(steps, "error")).as(example.getKey()).isEmpty();
            assertThat(calls(steps, "unstash")).as(example.getKey() + ": the branches reach integration")
                    .extracting(Call::detail).anyMatch(name -> name.endsWith("api")).anyMatch(name -> name.endsWith("web"));
        }
    }

    @Test
    void everyExampleJenkinsfileRunsWhenAWorkstreamFailsAndItsDependentIsSkipped() throws Exception {
        for (Map.Entry<String, String> example : documented().entrySet()) {
            Utils.MARKED_SKIPPED.clear();
            RecordingPipelineSteps steps = steps().workerExits("api", 1);
            run(example, steps);

            assertThat(calls(steps, "reportWorkstream")).as(example.getKey()).extracting(Call::detail)
                    .containsExactly("api FAILURE");
            assertThat(calls(steps, "gate passed")).as(example.getKey()).extracting(Call::detail)
                    .contains("web skipped: dependency api failed");
            assertThat(calls(steps, "error")).as(example.getKey() + ": only the failed worker's own error")
                    .extracting(Call::detail).containsExactly("worker exited with 1");
            assertThat(calls(steps, "unstash")).as(example.getKey() + ": nothing of the failed or skipped is unstashed")
                    .isEmpty();
            assertThat(calls(steps, "integrateWorkstreams")).as(example.getKey()).hasSize(1);
        }
    }

    @Test
    void theHarnessFailsWhatJenkinsWouldRefuse() throws Exception {
        assertThatThrownBy(() -> run("dispatchPlan plan: 'specs/x.md', maxParalel: 2"))
                .hasMessageContaining("ReadPlanStep has no parameter 'maxParalel'");
        assertThatThrownBy(() -> run("dispatchPlan plan: 'specs/x.md', worker: claude(model: 'sonnet', budget: 5)"))
                .hasMessageContaining("ClaudeWorker has no parameter 'budget'");
        assertThatThrownBy(() -> run("dispatchPlan plan: 'specs/x.md', worker: command(script: './w.sh'),"
                + " credentialsId: 'openai-api-key'")).hasMessageContaining("binds nothing for a command(...) worker without"
                        + " apiKeyVariable");
        assertThatThrownBy(() -> run("dispatchPlan plan: 'specs/x.md', push: true"))
                .hasMessageContaining("push: true needs feature: in the Jenkinsfile");
        assertThatThrownBy(() -> run("node { unstash 'branch-api' }")).hasMessage("No such saved stash 'branch-api'");
        assertThatThrownBy(() -> run("pipeline { agent none; environment { X = '1' } }"))
                .hasMessageContaining("does not know the Declarative directive 'environment'");
        assertThatThrownBy(() -> run("dispatchPlan plan: 'specs/x.md'\nnotAStep 'x'")).hasMessageContaining("notAStep");
    }

    // ---- helpers ----

    private static RecordingPipelineSteps steps() throws Exception {
        Plan plan = new ReadPlanStep().parse(JenkinsfileRunner.resource(DocumentedJenkinsfilesTest.class, "examples-plan.yaml"),
                "examples-plan.yaml");
        return new RecordingPipelineSteps(plan, null);
    }

    private static void run(Map.Entry<String, String> example, RecordingPipelineSteps steps) throws Exception {
        try {
            JenkinsfileRunner.run(example.getValue(), example.getKey(), steps);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(example.getKey() + " does not run as written: " + e.getMessage() + "\n"
                    + String.join("\n", steps.calls().stream().map(Object::toString).toList()), e);
        }
    }

    private static void run(String jenkinsfile) throws Exception {
        JenkinsfileRunner.run(jenkinsfile, "inline", steps());
    }

    private static List<Call> calls(RecordingPipelineSteps steps, String step) {
        return steps.calls().stream().filter(c -> c.step().equals(step)).toList();
    }

    /** Every docs/examples/*.Jenkinsfile, and every ```groovy block of README.md and docs/*.md calling dispatchPlan. */
    static Map<String, String> documented() throws IOException {
        Map<String, String> examples = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("docs/examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".Jenkinsfile")).sorted().toList()) {
                examples.put("docs/examples/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("docs"))) {
            pages.addAll(files.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        Pattern block = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);
        for (Path page : pages) {
            Matcher m = block.matcher(Files.readString(page, StandardCharsets.UTF_8));
            int n = 0;
            while (m.find()) {
                n++;
                if (m.group(1).contains("dispatchPlan ")) {
                    String name = REPOSITORY.relativize(page).toString();
                    examples.put(name + " example " + n, m.group(1));
                }
            }
        }
        return examples;
    }
}
