package io.dispatchplan.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate-limit governor as a scheduler input: halved by rate limits, raised by one after each quiet period. */
class RateGovernorTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final List<String> EIGHT = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    private static Scheduler scheduler(int maxParallel) {
        return new Scheduler(DependencyGraph.of(EIGHT, Map.of(), Map.of()), maxParallel, false, RunBudget.none(),
                Duration.ofSeconds(60));
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRateLimitHalvesHowManyStartAtOnceAndQuietTimeRaisesItOneByOne() {
        Scheduler scheduler = scheduler(4);
        assertThat(scheduler.grant(at(0))).containsExactly("a", "b", "c", "d");

        List<RateGovernor.Change> cut = scheduler.rateLimited("a", "rate_limit", at(5));

        assertThat(cut).containsExactly(new RateGovernor.Change(at(5), 4, 2, "a reported rate_limit"));
        assertThat(cut.get(0).describe())
                .isEqualTo("rate limit: starting at most 2 workers at once (was 4): a reported rate_limit");
        scheduler.finished("a", Outcome.SUCCEEDED, null);
        scheduler.finished("b", Outcome.SUCCEEDED, null);
        assertThat(scheduler.grant(at(10))).as("c and d still run: 2 is the limit").isEmpty();
        assertThat(scheduler.holdUp("e")).isEqualTo("waiting for a free slot (2 running, at most 2 at once after"
                + " rate limits)");
        scheduler.finished("c", Outcome.SUCCEEDED, null);
        assertThat(scheduler.grant(at(20))).containsExactly("e");
        assertThat(scheduler.nextConcurrencyIncrease()).isEqualTo(at(65));

        assertThat(scheduler.grant(at(64))).isEmpty();
        assertThat(scheduler.grant(at(65))).as("60 s without a rate limit: 3 at once").containsExactly("f");
        assertThat(scheduler.grant(at(200))).as("two more quiet periods: back to 4").containsExactly("g");
        assertThat(scheduler.concurrencyLimit()).isEqualTo(4);
        assertThat(scheduler.nextConcurrencyIncrease()).isNull();
        assertThat(scheduler.concurrencyChanges()).extracting(RateGovernor.Change::describe).containsExactly(
                "rate limit: starting at most 2 workers at once (was 4): a reported rate_limit",
                "rate limit: starting at most 3 workers at once (was 2): no rate limit for 60 s",
                "rate limit: starting at most 4 workers at once (was 3): no rate limit for 60 s");
        assertThat(scheduler.concurrencyChanges()).extracting(RateGovernor.Change::at)
                .containsExactly(at(5), at(65), at(125));
    }

    @Test
    void workersRunningAtTheCutDoNotCutAgainButNewOnesDo() {
        Scheduler scheduler = scheduler(4);
        scheduler.grant(at(0));

        scheduler.rateLimited("a", "rate_limit", at(1));
        assertThat(scheduler.rateLimited("b", "overloaded", at(2))).isEmpty();
        assertThat(scheduler.rateLimited("a", "rate_limit", at(3))).as("a's own next retry").isEmpty();
        assertThat(scheduler.concurrencyLimit()).isEqualTo(2);
        scheduler.finished("a", Outcome.SUCCEEDED, null);
        scheduler.finished("b", Outcome.SUCCEEDED, null);
        scheduler.finished("c", Outcome.SUCCEEDED, null);
        assertThat(scheduler.grant(at(4))).containsExactly("e");

        assertThat(scheduler.rateLimited("e", "HTTP 429", at(5))).extracting(RateGovernor.Change::describe)
                .containsExactly("rate limit: starting at most 1 worker at once (was 2): e reported HTTP 429");
        assertThat(scheduler.rateLimited("e", "HTTP 429", at(6))).as("never below 1").isEmpty();
        assertThat(scheduler.nextConcurrencyIncrease()).as("the quiet period counts from the last signal")
                .isEqualTo(at(66));
    }

    @Test
    void withoutMaxParallelThePlanSizeIsTheCeiling() {
        Scheduler scheduler = scheduler(0);
        assertThat(scheduler.grant(at(0))).hasSize(8);

        scheduler.rateLimited("a", "overloaded", at(1));

        assertThat(scheduler.concurrencyLimit()).isEqualTo(4);
        assertThat(scheduler.grant(at(1000))).isEmpty();
        assertThat(scheduler.concurrencyLimit()).isEqualTo(8);
    }

    @Test
    void theGovernorSurvivesSerializationMidRun() throws Exception {
        Scheduler scheduler = scheduler(4);
        scheduler.grant(at(0));
        scheduler.rateLimited("a", "rate_limit", at(5));

        Scheduler restored = SchedulerTest.roundTrip(scheduler);

        assertThat(restored.concurrencyLimit()).isEqualTo(2);
        assertThat(restored.concurrencyChanges()).isEqualTo(scheduler.concurrencyChanges());
        assertThat(restored.nextConcurrencyIncrease()).isEqualTo(at(65));
    }
}
