package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.testsupport.Plans;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes people write plans in besides the seeds; each plan here is small and written for the shape. */
class MarkdownShapesTest {

    @Test
    void tableWithADependsOnColumn() throws Exception {
        Plan plan = Plans.markdown("""
                # Checkout revamp

                | Workstream | Description | Depends on | Branch | Estimate |
                |------------|-------------|------------|--------|----------|
                | **api**    | REST endpoints | None    |        | 3d       |
                | ui         | React pages | api        | `feat/ui` | 2d    |
                | docs       | User docs   | api, ui    |        | 4h       |
                """);

        assertThat(plan.ids()).containsExactly("api", "ui", "docs");
        assertThat(plan.workstream("ui").orElseThrow().dependsOn()).containsExactly("api");
        assertThat(plan.workstream("docs").orElseThrow().dependsOn()).containsExactly("api", "ui");
        assertThat(plan.workstream("ui").orElseThrow().branch()).isEqualTo("feat/ui");
        assertThat(plan.workstream("api").orElseThrow().focus()).isEqualTo("REST endpoints");
        assertThat(plan.workstreams()).extracting(Workstream::estimate).containsExactly(24.0, 16.0, 4.0);
        assertThat(DependencyGraph.of(plan).criticalPath()).containsExactly("api", "ui", "docs");
    }

    @Test
    void tableWithCanStartAfterAndBlockedByColumns() throws Exception {
        Plan canStartAfter = Plans.markdown("""
                | Task | Can start after |
                |------|-----------------|
                | Schema | - |
                | Queue | Schema |
                | Worker | Queue (job definitions) |
                """);
        Plan blockedBy = Plans.markdown("""
                | Item | Owner | Blocked by |
                |------|-------|------------|
                | Stream A | Ann | — |
                | Stream B | Bob | Stream A |
                """);

        assertThat(canStartAfter.workstream("worker").orElseThrow().dependsOn()).containsExactly("queue");
        assertThat(blockedBy.ids()).containsExactly("stream-a", "stream-b");
        assertThat(blockedBy.workstream("stream-b").orElseThrow().dependsOn()).containsExactly("stream-a");
    }

    @Test
    void workstreamSectionsWithBlockedByDependsOnAndBranchLines() throws Exception {
        Plan plan = Plans.markdown("""
                # Billing

                ## Workstream 1: Auth service
                **Branch:** `feature/auth`
                **Depends on:** none

                - [ ] Add login endpoint
                - [x] Add token refresh

                ## Workstream 2: Billing
                **Blocked by:** Workstream 1

                ### Tasks
                1. Stripe client
                2. Invoices

                ### Key Files
                - `billing/stripe.py`

                ## Workstream 3: Reports
                **Depends on:** Workstream 1, Workstream 2 (for invoice data)
                """);

        assertThat(plan.ids()).containsExactly("workstream-1", "workstream-2", "workstream-3");
        Workstream auth = plan.workstream("workstream-1").orElseThrow();
        assertThat(auth.title()).isEqualTo("Auth service");
        assertThat(auth.branch()).isEqualTo("feature/auth");
        assertThat(auth.tasks()).containsExactly("Add login endpoint", "Add token refresh");
        Workstream billing = plan.workstream("workstream-2").orElseThrow();
        assertThat(billing.dependsOn()).containsExactly("workstream-1");
        assertThat(billing.tasks()).containsExactly("Stripe client", "Invoices");
        assertThat(billing.files()).containsExactly("billing/stripe.py");
        assertThat(billing.branch()).isEqualTo("plan/workstream-2");
        assertThat(plan.workstream("workstream-3").orElseThrow().dependsOn()).containsExactly("workstream-1", "workstream-2");
        assertThat(plan.feature()).isEqualTo("plan");
    }

    @Test
    void boldLabelBulletsWithKeywords() throws Exception {
        Plan plan = Plans.markdown("""
                ## Streams
                - **Stream A** (Backend): REST API for orders. Depends on: none
                - **Stream B** (Frontend): Order pages. Depends on: Stream A
                - **Stream C** (QA): End-to-end tests, after Stream A and Stream B
                """);

        assertThat(plan.ids()).containsExactly("stream-a", "stream-b", "stream-c");
        Workstream a = plan.workstream("stream-a").orElseThrow();
        assertThat(a.title()).isEqualTo("Backend");
        assertThat(a.focus()).isEqualTo("REST API for orders");
        assertThat(a.dependsOn()).isEmpty();
        assertThat(plan.workstream("stream-b").orElseThrow().dependsOn()).containsExactly("stream-a");
        assertThat(plan.workstream("stream-c").orElseThrow().dependsOn()).containsExactly("stream-a", "stream-b");
    }

    @Test
    void boldLabelBulletsWithoutKeywordsNeedAnExplicitDependsOn() throws Exception {
        Plan plan = Plans.markdown("""
                - **Payments**: Card processing. Depends on: Accounts
                - **Accounts**: User accounts. Depends on: none
                - **Emails**: Receipts
                  - Depends on: Payments
                  - Files: `mail/receipt.py`
                """);

        assertThat(plan.ids()).containsExactly("payments", "accounts", "emails");
        assertThat(plan.workstream("payments").orElseThrow().dependsOn()).containsExactly("accounts");
        assertThat(plan.workstream("emails").orElseThrow().dependsOn()).containsExactly("payments");
        assertThat(plan.workstream("emails").orElseThrow().files()).containsExactly("mail/receipt.py");
    }

    @Test
    void developerBlocksTakeTheirBranchFromGitCheckout() throws Exception {
        Plan plan = Plans.markdown("""
                **Dev 1: Parser**
                ```bash
                git checkout -b feat/parser
                ```

                **Dev 2: Printer**
                ```bash
                # Branch: feat/printer
                # Depends on: Dev 1
                ```
                """);

        assertThat(plan.ids()).containsExactly("dev-1", "dev-2");
        assertThat(plan.workstream("dev-1").orElseThrow().branch()).isEqualTo("feat/parser");
        assertThat(plan.workstream("dev-2").orElseThrow().dependsOn()).containsExactly("dev-1");
    }

    @Test
    void tracksReferencedBySubItemMeanTheirParent() throws Exception {
        Plan plan = Plans.markdown("""
                ### Track A: Infra
                #### Dependencies
                - None

                ### Track B: Core
                #### Tasks
                1. **B.1** Setup
                2. **B.2** Config

                ### Track C: Clients
                **Status**: Blocked by Track A
                #### Dependencies
                - Track B.1 (project structure)
                - Track B.2 (configuration)
                """);

        assertThat(plan.workstream("track-c").orElseThrow().dependsOn()).containsExactly("track-b");
    }

    @Test
    void estimatesDriveTheCriticalPath() throws Exception {
        Plan plan = Plans.markdown("""
                ### Stream A: Long
                **Estimate**: 5 days
                ### Stream B: Short
                **Estimate**: 2h
                ### Stream C: Join
                **Depends on**: Stream A, Stream B
                """);

        DependencyGraph graph = DependencyGraph.of(plan);
        assertThat(graph.criticalPath()).containsExactly("stream-a", "stream-c");
        assertThat(graph.criticalPathLength()).isEqualTo(41.0);
    }

    @Test
    void aPlanWithOnlyProseIsNotAPlan() {
        List<String> texts = List.of("# Notes\n\nWe should do things in parallel.\n",
                "- **Your Mission**: something\n- **Dependencies**: what this depends on\n", "");
        for (String text : texts) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Plans.markdown(text))
                    .isInstanceOf(PlanException.class).hasMessageContaining("no workstreams found");
        }
    }
}
