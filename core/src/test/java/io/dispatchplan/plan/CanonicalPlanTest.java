package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.Plans;
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
}
