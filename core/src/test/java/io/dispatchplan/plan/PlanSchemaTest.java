package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.Plans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** plan.schema.json is the one description of the plan form: the reader's keys and what a model is asked for. */
class PlanSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EVERY_KEY = """
            normalized:
              note: Written by a model
              from: specs/plan.md
              commit: 0123456789abcdef0123456789abcdef01234567
              sourceSha256: "0000000000000000000000000000000000000000000000000000000000000000"
              schemaVersion: 1
              model: sonnet
            feature: checkout
            title: Checkout
            baseBranch: main
            label: linux
            worker: claude
            timeoutMinutes: 30
            workstreams:
              - id: api
                title: API
                focus: endpoints
                tasks: [routes]
                files: [api.py]
                deliverables: [spec]
                dependsOn: []
                preconditions: [RFC approved]
                branch: feature/api
                label: gpu
                worker: command
                timeoutMinutes: 60
                estimate: 8
                phase: 1
                line: 3
            waves: [[api]]
            criticalPath: [api]
            warnings: []
            """;

    @Test
    void aPlanWithEveryKeyOfTheSchemaReads() throws Exception {
        Plan plan = Plans.yaml(EVERY_KEY);

        assertThat(plan.ids()).containsExactly("api");
        assertThat(plan.normalized().model()).isEqualTo("sonnet");
        assertThat(plan.workstream("api").orElseThrow().preconditions()).containsExactly("RFC approved");
    }

    @Test
    void theReaderAllowsExactlyTheKeysOfTheSchema() {
        List<String> planKeys = new ArrayList<>(PlanSchema.planKeys());
        planKeys.sort(null);
        List<String> workstreamKeys = new ArrayList<>(PlanSchema.workstreamKeys());
        workstreamKeys.sort(null);

        assertThatThrownBy(() -> Plans.yaml("dependOn: []\nworkstreams: [{id: api}]\n"))
                .hasMessageContaining("has an unknown key 'dependOn'. Allowed keys: " + String.join(", ", planKeys) + ".");
        assertThatThrownBy(() -> Plans.yaml("workstreams: [{id: api, dependOn: []}]\n"))
                .hasMessageContaining("Allowed keys: " + String.join(", ", workstreamKeys) + ".");
        assertThat(planKeys).contains("workstreams", "normalized", "waves");
        assertThat(workstreamKeys).contains("id", "dependsOn", "preconditions", "line");
    }

    @Test
    void theModelIsAskedForThePlanWithoutWhatDispatchPlanWritesItself() throws Exception {
        JsonNode schema = JSON.readTree(PlanSchema.forModel());

        assertThat(schema.path("properties").has("normalized")).isFalse();
        assertThat(schema.path("properties").has("waves")).isFalse();
        assertThat(schema.path("properties").has("criticalPath")).isFalse();
        assertThat(schema.path("properties").has("warnings")).isFalse();
        JsonNode workstream = schema.path("properties").path("workstreams").path("items");
        assertThat(workstream.path("properties").has("line")).isFalse();
        assertThat(workstream.path("properties").has("dependsOn")).isTrue();
        assertThat(workstream.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").toString()).isEqualTo("[\"workstreams\"]");
        assertThat(schema.path("$schema").asText()).as("the draft Claude Code's validator knows")
                .isEqualTo("http://json-schema.org/draft-07/schema#");
    }

    @Test
    void theNoteOfANormalizedPlanSurvivesPlanJson() throws Exception {
        Plan plan = Plans.yaml(EVERY_KEY);

        Plan again = PlanReader.parse(PlanJson.write(plan), "plan.json", PlanOptions.defaults());

        assertThat(again.normalized()).isEqualTo(plan.normalized());
        assertThat(JSON.readTree(PlanJson.write(plan)).fieldNames().next()).isEqualTo("normalized");
    }

    @Test
    void aNoteWithoutWhatItNeedsSaysWhatToDo() {
        assertThatThrownBy(() -> Plans.yaml("normalized: {note: hi, from: plan.md}\nworkstreams: [{id: api}]\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("plan.yaml:1: the 'normalized' note needs 'note', 'from', 'sourceSha256'")
                .hasMessageContaining("remove the note to keep this plan as your own");
        assertThatThrownBy(() -> Plans.yaml("normalized: {note: hi, from: plan.md, by: me}\nworkstreams: [{id: api}]\n"))
                .hasMessageContaining("the 'normalized' note has an unknown key 'by'");
    }
}
