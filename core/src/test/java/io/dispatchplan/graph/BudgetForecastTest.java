package io.dispatchplan.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetForecastTest {

    @Test
    void workstreamsTimesThePerWorkerCapAndWhatTheRunCapLetsStart() {
        assertThat(new BudgetForecast(6, 0.05, 0.12).describe()).isEqualTo("""
                Budget forecast: 6 workstreams x $0.05 per worker = $0.30 at most
                  run cap $0.12: at least 2 of 6 start; the others start only if earlier ones spend less than their\
                 cap, else they are skipped
                """);
        assertThat(new BudgetForecast(3, 5.0, 20.0).describe()).isEqualTo("""
                Budget forecast: 3 workstreams x $5.00 per worker = $15.00 at most
                  run cap $20.00: every workstream can start
                """);
        assertThat(new BudgetForecast(1, 2.5, null).describe())
                .isEqualTo("Budget forecast: 1 workstream x $2.50 per worker = $2.50 at most\n");
    }

    @Test
    void withoutAPerWorkerCapEachReservesAnEvenShare() {
        assertThat(new BudgetForecast(4, null, 10.0).describe()).isEqualTo("Budget forecast: no per-worker cap, so"
                + " each workstream reserves an even share of the run cap, $2.50 of $10.00\n");
        assertThat(new BudgetForecast(4, null, null).describe()).isNull();
    }
}
