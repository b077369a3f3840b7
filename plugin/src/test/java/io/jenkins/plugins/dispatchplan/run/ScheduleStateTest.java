package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.BuildXml;

import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class ScheduleStateTest {
    public static final String DIAMOND = """
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

    static final String SIX = "workstreams: [{id: a}, {id: b}, {id: c}, {id: d}, {id: e}, {id: f}]";

    @Test
    void theBudgetIsASchedulerInputAndSurvivesSavingAndLoadingTheBuild() throws Exception {
        ScheduleState state = new ScheduleState(plan(SIX), 4, false, 0.12, 0.05, Duration.ofSeconds(60));
        assertThat(state.request("a", new Gate()).decision().isStart()).isTrue();
        assertThat(state.request("b", new Gate()).decision().isStart()).isTrue();
        assertThat(state.request("c", new Gate()).decision()).as("$0.10 reserved: $0.05 more is past $0.12").isNull();
        assertThat(state.waitingStatus("c")).isEqualTo("waiting for room in the run budget ($0.05 needed; $0.00 spent,"
                + " $0.10 reserved, cap $0.12)");
        state.spent("a", 1, 0.02);
        state.spent("a", 2, 0.025);
        state.finished("a", Outcome.SUCCEEDED, null);

        ScheduleState loaded = BuildXml.roundTrip(state);

        assertThat(loaded.budget()).isEqualTo(state.budget());
        assertThat(loaded.budget()).isEqualTo(new BudgetSummary(0.12, 0.045, 0.05));
        assertThat(loaded.spentBy("a")).isEqualTo(0.045);
        loaded.spent("a", 2, 0.025);
        assertThat(loaded.spentBy("a")).as("an attempt reported again counts once").isEqualTo(0.045);
        // After the restart the waiting gates ask again; b's end leaves no room, so they are skipped, saying why.
        List<Gate> waiting = new ArrayList<>();
        for (String id : List.of("c", "d", "e", "f")) {
            Gate gate = new Gate();
            waiting.add(gate);
            assertThat(loaded.request(id, gate).decision()).isNull();
        }
        loaded.spent("b", 1, 0.05);
        loaded.finished("b", Outcome.SUCCEEDED, null).forEach(ScheduleState.Delivery::deliver);
        for (Gate gate : waiting) {
            assertThat(gate.told).containsExactly("run budget reached ($0.10 of $0.12 spent)");
        }
        assertThat(loaded.budget()).isEqualTo(new BudgetSummary(0.12, 0.095, 0.0));
    }

    @Test
    void theGovernorsLimitAndChangesSurviveSavingAndLoadingTheBuild() throws Exception {
        ScheduleState state = new ScheduleState(plan(SIX), 4, false, null, null, Duration.ofSeconds(60));
        for (String id : List.of("a", "b", "c", "d")) {
            state.request(id, new Gate());
        }
        Instant limited = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        List<RateGovernor.Change> cut = state.rateLimited("b", "rate_limit", limited);

        assertThat(cut).extracting(RateGovernor.Change::describe)
                .containsExactly("rate limit: starting at most 2 workers at once (was 4): b reported rate_limit");
        assertThat(state.takeUnloggedChanges()).isEqualTo(cut);
        assertThat(state.takeUnloggedChanges()).as("logged once").isEmpty();
        state.finished("a", Outcome.SUCCEEDED, null);
        state.finished("b", Outcome.SUCCEEDED, null);

        ScheduleState loaded = BuildXml.roundTrip(state);

        assertThat(loaded.concurrencyLimit()).isEqualTo(2);
        assertThat(loaded.concurrencyChanges()).isEqualTo(state.concurrencyChanges());
        assertThat(loaded.takeUnloggedChanges()).as("what a log showed before the restart is not shown again").isEmpty();
        Gate e = new Gate();
        assertThat(loaded.request("e", e).decision()).as("c and d run: 2 is the limit").isNull();
        assertThat(loaded.waitingStatus("e")).isEqualTo("waiting for a free slot (2 running, at most 2 at once after"
                + " rate limits)");
        assertThat(loaded.nextConcurrencyIncrease()).isEqualTo(limited.plusSeconds(60));
        assertThat(loaded.claimWakeUp()).as("a timer is set for it").isTrue();
        assertThat(loaded.claimWakeUp()).as("once").isFalse();
        assertThat(loaded.poll(limited.plusSeconds(59))).isEmpty();

        loaded.poll(limited.plusSeconds(60)).forEach(ScheduleState.Delivery::deliver);

        assertThat(e.told).as("60 s without a rate limit: 3 at once").containsExactly("start");
        assertThat(loaded.takeUnloggedChanges()).extracting(RateGovernor.Change::describe)
                .containsExactly("rate limit: starting at most 3 workers at once (was 2): no rate limit for 60 s");
    }

    @Test
    void aBuildSavedBeforeTheBudgetAndTheGovernorReadsBackWithNeither() throws Exception {
        ScheduleState state = new ScheduleState(plan(SIX), 2, false);
        state.request("a", new Gate());
        String xml = BuildXml.of(state).replaceAll("\\s*<(maxTotalBudgetUsd|rateLimitQuietMillis|changesLogged)>[^<]*</\\1>", "")
                .replaceAll("(?s)\\s*<workerCaps>.*?</workerCaps>|\\s*<workerCaps/>", "");
        assertThat(xml).doesNotContain("rateLimitQuietMillis", "workerCaps");

        ScheduleState old = BuildXml.read(xml);

        assertThat(old.budget()).isEqualTo(new BudgetSummary(null, 0.0, 0.0));
        assertThat(old.request("b", new Gate()).decision().isStart()).isTrue();
        old.rateLimited("a", "overloaded", Instant.now());
        assertThat(old.concurrencyLimit()).isEqualTo(1);
        assertThat(old.nextConcurrencyIncrease()).isNull();
    }
}
