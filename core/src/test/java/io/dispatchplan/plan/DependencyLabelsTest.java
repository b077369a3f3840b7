package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dependency labels people write, in any capitalisation, with or without bold or a colon, as a line or a bullet. */
class DependencyLabelsTest {
    static final List<String> LABELS = List.of("Depends on", "Dependencies", "Requires", "Needs", "Blocked by", "After",
            "Can start after", "Prerequisites", "wait_for");

    static Stream<String> writtenLabels() {
        List<String> written = new ArrayList<>();
        for (String label : LABELS) {
            for (String cased : List.of(label, label.toLowerCase(Locale.ROOT), label.toUpperCase(Locale.ROOT))) {
                written.add("**" + cased + "**: ");
                written.add("**" + cased + ":** ");
                written.add(cased + ": ");
                written.add(cased + " ");
                written.add("**" + cased + "** ");
                written.add("- " + cased + ": ");
                written.add("- " + cased + " ");
                written.add("- **" + cased + "**: ");
            }
        }
        return written.stream();
    }

    @ParameterizedTest
    @MethodSource("writtenLabels")
    void everyLabelStatesADependency(String label) throws Exception {
        Plan plan = Plans.markdown("### Stream A: Ledger\n**Depends on**: none\n\n### Stream B: Invoices\n"
                + label + "Stream A\n");

        assertThat(plan.workstream("stream-b").orElseThrow().dependsOn()).as(label).containsExactly("stream-a");
        assertThat(plan.workstream("stream-b").orElseThrow().tasks()).as(label).isEmpty();
        assertThat(plan.warnings()).as(label).isEmpty();
    }

    @Test
    void aTaskThatStartsWithAnEverydayWordStaysATask() throws Exception {
        Plan plan = Plans.markdown("""
                ### Stream A: Ledger
                **Depends on**: none
                - After login, show the balance
                - Requires a Postgres 15 database
                - Needs more tests
                ### Stream B: Invoices
                **Depends on**: Stream A
                """);

        assertThat(plan.workstream("stream-a").orElseThrow().tasks()).containsExactly("After login, show the balance",
                "Requires a Postgres 15 database", "Needs more tests");
        assertThat(plan.workstream("stream-a").orElseThrow().dependsOn()).isEmpty();
        assertThat(plan.workstream("stream-a").orElseThrow().preconditions()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
    }
}
