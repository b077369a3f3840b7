package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.BuildXml;

import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleStateTest {
    static final String DIAMOND = """
            feature: shop
            workstreams:
              - {id: a}
              - {id: b, dependsOn: [a]}
              - {id: c, dependsOn: [a]}
              - {id: d, dependsOn: [b, c]}
            """;

    /** A gate that remembers what it was told. */
    static final class Gate implements ScheduleState.Waiter {
        final List<String> told = new ArrayList<>();

        @Override
        public void granted() {
            told.add("start");
        }

        @Override
        public void skipped(String reason) {
            told.add(reason);
        }
    }

    static Plan plan(String yaml) throws Exception {
        return new ReadPlanStep().parse(yaml, "plan.yaml");
    }

    @Test
    void aWorkstreamWithoutDependenciesStartsAtOnce() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);

        ScheduleState.Answer answer = state.request("a", new Gate());

        assertThat(answer.decision().isStart()).isTrue();
        assertThat(answer.deliveries()).isEmpty();
        assertThat(state.state("a")).isEqualTo(WorkstreamState.RUNNING);
    }

    @Test
    void aDependentWaitsSayingForWhatAndStartsWhenItsDependencySucceeds() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);
        state.request("a", new Gate());
        Gate b = new Gate();

        assertThat(state.request("b", b).decision()).isNull();
        assertThat(state.waitingStatus("b")).isEqualTo("waiting for: a");
        List<ScheduleState.Delivery> deliveries = state.finished("a", Outcome.SUCCEEDED, null);

        assertThat(b.told).as("not told before the state is saved and the delivery made").isEmpty();
        deliveries.forEach(ScheduleState.Delivery::deliver);
        assertThat(b.told).containsExactly("start");
    }

    @Test
    void aFreeSlotIsWhatAReadyWorkstreamWaitsForUnderMaxParallel() throws Exception {
        ScheduleState state = new ScheduleState(plan("workstreams: [{id: x}, {id: y}]"), 1, false);
        state.request("x", new Gate());
        Gate y = new Gate();

        assertThat(state.request("y", y).decision()).isNull();
        assertThat(state.waitingStatus("y")).isEqualTo("waiting for a free slot (1 running, maxParallel 1)");
        state.finished("x", Outcome.FAILED, "worker exited with 1").forEach(ScheduleState.Delivery::deliver);
        assertThat(y.told).containsExactly("start");
    }

    @Test
    void aFailureSkipsWaitingDependentsWithTheReason() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);
        state.request("a", new Gate());
        Gate b = new Gate();
        Gate d = new Gate();
        state.request("b", b);
        state.request("d", d);

        state.finished("a", Outcome.FAILED, "no RESULTS.md").forEach(ScheduleState.Delivery::deliver);

        assertThat(b.told).containsExactly("skipped: dependency a failed");
        assertThat(d.told).containsExactly("skipped: dependency b, c was skipped (a failed)");
        assertThat(state.request("c", new Gate()).decision().getReason()).isEqualTo("skipped: dependency a failed");
    }

    @Test
    void anUnstableDependencyStillLetsDependentsStart() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);
        state.request("a", new Gate());
        Gate b = new Gate();
        state.request("b", b);

        state.finished("a", Outcome.UNSTABLE, "no RESULTS.md").forEach(ScheduleState.Delivery::deliver);

        assertThat(b.told).containsExactly("start");
    }

    @Test
    void theScheduleSurvivesSavingAndLoadingTheBuildMidRun() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 1, false);
        state.request("a", new Gate());
        state.request("b", new Gate());
        state.finished("a", Outcome.SUCCEEDED, null);

        ScheduleState loaded = BuildXml.roundTrip(state);

        assertThat(loaded.states()).isEqualTo(state.states());
        assertThat(loaded.states()).containsEntry("a", WorkstreamState.SUCCEEDED).containsValue(WorkstreamState.RUNNING);
        // After a restart the waiting gates ask again (onResume) and are answered from the restored state.
        String running = loaded.states().entrySet().stream()
                .filter(e -> e.getValue() == WorkstreamState.RUNNING).findFirst().orElseThrow().getKey();
        String waiting = running.equals("b") ? "c" : "b";
        assertThat(loaded.request(running, new Gate()).decision().isStart()).isTrue();
        Gate resumed = new Gate();
        assertThat(loaded.request(waiting, resumed).decision()).isNull();
        loaded.finished(running, Outcome.SUCCEEDED, null).forEach(ScheduleState.Delivery::deliver);
        assertThat(resumed.told).containsExactly("start");
    }

    @Test
    void reportingAWorkstreamThatIsNotRunningSaysWhatToDo() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);

        assertThatThrownBy(() -> state.finished("b", Outcome.SUCCEEDED, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("workstream b is waiting, not running: report a workstream once, after waitForWorkstream let it start");
        assertThatThrownBy(() -> state.request("zz", new Gate()))
                .hasMessage("no workstream 'zz' in this build's plan; its ids are a, b, c, d");
    }

    @Test
    void passingAGateTwiceIsRefused() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);
        state.request("a", new Gate());
        state.finished("a", Outcome.SUCCEEDED, null);

        assertThatThrownBy(() -> state.request("a", new Gate()))
                .hasMessage("workstream a already ran in this build (succeeded); each workstream's gate is passed once");
    }

    @Test
    void aStoppedGateIsForgotten() throws Exception {
        ScheduleState state = new ScheduleState(plan(DIAMOND), 4, false);
        state.request("a", new Gate());
        Gate b = new Gate();
        state.request("b", b);

        state.cancel("b", b);
        state.finished("a", Outcome.SUCCEEDED, null).forEach(ScheduleState.Delivery::deliver);

        assertThat(b.told).isEmpty();
        assertThat(state.state("b")).as("granted, and answered when its gate asks again").isEqualTo(WorkstreamState.RUNNING);
    }
}
