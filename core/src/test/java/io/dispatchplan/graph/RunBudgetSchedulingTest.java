package io.dispatchplan.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The run budget as a scheduler input: reservations before a start, spending after, skips with the reason. */
class RunBudgetSchedulingTest {

    private static final List<String> SIX = List.of("a", "b", "c", "d", "e", "f");

    private static Scheduler scheduler(List<String> ids, Map<String, List<String>> dependsOn, int maxParallel,
            Double cap, Map<String, Double> workerCaps) {
        return new Scheduler(DependencyGraph.of(ids, dependsOn, Map.of()), maxParallel, false,
                RunBudget.of(cap, ids, workerCaps), Duration.ofSeconds(60));
    }

    private static Map<String, Double> each(List<String> ids, double cap) {
        Map<String, Double> caps = new HashMap<>();
        ids.forEach(id -> caps.put(id, cap));
        return caps;
    }

    @Test
    void startsOnlyWhatTheBudgetCanReserveAndSkipsTheRestWithTheReason() {
        Scheduler scheduler = scheduler(SIX, Map.of(), 0, 0.12, each(SIX, 0.05));

        assertThat(scheduler.grant()).containsExactly("a", "b");
        assertThat(scheduler.budget()).isEqualTo(new BudgetSummary(0.12, 0.0, 0.10));
        assertThat(scheduler.grant()).as("c waits: what a and b spend may leave room").isEmpty();
        assertThat(scheduler.holdUp("c")).isEqualTo("waiting for room in the run budget ($0.05 needed; $0.00 spent,"
                + " $0.10 reserved, cap $0.12)");
        scheduler.finished("a", Outcome.SUCCEEDED, null, 0.045);
        assertThat(scheduler.grant()).as("$0.045 + $0.05 reserved + $0.05 is past $0.12").isEmpty();
        assertThat(scheduler.state("c")).as("b may spend less than its reservation").isEqualTo(WorkstreamState.WAITING);
        scheduler.finished("b", Outcome.SUCCEEDED, null, 0.045);

        assertThat(scheduler.grant()).isEmpty();
        assertThat(scheduler.isDone()).isTrue();
        for (String id : List.of("c", "d", "e", "f")) {
            assertThat(scheduler.state(id)).isEqualTo(WorkstreamState.SKIPPED);
            assertThat(scheduler.reason(id)).isEqualTo("run budget reached ($0.09 of $0.12 spent)");
        }
        assertThat(scheduler.startOrder()).containsExactly("a", "b");
        assertThat(scheduler.budget()).isEqualTo(new BudgetSummary(0.12, 0.09, 0.0));
    }

    @Test
    void aGrantThatSkipsTheFirstReadyOneStillStartsTheNextOnesInOrder() {
        // x goes first (its dependent makes its chain the longest) but could never fit; skipping it and its dependent
        // during the grant must not lose or reorder the ready ones after it.
        List<String> ids = List.of("x", "y", "a", "b", "c");
        Map<String, Double> caps = new HashMap<>(each(ids, 0.10));
        caps.put("x", 2.0);
        Scheduler scheduler = scheduler(ids, Map.of("y", List.of("x")), 2, 1.0, caps);

        assertThat(scheduler.grant()).containsExactly("a", "b");
        assertThat(scheduler.state("x")).isEqualTo(WorkstreamState.SKIPPED);
        assertThat(scheduler.state("y")).isEqualTo(WorkstreamState.SKIPPED);
        assertThat(scheduler.reason("y")).startsWith("skipped: dependency x was not started: run budget reached");
        assertThat(scheduler.ready()).containsExactly("c");
        scheduler.finished("a", Outcome.SUCCEEDED, null, 0.05);
        assertThat(scheduler.grant()).containsExactly("c");
    }

    @Test
    void whatAFinishedWorkstreamDidNotSpendLeavesRoomForTheNext() {
        Scheduler scheduler = scheduler(SIX, Map.of(), 0, 0.12, each(SIX, 0.05));
        scheduler.grant();

        scheduler.finished("a", Outcome.SUCCEEDED, null, 0.01);

        assertThat(scheduler.grant()).as("$0.01 + $0.05 + $0.05 fits $0.12").containsExactly("c");
    }

    @Test
    void spendingWhileRunningEatsIntoTheReservationAndIsNeverCountedTwice() {
        Scheduler scheduler = scheduler(SIX, Map.of(), 1, 1.0, each(SIX, 0.30));
        scheduler.grant();

        scheduler.spent("a", 0.20);
        scheduler.spent("a", 0.20);
        assertThat(scheduler.budget()).isEqualTo(new BudgetSummary(1.0, 0.20, 0.30 - 0.20));
        scheduler.spent("a", 0.45);
        assertThat(scheduler.budget().reservedUsd()).as("spent past its reservation: nothing more reserved").isZero();
        scheduler.finished("a", Outcome.FAILED, "error", 0.45);

        assertThat(scheduler.budget()).isEqualTo(new BudgetSummary(1.0, 0.45, 0.0));
    }

    @Test
    void withoutAWorkerCapEachWorkstreamReservesAnEvenShareOfTheRunCap() {
        List<String> five = List.of("a", "b", "c", "d", "e");
        Scheduler scheduler = scheduler(five, Map.of(), 2, 1.0, Map.of());
        assertThat(scheduler.grant()).containsExactly("a", "b");
        assertThat(scheduler.budget().reservedUsd()).isEqualTo(0.4);

        scheduler.finished("a", Outcome.SUCCEEDED, null, 0.6);
        assertThat(scheduler.grant()).as("$0.60 + $0.20 + $0.20 fits $1").containsExactly("c");
        scheduler.finished("b", Outcome.SUCCEEDED, null, 0.3);
        assertThat(scheduler.grant()).as("$0.90 + $0.20 is past $1 whatever c spends").isEmpty();

        assertThat(scheduler.reason("d")).isEqualTo("run budget reached ($0.90 of $1.00 spent)");
        assertThat(scheduler.reason("e")).isEqualTo("run budget reached ($0.90 of $1.00 spent)");
        assertThat(scheduler.state("c")).isEqualTo(WorkstreamState.RUNNING);
    }

    @Test
    void dependentsOfAWorkstreamTheBudgetSkippedAreSkippedSayingWhy() {
        List<String> ids = List.of("a", "b", "c");
        Scheduler scheduler = scheduler(ids, Map.of("b", List.of("a"), "c", List.of("b")), 0, 0.01, each(ids, 0.05));

        assertThat(scheduler.grant()).isEmpty();

        assertThat(scheduler.reason("a")).isEqualTo("run budget reached ($0.00 of $0.01 spent)");
        assertThat(scheduler.reason("b")).isEqualTo("skipped: dependency a was not started: run budget reached"
                + " ($0.00 of $0.01 spent)");
        assertThat(scheduler.reason("c")).isEqualTo("skipped: dependency b was skipped (a was not started: run"
                + " budget reached ($0.00 of $0.01 spent))");
        assertThat(scheduler.isDone()).isTrue();
    }

    @Test
    void aCheaperWorkstreamStartsWhereADearerOneDoesNotFitYet() {
        List<String> ids = List.of("first", "big", "small");
        Scheduler scheduler = scheduler(ids, Map.of(), 0, 1.0, Map.of("first", 0.5, "big", 0.8, "small", 0.3));

        assertThat(scheduler.grant()).containsExactly("first", "small");
        assertThat(scheduler.state("big")).isEqualTo(WorkstreamState.WAITING);
        scheduler.finished("first", Outcome.SUCCEEDED, null, 0.1);
        assertThat(scheduler.grant()).as("$0.10 + $0.30 reserved + $0.80 is past $1, but small may spend less").isEmpty();
        assertThat(scheduler.state("big")).isEqualTo(WorkstreamState.WAITING);
        scheduler.finished("small", Outcome.SUCCEEDED, null, 0.1);

        assertThat(scheduler.grant()).as("$0.20 + $0.80 fits $1").containsExactly("big");
    }

    @Test
    void aWorkstreamThatCouldNeverFitIsSkippedAtOnce() {
        List<String> ids = List.of("a", "huge");
        Scheduler scheduler = scheduler(ids, Map.of(), 0, 1.0, Map.of("a", 0.5, "huge", 2.0));

        assertThat(scheduler.grant()).containsExactly("a");

        assertThat(scheduler.reason("huge")).isEqualTo("run budget reached ($0.00 of $1.00 spent)");
    }

    @Test
    void withoutARunCapNothingIsHeldBackAndSpendingIsStillAddedUp() {
        Scheduler scheduler = new Scheduler(DependencyGraph.of(SIX, Map.of(), Map.of()), 0, false);

        assertThat(scheduler.grant()).hasSize(6);
        scheduler.finished("a", Outcome.SUCCEEDED, null, 2.5);

        assertThat(scheduler.budget()).isEqualTo(new BudgetSummary(null, 2.5, 0.0));
        assertThat(scheduler.budget().describe()).isEqualTo("$2.50 spent, $0.00 reserved, no cap");
    }

    @Test
    void aCapThatIsNotAPositiveAmountIsRefused() {
        assertThatThrownBy(() -> RunBudget.of(0.0, SIX, Map.of()))
                .hasMessage("the run budget must be a positive amount of USD, not 0.0");
        assertThatThrownBy(() -> RunBudget.of(Double.NaN, SIX, Map.of()))
                .hasMessage("the run budget must be a positive amount of USD, not NaN");
    }

    @Test
    void amountsReadAsDollarsAndCents() {
        assertThat(RunBudget.usd(0.12)).isEqualTo("$0.12");
        assertThat(RunBudget.usd(0.0008)).isEqualTo("$0.0008");
        assertThat(RunBudget.usd(0)).isEqualTo("$0.00");
        assertThat(RunBudget.usd(12.345)).isEqualTo("$12.35");
    }

    /** Workers that spend at most their reservation never take the run past its cap. */
    @Property(tries = 300)
    void spentPlusReservedNeverPassesTheCap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int nodes,
            @ForAll @IntRange(min = 0, max = 5) int maxParallel, @ForAll @IntRange(min = 1, max = 400) int capCents) {
        DependencyGraph graph = RandomDags.generate(seed, nodes, 0.2, false);
        Random random = new Random(seed);
        Map<String, Double> workerCaps = new HashMap<>();
        for (String id : graph.ids()) {
            if (random.nextBoolean()) {
                workerCaps.put(id, (1 + random.nextInt(100)) / 100.0);
            }
        }
        RunBudget budget = RunBudget.of(capCents / 100.0, graph.ids(), workerCaps);
        Scheduler scheduler = new Scheduler(graph, maxParallel, false, budget, Duration.ofSeconds(60));
        List<String> running = new ArrayList<>();
        while (!scheduler.isDone()) {
            running.addAll(scheduler.grant());
            BudgetSummary now = scheduler.budget();
            assertThat(now.spentUsd() + now.reservedUsd()).isLessThanOrEqualTo(capCents / 100.0 + 1e-6);
            if (running.isEmpty()) {
                assertThat(scheduler.isDone()).as("nothing runs, so everything left was skipped").isTrue();
                break;
            }
            String done = running.remove(random.nextInt(running.size()));
            double spent = budget.reservationFor(done) * random.nextDouble();
            scheduler.finished(done, random.nextInt(6) == 0 ? Outcome.FAILED : Outcome.SUCCEEDED, null, spent);
        }
        for (String id : graph.ids()) {
            assertThat(scheduler.state(id).isFinished()).isTrue();
        }
    }
}
