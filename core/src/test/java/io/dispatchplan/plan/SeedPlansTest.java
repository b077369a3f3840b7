package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.PlanOptions.Granularity;
import io.dispatchplan.testsupport.Plans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real plans users sent (src/test/resources/plans/seed-*.md) must read exactly as their authors meant. */
class SeedPlansTest {

    private static Map<String, List<String>> dependencies(Plan plan) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        plan.workstreams().forEach(w -> deps.put(w.id(), w.dependsOn()));
        return deps;
    }

    @Test
    void specListHasSixSpecsAndBreaksItsCycleByThePlansPhases() throws Exception {
        Plan plan = Plans.seed("seed-000-spec-list.md", PlanOptions.defaults());

        assertThat(plan.ids()).containsExactly("database-schema-completion", "task-crud-api", "bullmq-integration",
                "dashboard-frontend", "claude-code-wrapper-integration", "realtime-websocket-events");
        assertThat(dependencies(plan)).containsExactly(
                Map.entry("database-schema-completion", List.of()),
                Map.entry("task-crud-api", List.of("database-schema-completion")),
                Map.entry("bullmq-integration", List.of("database-schema-completion")),
                // dashboard-frontend -> realtime-websocket-events is the dropped edge
                Map.entry("dashboard-frontend", List.of("task-crud-api")),
                Map.entry("claude-code-wrapper-integration", List.of("bullmq-integration", "database-schema-completion")),
                Map.entry("realtime-websocket-events", List.of("task-crud-api", "dashboard-frontend")));
        assertThat(plan.workstream("dashboard-frontend").orElseThrow().phase()).isEqualTo(2);
        assertThat(plan.workstream("realtime-websocket-events").orElseThrow().phase()).isEqualTo(3);
        assertThat(plan.warnings()).singleElement().asString()
                .contains("dashboard-frontend -> realtime-websocket-events -> dashboard-frontend")
                .contains("dropped the dependency dashboard-frontend -> realtime-websocket-events")
                .contains("phase 2").contains("phase 3");
    }

    @Test
    void specListBeforeCycleBreakingDeclaresBothDirections() throws Exception {
        assertThatThrownBy(() -> Plans.seed("seed-000-spec-list.md", PlanOptions.defaults().withStrictCycles(true)))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("dependency cycle: dashboard-frontend -> realtime-websocket-events -> dashboard-frontend")
                .hasMessageContaining("seed-000-spec-list.md:30");
    }

    @Test
    void streamsAreFourWithSubAssignmentsAsTheirTasksAndFiles() throws Exception {
        Plan plan = Plans.seed("seed-001-streams.md", PlanOptions.defaults());

        assertThat(plan.ids()).containsExactly("stream-a", "stream-b", "stream-c", "stream-d");
        assertThat(dependencies(plan)).containsEntry("stream-a", List.of()).containsEntry("stream-b", List.of())
                .containsEntry("stream-c", List.of())
                .containsEntry("stream-d", List.of("stream-a", "stream-b", "stream-c"));
        Workstream a = plan.workstream("stream-a").orElseThrow();
        assertThat(a.title()).isEqualTo("State Machine Enhancement Team");
        assertThat(a.focus()).isEqualTo("Enhance state machines for solo developer experience");
        assertThat(a.tasks()).contains("Add new states (EXPLORING, PAUSED, QUICK_FIX, etc.)",
                "Create session management system", "Build batch approval UI components").hasSize(15);
        assertThat(a.files()).contains("lib/state_machine.py", "lib/workflow_states.py", "lib/batch_ui_models.py");
        assertThat(plan.workstream("stream-d").orElseThrow().files())
                .contains("lib/integrations/chat_state_bridge.py", "tools/visualizer/unified_app.py");
    }

    @Test
    void streamsAtFineGranularityAreTheSubAssignmentsWithWaitForAsDependencies() throws Exception {
        Plan plan = Plans.seed("seed-001-streams.md", PlanOptions.defaults().withGranularity(Granularity.FINE));

        assertThat(plan.ids()).containsExactly("a1", "a2", "a3", "a4", "b1", "b2", "c1", "c2", "c3", "d1", "d2");
        assertThat(dependencies(plan)).containsEntry("d1", List.of("a1", "b1")).containsEntry("d2", List.of("b2", "a2"))
                .containsEntry("a1", List.of()).containsEntry("c3", List.of());
        Workstream a1 = plan.workstream("a1").orElseThrow();
        assertThat(a1.tasks()).containsExactly("Add new states (EXPLORING, PAUSED, QUICK_FIX, etc.)",
                "Implement flexible transition rules", "Add state validation logic",
                "Enhance TDD state machine with solo dev features", "Add skip mechanisms for rapid development",
                "Implement state rollback capabilities");
        assertThat(a1.files()).containsExactly("lib/state_machine.py", "lib/workflow_states.py",
                "lib/tdd_state_machine.py", "lib/tdd_flexibility.py");
    }

    @Test
    void dispatchWorkflowIsNotAPlan() {
        assertThatThrownBy(() -> Plans.seed("seed-002-dispatch-workflow.md", PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("no workstreams found")
                .hasMessageContaining("'### Stream A: Title'")
                .hasMessageContaining("Depends on");
    }

    @Test
    void tracksFollowTheirDependencySectionsNotTheDiagram() throws Exception {
        Plan plan = Plans.seed("seed-003-tracks.md", PlanOptions.defaults());

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("track-a", List.of()),
                Map.entry("track-b", List.of()),
                Map.entry("track-c", List.of("track-a", "track-b")),
                Map.entry("track-d", List.of("track-b", "track-c")),
                Map.entry("track-e", List.of("track-d")),
                Map.entry("track-f", List.of("track-e")),
                Map.entry("track-g", List.of("track-b")));
        Workstream a = plan.workstream("track-a").orElseThrow();
        assertThat(a.tasks()).containsExactly("A.1 Validate docker-compose.yml", "A.2 Create service wrapper scripts",
                "A.3 Environment configuration");
        assertThat(a.deliverables()).contains("Working docker-compose up command");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void strategiesGiveFourDevelopersOnTheirOwnBranches() throws Exception {
        Plan plan = Plans.seed("seed-004-strategies.md", PlanOptions.defaults());

        assertThat(plan.ids()).containsExactly("developer-1", "developer-2", "developer-3", "developer-4");
        assertThat(plan.workstreams()).extracting(Workstream::branch).containsExactly("feature/phase1-handlers",
                "feature/phase1-tests", "feature/phase1-e2e", "feature/phase1-docs");
        assertThat(plan.workstreams()).allSatisfy(w -> assertThat(w.dependsOn()).isEmpty());
        assertThat(plan.workstream("developer-1").orElseThrow().title()).isEqualTo("Handler & Backend");
        assertThat(plan.workstream("developer-1").orElseThrow().tasks()).containsExactly("T001-T006 (Handler forwarding fixes)");
    }

    @Test
    void featureComesFromTheFileNameWithoutATimestamp() {
        assertThat(FeatureNames.fromSource("specs/2025_06_07_14_35_00_conversation_system.md")).isEqualTo("conversation_system");
        assertThat(FeatureNames.fromSource("plans/2025-06-07-auth.md")).isEqualTo("auth");
        assertThat(FeatureNames.fromSource("seed-000-spec-list.md")).isEqualTo("seed-000-spec-list");
    }
}
