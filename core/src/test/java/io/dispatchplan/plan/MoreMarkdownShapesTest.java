package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Plans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * More shapes people write plans in (src/test/resources/plans/shape-*.md): each plan reads as its author meant,
 * with nothing left over in the warnings.
 */
class MoreMarkdownShapesTest {

    private static Plan read(String fixture) throws PlanException {
        return Plans.seed(fixture, PlanOptions.defaults());
    }

    private static Map<String, List<String>> dependencies(Plan plan) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        plan.workstreams().forEach(w -> deps.put(w.id(), w.dependsOn()));
        return deps;
    }

    @Test
    void boldParagraphsFollowedByTheirOwnBulletsWithDependencyBullets() throws Exception {
        Plan plan = read("shape-bold-paragraphs.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("stream-a", List.of()),
                Map.entry("stream-b", List.of("stream-a")),
                Map.entry("stream-c", List.of("stream-a", "stream-b")),
                Map.entry("stream-d", List.of("stream-c", "stream-b")));
        Workstream a = plan.workstream("stream-a").orElseThrow();
        assertThat(a.title()).isEqualTo("Index schema");
        assertThat(a.tasks()).containsExactly("Define the index mappings");
        assertThat(a.files()).containsExactly("search/mapping.json");
        assertThat(plan.workstream("stream-c").orElseThrow().tasks()).containsExactly("Stream changes into the index");
        // "After review, ..." names no workstream: it stays a task
        assertThat(plan.workstream("stream-d").orElseThrow().tasks()).containsExactly("After review, expose /search");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void boldParagraphsWithoutAKeywordCountWhenTheirBulletsStateDependencies() throws Exception {
        Plan plan = read("shape-bold-paragraphs-people.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("payments-backend", List.of()),
                Map.entry("checkout-ui", List.of("payments-backend")));
        assertThat(plan.workstream("checkout-ui").orElseThrow().tasks()).containsExactly("Pay button and receipts");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void tableNamesWithALetterCodeAndDependenciesByStreamOrAfter() throws Exception {
        Plan plan = read("shape-table-letter-codes.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("workstream-a", List.of()),
                Map.entry("workstream-b", List.of("workstream-a")),
                Map.entry("workstream-c", List.of("workstream-a")),
                Map.entry("workstream-d", List.of("workstream-b", "workstream-c")));
        assertThat(plan.workstreams()).extracting(Workstream::title)
                .containsExactly("Timeout and retry", "Circuit breaker", "Metrics", "Dashboards");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aLetterCodeInANameColumnWithoutAKeywordIsTheCodeAndTheRestTheName() throws Exception {
        Plan plan = Plans.markdown("""
                | Name | Can start after |
                |---|---|
                | A - Timeout and retry | - |
                | B: Circuit breaker | A |
                """);

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("timeout-and-retry", List.of()),
                Map.entry("circuit-breaker", List.of("timeout-and-retry")));
    }

    @Test
    void aTableWithANumberColumnIsReferredToByNumberOrHashNumber() throws Exception {
        Plan plan = read("shape-numbered-table.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("parse-csv-files", List.of()),
                Map.entry("validate-rows", List.of("parse-csv-files")),
                Map.entry("write-to-the-database", List.of("parse-csv-files", "validate-rows")));
        assertThat(plan.workstreams()).extracting(Workstream::title)
                .containsExactly("Parse CSV files", "Validate rows", "Write to the database");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aNumberedChecklistWithDependenciesByNumber() throws Exception {
        Plan plan = read("shape-numbered-checklist.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("parse-csv-files", List.of()),
                Map.entry("validate-rows", List.of("parse-csv-files")),
                Map.entry("write-to-the-database", List.of("validate-rows")),
                Map.entry("progress-bar", List.of("parse-csv-files")));
        assertThat(plan.workstreams()).extracting(Workstream::title).containsExactly("Parse CSV files",
                "Validate rows", "Write to the database", "Progress bar");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aGitHubIssueTaskList() throws Exception {
        Plan plan = read("shape-issue-tasklist.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("local-storage-layer", List.of()),
                Map.entry("sync-queue", List.of("local-storage-layer")),
                Map.entry("conflict-resolution", List.of("local-storage-layer", "sync-queue")),
                Map.entry("offline-banner", List.of()));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void anEmojiBeforeTheKeywordOfAHeading() throws Exception {
        Plan plan = read("shape-emoji-headings.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("workstream-1", List.of()),
                Map.entry("workstream-2", List.of("workstream-1")),
                Map.entry("workstream-3", List.of("workstream-1", "workstream-2")));
        assertThat(plan.workstreams()).extracting(Workstream::title).containsExactly("Backend API", "Web UI", "QA");
    }

    @Test
    void markersBeforeTheKeywordOfHeadingsBulletsAndBoldLeads() throws Exception {
        Plan headings = Plans.markdown("""
                ### [x] Stream A: Done already
                ### ⏳ Stream B: Waiting
                **Depends on**: Stream A
                """);
        Plan bullets = Plans.markdown("""
                - **🔧 Stream A**: tooling. Depends on: none
                - **🧪 Stream B**: tests. Depends on: Stream A
                """);

        assertThat(dependencies(headings)).containsExactly(
                Map.entry("stream-a", List.of()), Map.entry("stream-b", List.of("stream-a")));
        assertThat(dependencies(bullets)).containsExactly(
                Map.entry("stream-a", List.of()), Map.entry("stream-b", List.of("stream-a")));
    }

    @Test
    void detailsBlocksWithAWorkstreamInTheirSummary() throws Exception {
        Plan plan = read("shape-details.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("stream-a", List.of()), Map.entry("stream-b", List.of("stream-a")));
        assertThat(plan.workstream("stream-a").orElseThrow().title()).isEqualTo("Ledger");
        assertThat(plan.workstream("stream-a").orElseThrow().tasks()).containsExactly("Double-entry tables");
        assertThat(plan.workstream("stream-b").orElseThrow().title()).isEqualTo("Card payments");
        assertThat(plan.workstream("stream-b").orElseThrow().tasks()).containsExactly("Stripe client");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void workstreamsNamedAfterPeopleAreReferredToByTheName() throws Exception {
        Plan plan = read("shape-people.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("alice-payments-backend", List.of()),
                Map.entry("bob-checkout-ui", List.of("alice-payments-backend")),
                Map.entry("carol-qa-lead", List.of("alice-payments-backend", "bob-checkout-ui")));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aReferenceByTheDistinctivePartOfATitle() throws Exception {
        Plan plan = Plans.markdown("""
                ### Stream A: Ledger — double-entry tables
                **Depends on**: none
                ### Stream B: Invoices
                **Depends on**: Ledger
                ### Stream C: Reports
                **Depends on**: double-entry tables, Invoices
                """);

        assertThat(dependencies(plan)).containsEntry("stream-b", List.of("stream-a"))
                .containsEntry("stream-c", List.of("stream-a", "stream-b"));
    }

    @Test
    void phaseHeadingsWhoseOnlyBulletIsAWorkstream() throws Exception {
        Plan plan = read("shape-phase-single-bullet.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("stream-a", List.of()),
                Map.entry("stream-b", List.of("stream-a")),
                Map.entry("stream-c", List.of("stream-b")));
        assertThat(plan.workstreams()).extracting(Workstream::title).containsExactly("Schema", "Services", "Cleanup");
        assertThat(plan.workstreams()).extracting(Workstream::phase).containsExactly(1, 2, 3);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void phaseHeadingsWhoseOnlyPlainBulletNamesAWorkstream() throws Exception {
        Plan plan = read("shape-phase-plain-bullets.md");

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("workstream-1", List.of()),
                Map.entry("workstream-2", List.of("workstream-1")),
                Map.entry("workstream-3", List.of("workstream-2")));
        assertThat(plan.workstreams()).extracting(Workstream::title).containsExactly("Schema", "Services", "Cleanup");
        assertThat(plan.workstreams()).extracting(Workstream::phase).containsExactly(1, 2, 3);
        assertThat(plan.warnings()).isEmpty();
    }
}
