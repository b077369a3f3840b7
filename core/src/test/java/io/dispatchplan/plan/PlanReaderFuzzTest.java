package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.graph.DependencyGraph;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever text arrives, reading a plan either gives a valid plan or a {@link PlanException}; never another
 * exception, never an invalid plan.
 */
class PlanReaderFuzzTest {

    @Property(tries = 1000)
    void arbitraryTextGivesAPlanOrAPlanException(@ForAll @StringLength(max = 600) String text) {
        readSafely(text, "fuzz.md");
        readSafely(text, "fuzz.yaml");
    }

    @Property(tries = 1000)
    void markdownAssembledFromPlanFragments(@ForAll("planLike") String text) {
        readSafely(text, "fuzz.md");
    }

    @Provide
    Arbitrary<String> planLike() {
        Arbitrary<String> name = Arbitraries.of("A", "B", "C", "1", "2", "api", "ui", "B.1", "A1", "../x", "`x`", "数据");
        Arbitrary<String> line = Combinators.combine(
                Arbitraries.of("### Stream ", "### Track ", "## Workstream ", "### 1. ", "#### ", "**Developer ",
                        "- **Stream ", "| ", "- **Dependencies**: ", "**Depends on:** ", "- ", "1. ", "```yaml\n",
                        "```\n", "wait_for:\n  - ", "# Branch: ", "|---|---|\n", "**Branch:** ", "### Phase ",
                        "- [ ] #", "- [ ] ", "<details><summary>Stream ", "</details>\n", "## 🚀 Workstream ",
                        "| # | Task | Blocked by |\n", "- Workstream ", "Requires ", "After ", "**Alice — ", "\n"),
                name,
                Arbitraries.of(": Title", "", "**", " | none |", " | A, B |", " (note)", ", Stream B", ": none",
                        " (depends on #1)", "</summary>", " — Title", " RFC approved", " to reach 50%", ". Blocked by: 2"))
                .as((a, b, c) -> a + b + c);
        return line.list().ofMaxSize(25).map(lines -> String.join("\n", lines));
    }

    private static void readSafely(String text, String source) {
        for (PlanOptions options : List.of(PlanOptions.defaults(), PlanOptions.defaults().withStrictCycles(true),
                PlanOptions.defaults().withGranularity(PlanOptions.Granularity.FINE))) {
            Plan plan;
            try {
                plan = PlanReader.parse(text, source, options);
            } catch (PlanException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                continue;
            }
            assertValid(plan);
        }
    }

    static void assertValid(Plan plan) {
        assertThat(plan.ids()).doesNotHaveDuplicates().isNotEmpty();
        plan.ids().forEach(SlugsTest::assertSafe);
        for (Workstream w : plan.workstreams()) {
            assertThat(plan.ids()).containsAll(w.dependsOn());
            assertThat(w.dependsOn()).doesNotContain(w.id()).doesNotHaveDuplicates();
            assertThat(BranchNames.problem(w.branch())).isEmpty();
        }
        assertThat(DependencyGraph.of(plan).topologicalOrder()).hasSameSizeAs(plan.ids());
    }
}
