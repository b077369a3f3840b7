package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.testsupport.Plans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything that looks like a workstream is read as one, or named with its line in the warnings. */
class NothingDroppedSilentlyTest {

    @Test
    void aPhaseWithASingleBoldBulletStillHoldsAWorkstream() throws Exception {
        Plan plan = Plans.seed("bullets-across-phases.md", PlanOptions.defaults());

        assertThat(plan.ids()).containsExactly("schema", "invoices-api", "billing-ui", "emails", "remove-legacy-billing");
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        plan.workstreams().forEach(w -> dependencies.put(w.id(), w.dependsOn()));
        assertThat(dependencies).containsEntry("schema", List.of())
                .containsEntry("invoices-api", List.of("schema"))
                .containsEntry("remove-legacy-billing", List.of("invoices-api", "billing-ui"));
        assertThat(plan.workstream("remove-legacy-billing").orElseThrow().phase()).isEqualTo(3);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aBoldBulletsNameIsItsTitleAndItsDescriptionItsFocus() throws Exception {
        Plan plan = Plans.seed("bullets-across-phases.md", PlanOptions.defaults());

        assertThat(plan.workstreams()).extracting(Workstream::title)
                .containsExactly("Schema", "Invoices API", "Billing UI", "Emails", "Remove legacy billing");
        assertThat(plan.workstreams()).extracting(Workstream::focus).containsExactly("new tables for invoices",
                "CRUD endpoints", "screens for invoices", "invoice emails", "delete legacy/");
    }

    private static final String PHASE_WITHOUT_DEPENDENCIES = """
            # Billing rewrite
            ## Phase 1
            - **Schema**: new tables for invoices.
            - **Invoices API**: CRUD endpoints. Depends on: Schema
            ## Phase 2
            - **Remove legacy billing**: delete legacy/.
            """;

    @Test
    void aBoldBulletNotReadIsAWarningWithItsLine() throws Exception {
        Plan plan = Plans.markdown(PHASE_WITHOUT_DEPENDENCIES);

        assertThat(plan.ids()).containsExactly("schema", "invoices-api");
        assertThat(plan.warnings()).containsExactly("line 6: '**Remove legacy billing**' looks like a workstream but"
                + " was not read because no bullet of its list says what it depends on. Add 'Depends on: none' (or"
                + " what it depends on) to read it as a workstream.");
    }

    @Test
    void strictMakesWhatWasNotReadAnError() {
        assertThatThrownBy(() -> PlanReader.parse(PHASE_WITHOUT_DEPENDENCIES, "plan.md",
                PlanOptions.defaults().withStrictCycles(true)))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("plan.md:6: '**Remove legacy billing**' looks like a workstream but was not read")
                .hasMessageContaining("--strict makes this an error")
                .extracting(e -> ((PlanException) e).line()).isEqualTo(6);
    }

    @Test
    void strictReportsEveryItemNotReadAtOnce() {
        String plan = PHASE_WITHOUT_DEPENDENCIES + "- **Archive**: old invoices\n- **Owner:** Ann. Depends on: Schema\n";

        assertThatThrownBy(() -> PlanReader.parse(plan, "plan.md", PlanOptions.defaults().withStrictCycles(true)))
                .hasMessageContaining("3 problems:")
                .hasMessageContaining("line 6: '**Remove legacy billing**'")
                .hasMessageContaining("line 7: '**Archive**'")
                .hasMessageContaining("line 8: '**Owner:**' looks like a workstream but was not read because the colon"
                        + " is inside the bold");
    }

    @Test
    void aPlainBulletBesideKeywordNamedOnesIsNamed() throws Exception {
        Plan plan = Plans.markdown("""
                ## Streams
                - **Stream A**: REST API. Depends on: none
                - **Stream B**: Pages. Depends on: Stream A
                - **Cleanup**: remove old pages. Depends on: Stream B
                """);

        assertThat(plan.ids()).containsExactly("stream-a", "stream-b");
        assertThat(plan.warnings()).singleElement().asString().startsWith("line 4: '**Cleanup**' looks like a workstream")
                .contains("named by a keyword and code ('**Stream A**')");
    }

    @Test
    void aBulletOrBoldLeadBesideWorkstreamHeadingsIsNamed() throws Exception {
        Plan plan = Plans.markdown("""
                ## Streams
                - **Docs**: user guide. Depends on: Stream A

                **Developer 3: QA**

                ### Stream A: API
                **Depends on**: none
                ### Stream B: UI
                **Depends on**: Stream A
                """);

        assertThat(plan.ids()).containsExactly("stream-a", "stream-b");
        assertThat(plan.warnings()).hasSize(2);
        assertThat(plan.warnings().get(0)).startsWith("line 2: '**Docs**' looks like a workstream but was not read"
                + " because this plan's workstreams are headings");
        assertThat(plan.warnings().get(1)).startsWith("line 4: 'Developer 3: QA' looks like a workstream");
    }

    @Test
    void aNumberedHeadingWithoutDependenciesBesideNumberedWorkstreamsIsNamed() throws Exception {
        Plan plan = Plans.markdown("""
                ## Specs
                ### 1. schema
                - **Dependencies**: None
                ### 2. api
                - **Dependencies**: schema
                ### 3. cleanup
                - **Status**: later
                """);

        assertThat(plan.ids()).containsExactly("schema", "api");
        assertThat(plan.warnings()).singleElement().asString()
                .startsWith("line 6: '### 3. cleanup' looks like a workstream").contains("'**Dependencies**: None'");
    }

    @Test
    void aKeywordListItemInAListThatStatesNoDependencyIsNamed() throws Exception {
        Plan plan = Plans.markdown("""
                ## Phase 1
                - Workstream 1: Schema (no dependencies)
                - Workstream 2: API (depends on Workstream 1)
                ## Phase 2
                - Workstream 3: Cleanup
                """);

        assertThat(plan.ids()).containsExactly("workstream-1", "workstream-2");
        assertThat(plan.warnings()).containsExactly("line 5: 'Workstream 3: Cleanup' looks like a workstream but was not"
                + " read because no item of its list says what it depends on. Add '(depends on ...)' or '(no"
                + " dependencies)' to one of them to read the list as workstreams.");
    }

    @Test
    void anIssueItemBesideWorkstreamHeadingsIsNamed() throws Exception {
        Plan plan = Plans.markdown("""
                ## Streams
                ### Stream A: API
                **Depends on**: none
                ### Stream B: UI
                **Depends on**: Stream A
                ## Follow-ups
                - [ ] #12 Docs (depends on Stream B)
                - [ ] Tidy the README
                """);

        assertThat(plan.ids()).containsExactly("stream-a", "stream-b");
        assertThat(plan.warnings()).singleElement().asString().startsWith("line 7: '- [ ] #12 Docs (depends on Stream B)'"
                + " looks like a workstream but was not read because this plan's workstreams are headings");
    }

    @Test
    void aLoneBoldLeadWithoutAKeywordIsNamedAndKeepsItsOwnBullets() throws Exception {
        Plan plan = Plans.markdown("""
                **Developer 1: API**
                - Depends on: none

                **Developer 2: UI**
                - Depends on: Developer 1

                **Docs**
                - Depends on: Developer 2
                """);

        assertThat(plan.ids()).containsExactly("developer-1", "developer-2");
        assertThat(plan.workstream("developer-2").orElseThrow().dependsOn()).containsExactly("developer-1");
        assertThat(plan.warnings()).containsExactly("line 7: '**Docs**' looks like a workstream but was not read because"
                + " it is the plan's only bold lead line without a keyword ('Developer 1'); such lines count from two on."
                + " Name it by a keyword and code to read it as a workstream.");
    }

    @Test
    void aDetailsBlockThatStatesDependenciesBesideBoldBulletsIsNamed() throws Exception {
        Plan plan = Plans.markdown("""
                ## Plan
                - **Schema**: tables. Depends on: none
                - **API**: endpoints. Depends on: Schema

                <details><summary>Cleanup</summary>

                **Depends on**: API
                </details>
                """);

        assertThat(plan.ids()).containsExactly("schema", "api");
        assertThat(plan.warnings()).singleElement().asString().startsWith("line 5: '<summary>Cleanup</summary>' looks"
                + " like a workstream but was not read because this plan's workstreams are bold bullets");
    }

    @Test
    void notesOutsideTheSectionsThatHoldWorkstreamsAreNotWarnedAbout() throws Exception {
        Plan plan = Plans.markdown("""
                # Billing
                ## Plan
                - **Schema**: tables. Depends on: none
                - **API**: endpoints. Depends on: Schema
                ## Notes
                ### Risks
                - **Vendor**: may be late
                1. **Await approval**: from finance
                """);

        assertThat(plan.ids()).containsExactly("schema", "api");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void theSeedPlansHaveNothingLeftUnread() throws Exception {
        for (String seed : List.of("seed-000-spec-list.md", "seed-001-streams.md", "seed-003-tracks.md",
                "seed-004-strategies.md")) {
            assertThat(Plans.seed(seed, PlanOptions.defaults()).warnings()).as(seed)
                    .noneMatch(w -> w.contains("looks like a workstream"));
        }
    }
}
