package io.dispatchplan.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    /** a -> {b, c}; b -> d; e alone. Chains: a-b-d is the longest. */
    private static DependencyGraph graph() {
        return DependencyGraph.of(List.of("e", "a", "b", "c", "d"),
                Map.of("b", List.of("a"), "c", List.of("a"), "d", List.of("b")), Map.of());
    }

    @Test
    void startsTheLongestRemainingChainFirstWithinTheCap() {
        Scheduler scheduler = new Scheduler(graph(), 1, false);

        assertThat(scheduler.grant()).containsExactly("a");
        assertThat(scheduler.grant()).isEmpty();
        scheduler.finished("a", Outcome.SUCCEEDED, null);
        assertThat(scheduler.grant()).containsExactly("b");
        scheduler.finished("b", Outcome.SUCCEEDED, null);
        // c, d and e all have a chain of 1 left: ties keep plan order
        assertThat(scheduler.ready()).containsExactly("e", "c", "d");
        assertThat(scheduler.grant()).containsExactly("e");
    }

    @Test
    void unlimitedSlotsStartEverythingReady() {
        Scheduler scheduler = new Scheduler(graph(), 0, false);
        assertThat(scheduler.grant()).containsExactly("a", "e");
        assertThat(scheduler.waitingFor("d")).containsExactly("b");
    }

    @Test
    void skipsDependentsOfAFailedWorkstreamAndGoesOnWithOthers() {
        Scheduler scheduler = new Scheduler(graph(), 0, false);
        scheduler.grant();
        scheduler.finished("a", Outcome.FAILED, "exit 1");

        assertThat(scheduler.state("b")).isEqualTo(WorkstreamState.SKIPPED);
        assertThat(scheduler.reason("b")).isEqualTo("skipped: dependency a failed");
        assertThat(scheduler.reason("d")).isEqualTo("skipped: dependency b was skipped (a failed)");
        assertThat(scheduler.state("e")).isEqualTo(WorkstreamState.RUNNING);
        scheduler.finished("e", Outcome.SUCCEEDED, null);
        assertThat(scheduler.isDone()).isTrue();
        assertThat(scheduler.reason("a")).isEqualTo("exit 1");
    }

    @Test
    void failFastStopsEveryFurtherStart() {
        Scheduler scheduler = new Scheduler(DependencyGraph.of(List.of("x", "y", "z"), Map.of(), Map.of()), 1, true);
        assertThat(scheduler.grant()).containsExactly("x");
        scheduler.finished("x", Outcome.FAILED, null);

        assertThat(scheduler.grant()).isEmpty();
        assertThat(scheduler.state("y")).isEqualTo(WorkstreamState.SKIPPED);
        assertThat(scheduler.reason("z")).contains("x failed and failFast is on");
        assertThat(scheduler.isDone()).isTrue();
    }

    @Test
    void stopSkipsEverythingWaitingWithTheReason() {
        Scheduler scheduler = new Scheduler(graph(), 1, false);
        scheduler.grant();
        scheduler.stop("the deadline passed");

        assertThat(scheduler.grant()).isEmpty();
        assertThat(scheduler.isStopped()).isTrue();
        assertThat(scheduler.state("e")).isEqualTo(WorkstreamState.SKIPPED);
        assertThat(scheduler.reason("e")).isEqualTo("not started: the deadline passed");
        assertThat(scheduler.state("a")).isEqualTo(WorkstreamState.RUNNING);
        scheduler.finished("a", Outcome.SUCCEEDED, null);
        assertThat(scheduler.isDone()).isTrue();
    }

    @Test
    void anUnstableWorkstreamLetsItsDependentsStart() {
        Scheduler scheduler = new Scheduler(graph(), 0, false);
        scheduler.grant();
        scheduler.finished("a", Outcome.UNSTABLE, "no RESULTS.md");
        assertThat(scheduler.grant()).containsExactly("b", "c");
    }

    @Test
    void workDoneInAnEarlierRunCountsAsDone() {
        Scheduler scheduler = new Scheduler(graph(), 0, false);
        scheduler.alreadyDone("a", Outcome.SUCCEEDED, "done in an earlier run");
        assertThat(scheduler.grant()).containsExactly("b", "e", "c");
        assertThat(scheduler.startOrder()).doesNotContain("a");
    }

    @Test
    void finishingSomethingNotRunningIsAProgrammingError() {
        Scheduler scheduler = new Scheduler(graph(), 0, false);
        assertThatThrownBy(() -> scheduler.finished("d", Outcome.SUCCEEDED, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRecordedGrantCanBeReplayedWhateverThePriority() {
        Scheduler scheduler = new Scheduler(graph(), 1, false);
        scheduler.start("e"); // grant() would pick a, the longer chain

        assertThat(scheduler.state("e")).isEqualTo(WorkstreamState.RUNNING);
        assertThat(scheduler.startOrder()).containsExactly("e");
        assertThat(scheduler.grant()).as("the slot is taken").isEmpty();
        assertThatThrownBy(() -> scheduler.start("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("b cannot start: it is WAITING for [a]");
        assertThatThrownBy(() -> scheduler.start("e")).hasMessageContaining("it is RUNNING");
    }

    @Test
    void survivesSerializationMidRun() throws Exception {
        Scheduler scheduler = new Scheduler(graph(), 2, false);
        scheduler.grant();
        scheduler.finished("a", Outcome.SUCCEEDED, null);

        Scheduler restored = roundTrip(scheduler);

        assertThat(restored.states()).isEqualTo(scheduler.states());
        assertThat(restored.grant()).containsExactly("b");
    }

    /** The scheduler as Java serialization writes and reads it back. */
    static Scheduler roundTrip(Scheduler scheduler) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(scheduler);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Scheduler) in.readObject();
        }
    }

    @Property(tries = 300)
    void neverBreaksDependenciesOrTheCap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int nodes,
            @ForAll @IntRange(min = 0, max = 5) int maxParallel) {
        DependencyGraph graph = RandomDags.generate(seed, nodes, 0.2, true);
        Scheduler scheduler = new Scheduler(graph, maxParallel, false);
        Random random = new Random(seed);
        Set<String> finishedOk = new HashSet<>();
        List<String> running = new ArrayList<>();
        while (!scheduler.isDone()) {
            for (String id : scheduler.grant()) {
                assertThat(finishedOk).containsAll(graph.dependsOn(id));
                running.add(id);
            }
            if (maxParallel > 0) {
                assertThat(running.size()).isLessThanOrEqualTo(maxParallel);
            }
            assertThat(running).as("something must be running while not done").isNotEmpty();
            String done = running.remove(random.nextInt(running.size()));
            Outcome outcome = random.nextInt(8) == 0 ? Outcome.FAILED : Outcome.SUCCEEDED;
            scheduler.finished(done, outcome, null);
            if (outcome == Outcome.SUCCEEDED) {
                finishedOk.add(done);
            }
        }
        for (String id : graph.ids()) {
            if (scheduler.state(id) == WorkstreamState.SKIPPED) {
                assertThat(graph.dependsOn(id)).anyMatch(d -> scheduler.state(d) == WorkstreamState.FAILED
                        || scheduler.state(d) == WorkstreamState.SKIPPED);
            }
        }
    }
}
