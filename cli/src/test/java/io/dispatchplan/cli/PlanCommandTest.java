package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.testsupport.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path seed(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, Plans.seedText(name));
        return file;
    }

    @Test
    void jsonHasTheDocumentedShapeAndStdoutIsOnlyJson() throws Exception {
        CommandRun run = CommandRun.of("plan", seed("seed-000-spec-list.md").toString(), "--format", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("feature").asText()).isEqualTo("seed-000-spec-list");
        JsonNode first = root.get("workstreams").get(0);
        assertThat(first.get("id").asText()).isEqualTo("database-schema-completion");
        for (String field : List.of("title", "dependsOn", "branch", "tasks", "files")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(texts(root.get("workstreams").get(5).get("dependsOn")))
                .containsExactly("task-crud-api", "dashboard-frontend");
        assertThat(root.get("waves").get(0).isArray()).isTrue();
        assertThat(texts(root.get("criticalPath"))).startsWith("database-schema-completion");
        assertThat(texts(root.get("warnings"))).singleElement().asString().contains("dropped the dependency");
        assertThat(run.err()).contains("warning: dependency cycle");
    }

    @Test
    void textShowsTheTableWavesAndCriticalPath() throws Exception {
        CommandRun run = CommandRun.of("plan", seed("seed-003-tracks.md").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("track-c  Service Clients            track-a, track-b")
                .contains("Waves").contains("2. track-c, track-g")
                .contains("Critical path (5): track-a -> track-c -> track-d -> track-e -> track-f");
    }

    @Test
    void textEndsWithABudgetForecastWhenCapsAreGiven() throws Exception {
        CommandRun run = CommandRun.of("plan", seed("seed-003-tracks.md").toString(), "--max-budget-usd", "0.05",
                "--max-total-budget-usd", "0.12");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("""

                Budget forecast: 7 workstreams x $0.05 per worker = $0.35 at most
                  run cap $0.12: at least 2 of 7 start; the others start only if earlier ones spend less than their\
                 cap, else they are skipped
                """);
        assertThat(CommandRun.of("plan", seed("seed-003-tracks.md").toString()).out()).doesNotContain("Budget");
        CommandRun bad = CommandRun.of("plan", seed("seed-003-tracks.md").toString(), "--max-total-budget-usd", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("dispatch-plan: --max-total-budget-usd must be a positive number of dollars,"
                + " not 0 (spending of the whole run). See 'dispatch-plan plan --help'.\n");
    }

    @Test
    void strictMakesTheCycleAnErrorWithExitCode2() throws Exception {
        CommandRun run = CommandRun.of("plan", seed("seed-000-spec-list.md").toString(), "--strict");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("dependency cycle: dashboard-frontend -> realtime-websocket-events -> dashboard-frontend");
    }

    @Test
    void aBulletNotReadIsAWarningAndWithStrictAnErrorWithExitCode2() throws Exception {
        Path plan = seed("phase-bullet-not-read.md");
        CommandRun lenient = CommandRun.of("plan", plan.toString(), "--format", "json");
        CommandRun strict = CommandRun.of("plan", plan.toString(), "--strict");

        assertThat(lenient.exitCode()).isZero();
        assertThat(texts(JSON.readTree(lenient.out()).get("warnings"))).singleElement().asString()
                .startsWith("line 9: '**Remove legacy billing**' looks like a workstream but was not read");
        assertThat(lenient.err()).contains("warning: line 9: '**Remove legacy billing**'");
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("phase-bullet-not-read.md:9: '**Remove legacy billing**' looks like a"
                + " workstream but was not read");
    }

    @Test
    void notAPlanExitsWith2AndSaysWhatWasLookedFor() throws Exception {
        CommandRun run = CommandRun.of("plan", seed("seed-002-dispatch-workflow.md").toString(), "--format", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no workstreams found").contains("Looked for:")
                .contains("let Claude Code write the plan from this document, to review and commit: --normalize");
    }

    @Test
    void fineGranularityAndFeatureOverride() throws Exception {
        CommandRun run = CommandRun.of("plan", seed("seed-001-streams.md").toString(), "--format", "json",
                "--granularity", "fine", "--feature", "Solo Dev");

        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("feature").asText()).isEqualTo("solo-dev");
        assertThat(root.get("workstreams")).hasSize(11);
        assertThat(root.get("workstreams").get(9).get("branch").asText()).isEqualTo("solo-dev/d1");
    }

    @Test
    void mermaidAndDotDrawEveryEdge() throws Exception {
        Path plan = seed("seed-003-tracks.md");
        String mermaid = CommandRun.of("plan", plan.toString(), "--format", "mermaid").out();
        String dot = CommandRun.of("plan", plan.toString(), "--format", "dot").out();

        assertThat(mermaid).startsWith("flowchart LR").contains("w0 --> w2").contains("w1 --> w6");
        assertThat(mermaid.lines().filter(l -> l.contains("-->")).count()).isEqualTo(7);
        assertThat(dot).startsWith("digraph plan").contains("\"track-b\" -> \"track-g\";");
    }

    @Test
    void badArgumentsExitWith2() throws Exception {
        assertThat(CommandRun.of("plan").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("plan", seed("seed-003-tracks.md").toString(), "--format", "xml").exitCode()).isEqualTo(2);
        CommandRun missing = CommandRun.of("plan", dir.resolve("nope.md").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such plan file");
    }

    @Test
    void aDirectoryOrABinaryFileIsNamedForWhatItIs() throws Exception {
        CommandRun directory = CommandRun.of("plan", dir.toString());
        Path png = dir.resolve("diagram.md");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        CommandRun binary = CommandRun.of("plan", png.toString());

        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains(dir + ": this is a directory, not a plan file").doesNotContain("no such");
        assertThat(binary.exitCode()).isEqualTo(2);
        assertThat(binary.err()).contains(png + ": not UTF-8 text").doesNotContain("Input length");
        for (CommandRun run : List.of(directory, binary)) {
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aBadYamlPlanNamesTheLineAndNoStackTrace() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "workstreams:\n  - id: a\n  - id: b\n    dependsOn: [a]\n    dependsOn: []\n");

        CommandRun run = CommandRun.of("plan", plan.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("dispatch-plan: " + plan + ":5: duplicate key 'dependsOn' (first at line 4)")
                .doesNotContain("Exception");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
