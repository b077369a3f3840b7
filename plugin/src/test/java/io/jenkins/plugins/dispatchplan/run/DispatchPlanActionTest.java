package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.BuildXml;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

public class DispatchPlanActionTest {

    public static DispatchPlanAction action() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        ClaudeWorker claude = new ClaudeWorker();
        claude.setModel("sonnet");
        step.setWorker(claude);
        step.setMaxParallel(3);
        Plan plan = step.parse(ScheduleStateTest.DIAMOND, "plan.yaml");
        return new DispatchPlanAction(plan, RunSettings.of(step, new RunDefaults()));
    }

    @Test
    void holdsOneRowPerWorkstreamAndTheGraphsWaves() throws Exception {
        DispatchPlanAction action = action();
        assertThat(action.getWorkstreams()).extracting(WorkstreamRecord::getId).containsExactly("a", "b", "c", "d");
        assertThat(action.getWaves()).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
        assertThat(action.workstream("b").getBranch()).isEqualTo("shop/b");
        assertThat(action.getUrlName()).isEqualTo("dispatch-plan");
        assertThat(action.getMaxParallel()).isEqualTo(3);
        assertThat(action.getWorker()).isEqualTo("claude");
        assertThat(action.getPlanJson()).contains("\"feature\" : \"shop\"");
    }

    @Test
    void rowsTellStatusDurationAndCostForPeople() throws Exception {
        DispatchPlanAction action = action();
        WorkstreamRecord a = action.workstream("a");
        a.started(1_000);
        a.ended("SUCCEEDED", null, 1_000 + 725_000);
        a.worker(1.234, "3f1c0f6e-0000-5000-8000-000000000000");
        action.workstream("b").ended("SKIPPED", "skipped: dependency a failed", 2_000);

        assertThat(a.getDurationText()).isEqualTo("12m 5s");
        assertThat(a.getCostText()).isEqualTo("$1.23");
        assertThat(action.workstream("c").getDurationText()).isEmpty();
        assertThat(action.getStatusCounts()).isEqualTo("1 succeeded, 1 skipped, 2 waiting");
    }

    @Test
    void survivesSavingAndLoadingWithTheBuild() throws Exception {
        DispatchPlanAction action = action();
        action.workstream("a").started(5);
        action.integration(new IntegrationRecord("shop/integration", List.of("a"), List.of("b: failed"), "UNSTABLE", null));

        DispatchPlanAction loaded = BuildXml.roundTrip(action);

        assertThat(loaded.getWorkstreams()).extracting(WorkstreamRecord::getStatus).containsExactly("RUNNING", "WAITING", "WAITING", "WAITING");
        assertThat(loaded.getWaves()).isEqualTo(action.getWaves());
        assertThat(loaded.getWorker()).isEqualTo("claude");
        assertThat(((ClaudeWorker) loaded.settings().getWorker()).getModel()).isEqualTo("sonnet");
        assertThat(loaded.getIntegration().getNotMerged()).containsExactly("b: failed");
        assertThat(loaded.getRun()).isNull();
    }

    @Test
    void aRowShowsItsWorkersTurnsAndLastActivityAndKeepsThemWithTheBuild() throws Exception {
        DispatchPlanAction action = action();
        action.workstream("a").activity(12, "turn 12: Bash: npm test", 1_796_114_683_000L);

        DispatchPlanAction loaded = BuildXml.roundTrip(action);

        WorkstreamRecord a = loaded.workstream("a");
        assertThat(a.getTurns()).isEqualTo(12);
        assertThat(a.getLastActivity()).isEqualTo("turn 12: Bash: npm test");
        assertThat(a.getActivityText()).isEqualTo("12 turns · turn 12: Bash: npm test");
        assertThat(a.getLastActivityTime()).isEqualTo("2026-12-01 08:44:43 UTC");
        assertThat(loaded.workstream("b").getActivityText()).isEmpty();
        assertThat(loaded.workstream("b").getLastActivityTime()).isEmpty();
    }
}
