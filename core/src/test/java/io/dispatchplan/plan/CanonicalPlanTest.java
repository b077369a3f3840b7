package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.Plans;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPlanTest {

    @Test
    void yamlPlanWithDefaultsAndEveryField() throws Exception {
        Plan plan = Plans.yaml("""
                feature: checkout
                baseBranch: main
                label: ai-workers
                timeoutMinutes: 30
                workstreams:
                  - id: api
                    title: REST API
                    focus: Endpoints for orders
                    tasks: [Create routes, Validate input]
                    files: [api/routes.py]
                    deliverables: [OpenAPI spec]
                    estimate: 3
                  - id: ui
                    depends_on: [api]
                    branch: feat/ui
                    label: gpu
                    worker: command
                    timeoutMinutes: 90
                """);

        assertThat(plan.feature()).isEqualTo("checkout");
        assertThat(plan.baseBranch()).isEqualTo("main");
        Workstream api = plan.workstream("api").orElseThrow();
        assertThat(api.tasks()).containsExactly("Create routes", "Validate input");
        assertThat(api.branch()).isEqualTo("checkout/api");
        assertThat(api.label()).isEqualTo("ai-workers");
        assertThat(api.timeoutMinutes()).isEqualTo(30);
        assertThat(api.estimate()).isEqualTo(3.0);
        assertThat(api.line()).isEqualTo(6);
        Workstream ui = plan.workstream("ui").orElseThrow();
        assertThat(ui.dependsOn()).containsExactly("api");
        assertThat(ui.label()).isEqualTo("gpu");
        assertThat(ui.worker()).isEqualTo("command");
        assertThat(ui.timeoutMinutes()).isEqualTo(90);
    }

    @Test
    void jsonIsReadToo() throws Exception {
        Plan plan = PlanReader.parse("{\"workstreams\": [{\"id\": \"a\"}, {\"id\": \"b\", \"dependsOn\": [\"a\"]}]}",
                "plan.json", PlanOptions.defaults());
        assertThat(plan.workstream("b").orElseThrow().dependsOn()).containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-000-spec-list.md", "seed-001-streams.md", "seed-003-tracks.md", "seed-004-strategies.md"})
    void planJsonReadsBackAsTheSamePlan(String seed) throws Exception {
        Plan plan = Plans.seed(seed, PlanOptions.defaults());

        Plan again = PlanReader.parse(PlanJson.write(plan), "plan.json", PlanOptions.defaults());

        assertThat(again.feature()).isEqualTo(plan.feature());
        assertThat(again.title()).isEqualTo(plan.title());
        assertThat(again.workstreams()).isEqualTo(plan.workstreams());
    }

    @Test
    void aliasesAreExpandedToWhatTheirAnchorHolds() throws Exception {
        Plan plan = Plans.yaml("""
                workstreams:
                  - id: api
                    files: &common [a.py, b.py]
                    dependsOn: &after-db [db]
                  - id: db
                  - id: ui
                    files: *common
                    dependsOn: *after-db
                """);

        assertThat(plan.workstream("ui").orElseThrow().files()).containsExactly("a.py", "b.py");
        assertThat(plan.workstream("ui").orElseThrow().dependsOn()).containsExactly("db");
    }

    @Test
    void mergeKeysFillInWhatTheMappingDoesNotSay() throws Exception {
        Plan plan = Plans.yaml("""
                workstreams:
                  - &defaults {id: api, label: gpu, timeoutMinutes: 30}
                  - <<: *defaults
                    id: ui
                    timeoutMinutes: 90
                """);

        Workstream ui = plan.workstream("ui").orElseThrow();
        assertThat(ui.label()).isEqualTo("gpu");
        assertThat(ui.timeoutMinutes()).isEqualTo(90);
    }

    @Test
    void anAliasToAnUndefinedAnchorNamesTheLine() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: api
                    files: *nowhere
                """))
                .hasMessageContaining("plan.yaml:3: alias '*nowhere' refers to no anchor")
                .hasMessageContaining("&nowhere");
    }

    @Test
    void aBillionLaughsDocumentIsRefusedNamingTheLimit() {
        StringBuilder yaml = new StringBuilder("workstreams:\n  - id: a\n    tasks: &a [")
                .append(String.join(", ", Collections.nCopies(9, "lol"))).append("]\n");
        String previous = "a";
        for (String name : List.of("b", "c", "d", "e", "f", "g", "h", "i")) {
            yaml.append("  - id: ").append(name).append("\n    tasks: &").append(name).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*" + previous))).append("]\n");
            previous = name;
        }

        assertThatThrownBy(() -> Plans.yaml(yaml.toString()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("aliases expand to more than 10000 values")
                .hasMessageContaining("Write the repeated lists out");
    }

    @Test
    void duplicateKeysAreErrorsNamingTheKeyAndBothLines() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: a
                  - id: b
                    dependsOn: [a]
                    dependsOn: []
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("plan.yaml:5: duplicate key 'dependsOn' (first at line 4)")
                .hasMessageContaining("merge the two");
    }

    @Test
    void twoSpellingsOfOneKeyAreADuplicateToo() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: a
                  - id: b
                    depends_on: [a]
                    dependsOn: []
                """))
                .hasMessageContaining("plan.yaml:5: 'dependsOn' and 'depends_on' (line 4) are the same key");
    }

    @Test
    void duplicateKeysInJsonAreErrorsToo() {
        assertThatThrownBy(() -> PlanReader.parse("{\"workstreams\": [{\"id\": \"a\", \"id\": \"b\"}]}", "plan.json",
                PlanOptions.defaults()))
                .hasMessageContaining("plan.json:1: duplicate key 'id'");
    }

    @Test
    void aSecondYamlDocumentIsAnErrorNotSilentlyIgnored() {
        assertThatThrownBy(() -> Plans.yaml("workstreams: [{id: a}]\n---\nworkstreams: [{id: b}]\n"))
                .hasMessageContaining("plan.yaml:3: a second YAML document starts here (after a '---' line)");
    }

    @Test
    void tooDeepNestingSaysWhichLimitAndWhatToDo() {
        for (int depth : List.of(200, 5000)) {
            String yaml = "workstreams:\n  - id: x\n    files: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
            assertThatThrownBy(() -> Plans.yaml(yaml))
                    .as("depth " + depth)
                    .hasMessageContaining("plan.yaml:3: nested more than 50 levels deep")
                    .hasMessageContaining("unclosed '[' or '{'")
                    .hasMessageNotContaining("Fix the syntax")
                    .hasMessageNotContaining("StreamReadConstraints");
        }
    }

    @Test
    void anOversizedYamlPlanSaysWhichLimitAndWhatToDo() {
        String yaml = "workstreams:\n" + "  - id: w\n    focus: " + "x".repeat(3 * 1024 * 1024) + "\n";

        assertThatThrownBy(() -> Plans.yaml(yaml))
                .hasMessageContaining("plan.yaml: " + yaml.length() + " characters, more than the"
                        + " 3145728 a YAML/JSON plan may have")
                .hasMessageContaining("Split the plan")
                .hasMessageNotContaining("Fix the syntax");
    }

    @Test
    void errorsAboutAKeyNameTheKeysLine() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: a
                    title: A

                    estimate: lots
                """)).hasMessageContaining("plan.yaml:5: workstream #1 ('a'): 'estimate' must be a positive number");
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: a
                    dependOn: [b]
                """)).hasMessageContaining("plan.yaml:3: workstream #1 ('a') has an unknown key 'dependOn'");
    }
}
