package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.report.PlanJson;
import io.dispatchplan.report.PlanText;
import io.dispatchplan.testsupport.Plans;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A precondition that is not a workstream ("RFC approved", "Stream A to reach 50% completion") does not make a plan
 * invalid: it is kept as text on the workstream and reported as a warning (an error with --strict).
 */
class PreconditionsTest {

    @Test
    void preconditionsThatAreNotWorkstreamsAreKeptAsText() throws Exception {
        Plan plan = Plans.seed("preconditions.md", PlanOptions.defaults());

        Workstream a = plan.workstream("stream-a").orElseThrow();
        Workstream b = plan.workstream("stream-b").orElseThrow();
        Workstream c = plan.workstream("stream-c").orElseThrow();
        assertThat(a.dependsOn()).isEmpty();
        assertThat(a.preconditions()).containsExactly("RFC approved");
        assertThat(b.dependsOn()).containsExactly("stream-a");
        assertThat(b.preconditions()).containsExactly("design sign-off");
        assertThat(c.dependsOn()).containsExactly("stream-a", "stream-b");
        assertThat(c.preconditions()).containsExactly("Stream A to reach 50% completion");
    }

    @Test
    void eachPreconditionIsAWarningWithItsLine() throws Exception {
        Plan plan = Plans.seed("preconditions.md", PlanOptions.defaults());

        assertThat(plan.warnings()).hasSize(3);
        assertThat(plan.warnings().get(0)).startsWith("line 4: 'Stream A' has a precondition that is not a workstream:"
                + " 'RFC approved'.");
        assertThat(plan.warnings().get(1)).startsWith("line 7: 'Stream B' has a precondition");
        assertThat(plan.warnings().get(2)).startsWith("line 10: 'Stream C' has the precondition 'Stream A to reach 50%"
                + " completion'").contains("waits for stream-a to finish");
    }

    @Test
    void strictMakesEveryPreconditionAnError() {
        assertThatThrownBy(() -> Plans.seed("preconditions.md", PlanOptions.defaults().withStrictCycles(true)))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("3 problems:")
                .hasMessageContaining("line 4: 'Stream A' has a precondition that is not a workstream: 'RFC approved'")
                .hasMessageContaining("line 10: 'Stream C' has the precondition 'Stream A to reach 50% completion'")
                .hasMessageContaining("--strict makes this an error");
    }

    @Test
    void aListOfReferencesThatMustReachAMilestoneKeepsTheWholePhrase() throws Exception {
        Plan plan = Plans.seed("seed-001-streams.md", PlanOptions.defaults());

        assertThat(plan.workstream("stream-d").orElseThrow().preconditions())
                .containsExactly("Stream A, B, C to reach 50% completion");
    }

    @Test
    void anUnknownNameThatLooksLikeAWorkstreamIsStillAnErrorWithSuggestions() {
        assertThatThrownBy(() -> Plans.markdown("""
                ### Stream A: Ledger
                **Depends on**: none
                ### Stream B: Invoices
                **Depends on**: Stream E, RFC approved
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("plan.md:4: 'Stream B' depends on 'Stream E', which is not a workstream in this plan."
                        + " Did you mean 'Stream A' (Ledger)?")
                .hasMessageNotContaining("RFC approved");
    }

    @Test
    void aMisspeltNameIsStillAnError() {
        for (String misspelt : List.of("Ledgr", "#7", "7", "E", "ledger-tabels", "Stream E to reach 50%")) {
            assertThatThrownBy(() -> Plans.markdown("""
                    ### Stream A: Ledger tables
                    **Depends on**: none
                    ### Stream B: Invoices
                    **Depends on**: %s
                    """.formatted(misspelt)))
                    .as(misspelt).isInstanceOf(PlanException.class).hasMessageContaining("which is not a workstream");
        }
    }

    @Test
    void didYouMeanNeverSuggestsTheWorkstreamItself() {
        assertThatThrownBy(() -> Plans.markdown("""
                ### Stream A: Ledger
                **Depends on**: none
                ### Stream B: Invoices
                **Depends on**: Stream C
                """))
                .hasMessageContaining("Did you mean 'Stream A' (Ledger)?")
                .hasMessageNotContaining("'Stream B' (Invoices)?")
                .hasMessageNotContaining("or 'Stream B'");
    }

    @Test
    void preconditionsAreInThePlanJsonAndReadBack() throws Exception {
        Plan plan = Plans.seed("preconditions.md", PlanOptions.defaults());

        String json = PlanJson.write(plan);
        Plan again = PlanReader.parse(json, "plan.json", PlanOptions.defaults());

        assertThat(json).contains("\"preconditions\" : [ \"RFC approved\" ]");
        assertThat(again.workstreams()).isEqualTo(plan.workstreams());
        assertThat(again.warnings()).hasSize(3).allMatch(w -> w.contains("precondition"));
    }

    @Test
    void theCanonicalFormHasPreconditions() throws Exception {
        Plan plan = Plans.yaml("""
                workstreams:
                  - id: api
                    preconditions: [RFC approved, staging database provisioned]
                  - id: ui
                    dependsOn: [api]
                """);

        assertThat(plan.workstream("api").orElseThrow().preconditions())
                .containsExactly("RFC approved", "staging database provisioned");
        assertThat(plan.workstream("ui").orElseThrow().preconditions()).isEmpty();
        assertThat(plan.warnings()).hasSize(2).allMatch(w -> w.startsWith("line 3: 'api' has the precondition"));
    }

    @Test
    void aCanonicalDependencyIsAlwaysAWorkstream() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: api
                    dependsOn: [RFC approved]
                """)).hasMessageContaining("'api' depends on 'RFC approved', which is not a workstream");
    }

    @Test
    void planTextShowsPreconditions() throws Exception {
        String text = PlanText.write(Plans.seed("preconditions.md", PlanOptions.defaults()));

        assertThat(text).contains("Preconditions (not checked by dispatch-plan):")
                .contains("  stream-a: RFC approved")
                .contains("  stream-c: Stream A to reach 50% completion");
    }
}
