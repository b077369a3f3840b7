package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A workstream's phase is the first phase section that defines or names it, whatever comes later. */
class PhaseOfAWorkstreamTest {
    private static final String PLAN = """
            # Rollout

            ## Phase 1: Foundations
            Workstream 2 may start its draft while the schema is built.

            ### Workstream 1: Schema
            **Depends on**: None

            ## Phase 2: Features
            ### Workstream 2: Docs draft
            **Depends on**: None

            ### Workstream 3: API
            **Depends on**: Workstream 1

            ## Phase 3: Wrap-up
            Workstream 1 and Workstream 3 get a last review here.

            ### Workstream 4: Cleanup
            **Depends on**: Workstream 3
            """;

    @Test
    void theFirstPhaseThatDefinesOrNamesAWorkstreamIsItsPhase() throws Exception {
        Plan plan = PlanReader.parse(PLAN, "rollout.md", PlanOptions.defaults());

        assertThat(plan.workstream("workstream-1").orElseThrow().phase()).as("defined in 1, named again in 3").isEqualTo(1);
        assertThat(plan.workstream("workstream-2").orElseThrow().phase()).as("named in 1, defined in 2").isEqualTo(1);
        assertThat(plan.workstream("workstream-3").orElseThrow().phase()).as("defined in 2, named in 3").isEqualTo(2);
        assertThat(plan.workstream("workstream-4").orElseThrow().phase()).isEqualTo(3);
    }
}
