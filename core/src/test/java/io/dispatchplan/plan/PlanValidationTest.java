package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.testsupport.Plans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad plans get one clear message naming the line and the fix. */
class PlanValidationTest {

    @Test
    void duplicateWorkstreamNamesInMarkdownNameBothLines() {
        assertThatThrownBy(() -> Plans.markdown("""
                ### 1. api
                - **Dependencies**: None

                ### 2. api
                - **Dependencies**: None
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("plan.md:4: duplicate workstream 'api' (first defined at line 1)")
                .hasMessageContaining("rename one");
    }

    @Test
    void duplicateIdsInYaml() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: api
                  - id: ui
                  - id: api
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("duplicate workstream 'api'");
    }

    @Test
    void unknownDependencySuggestsTheClosestNames() {
        assertThatThrownBy(() -> Plans.markdown("""
                ### 1. database-schema
                - **Dependencies**: None

                ### 2. task-api
                - **Dependencies**: databse-schema (tables)
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("plan.md:5: 'task-api' depends on 'databse-schema', which is not a workstream")
                .hasMessageContaining("Did you mean 'database-schema'?")
                .hasMessageContaining("Fix the name, or remove it");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: a
                    dependsOn: [nope]
                  - id: b
                    dependsOn: [zilch]
                """))
                .hasMessageContaining("2 problems")
                .hasMessageContaining("'nope'")
                .hasMessageContaining("'zilch'");
    }

    @Test
    void aCycleIsBrokenByDocumentOrderWhenThePlanHasNoPhases() throws Exception {
        Plan plan = Plans.yaml("""
                workstreams:
                  - {id: a, dependsOn: [b]}
                  - {id: b, dependsOn: [c]}
                  - {id: c, dependsOn: [a]}
                """);

        assertThat(plan.workstream("a").orElseThrow().dependsOn()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString()
                .contains("a -> b -> c -> a").contains("dropped the dependency a -> b")
                .contains("b comes after a in the plan");
        assertThat(DependencyGraph.of(plan).topologicalOrder()).containsExactly("a", "c", "b");
    }

    @Test
    void strictCyclesPrintTheWholeCycle() {
        assertThatThrownBy(() -> PlanReader.parse("""
                workstreams:
                  - {id: a, dependsOn: [b]}
                  - {id: b, dependsOn: [a]}
                """, "p.yaml", PlanOptions.defaults().withStrictCycles(true)))
                .hasMessageContaining("dependency cycle: a -> b -> a");
    }

    @Test
    void anUnusableBranchNameIsRejectedWithTheRule() {
        assertThatThrownBy(() -> Plans.markdown("""
                ## Workstream 1: A
                **Branch:** feature..x
                **Depends on:** none
                """))
                .hasMessageContaining("plan.md:1: branch 'feature..x' of 'Workstream 1' cannot be used: it contains '..'");
    }

    @Test
    void twoWorkstreamsCannotShareABranch() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - {id: a, branch: topic}
                  - {id: b, branch: topic}
                """)).hasMessageContaining("both use branch 'topic'");
    }

    @Test
    void unknownYamlKeysAreErrorsNotSilentlyDropped() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: a
                    dependOn: [b]
                """))
                .hasMessageContaining("unknown key 'dependOn'")
                .hasMessageContaining("dependsOn");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> Plans.yaml("workstreams:\n  - id: a\n   - id: b\n"))
                .hasMessageContaining("plan.yaml:3: not valid YAML/JSON");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> PlanReader.read(Path.of("no/such/plan.md"), PlanOptions.defaults()))
                .isInstanceOf(PlanException.class).hasMessageContaining("no such plan file");
    }

    @Test
    void branchHeadIsRejectedByPlanNotLeftToFailAtRun() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - id: api
                    branch: HEAD
                """))
                .hasMessageContaining("plan.yaml:2: branch 'HEAD' of 'api' cannot be used: 'HEAD' names")
                .hasMessageContaining("remove it to use the default 'plan/api'");
    }

    @Test
    void aFullRefIsRejectedWithTheShortNameToUse() {
        assertThatThrownBy(() -> Plans.markdown("""
                **Developer 1: Handlers**
                ```bash
                # Branch: refs/heads/feature/handlers
                ```

                **Developer 2: Tests**
                ```bash
                # Branch: feature/tests
                ```
                """))
                .hasMessageContaining("plan.md:1: branch 'refs/heads/feature/handlers' of 'Developer 1' cannot be used:"
                        + " write the branch name without 'refs/heads/' ('feature/handlers')");
    }

    @Test
    void theIntegrationBranchAndTheBaseBranchAreNotWorkstreamBranches() {
        assertThatThrownBy(() -> Plans.yaml("""
                feature: checkout
                baseBranch: main
                workstreams:
                  - id: api
                    branch: checkout/integration
                  - id: ui
                    branch: main
                """))
                .hasMessageContaining("2 problems")
                .hasMessageContaining("line 4: branch 'checkout/integration' of 'api' cannot be used: it is the"
                        + " integration branch")
                .hasMessageContaining("line 6: branch 'main' of 'ui' cannot be used: it is the plan's baseBranch");
    }

    @Test
    void aBranchCannotSitWhereGitNeedsADirectory() {
        assertThatThrownBy(() -> Plans.yaml("""
                feature: checkout
                workstreams:
                  - {id: api, branch: checkout}
                  - {id: ui}
                """)).hasMessageContaining("plan.yaml:3: branch 'checkout' of 'api' cannot be used: git keeps"
                        + " 'checkout/integration' and the default branches under 'checkout/'")
                .hasMessageNotContaining("problems");
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - {id: a, branch: topic}
                  - {id: b, branch: topic/b}
                """)).hasMessageContaining("plan.yaml:3: workstreams 'a' and 'b' use branches 'topic' and 'topic/b'");
    }

    @Test
    void branchesThatDifferOnlyInCaseCollide() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - {id: a, branch: Feature/Topic}
                  - {id: b, branch: feature/topic}
                """)).hasMessageContaining("plan.yaml:3: workstreams 'a' and 'b' both use branch 'feature/topic'"
                        + " (ignoring case");
    }

    @Test
    void aBranchNamedAfterAWindowsDeviceIsRejected() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - {id: a, branch: feature/aux.txt}
                """)).hasMessageContaining("plan.yaml:2: branch 'feature/aux.txt' of 'a' cannot be used: 'aux.txt' is a"
                        + " device name on Windows");
    }

    @Test
    void newBranchNamesLikeSeed004sStayAllowed() throws Exception {
        Plan plan = Plans.yaml("""
                feature: feature
                baseBranch: main
                workstreams:
                  - {id: handlers, branch: feature/phase1-handlers}
                  - {id: tests, branch: feature/phase1-tests}
                  - {id: heads, branch: feature/heads}
                """);
        assertThat(plan.workstreams()).extracting(Workstream::branch)
                .containsExactly("feature/phase1-handlers", "feature/phase1-tests", "feature/heads");
    }

    @Test
    void anAmbiguousReferenceListsWhatItCouldMeanAndNeverSuggestsItself() {
        assertThatThrownBy(() -> Plans.markdown("""
                | Workstream | Depends on |
                |---|---|
                | api-2 | none |
                | API 2 | none |
                | ui | api-2 |
                """))
                .hasMessageContaining("plan.md:5: 'ui' depends on 'api-2', which could mean 'api-2' (line 3) or"
                        + " 'API 2' (line 4)")
                .hasMessageNotContaining("Did you mean 'api-2'");
        assertThatThrownBy(() -> Plans.markdown("""
                | Workstream | Depends on |
                |---|---|
                | api-2 | none |
                | API 2 | none |
                | ui | api-2 reaches 50% |
                """))
                .hasMessageContaining("'api-2 reaches 50%', which could mean 'api-2' (line 3) or 'API 2' (line 4)");
    }

    @Test
    void suggestionsConsiderTitles() {
        assertThatThrownBy(() -> Plans.yaml("""
                workstreams:
                  - {id: db, title: Database schema}
                  - {id: api, dependsOn: [Databse schema]}
                """))
                .hasMessageContaining("plan.yaml:3: 'api' depends on 'Databse schema', which is not a workstream")
                .hasMessageContaining("Did you mean 'db' (Database schema)?");
    }

    @Test
    void warningsNameTheRealLineOrNone() throws Exception {
        Plan plan = Plans.yaml("""
                workstreams:
                  - id: api
                  - id: Foo Bar
                    dependsOn: [Foo Bar]
                """);

        assertThat(plan.warnings()).isNotEmpty().noneMatch(w -> w.contains("line 0"));
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("line 3: id 'Foo Bar' is not a safe branch"))
                .anyMatch(w -> w.startsWith("line 4: 'Foo Bar' lists itself as a dependency"));

        DraftWorkstream unplaced = new DraftWorkstream(null, 0);
        unplaced.explicitId = "Foo Bar";
        PlanDraft draft = new PlanDraft();
        draft.workstreams.add(unplaced);
        assertThat(PlanAssembler.assemble(draft, "plan.json", PlanOptions.defaults()).warnings())
                .singleElement().asString().startsWith("id 'Foo Bar' is not a safe branch");
    }

    @Test
    void aDirectoryIsNotAPlanFile(@TempDir Path dir) {
        assertThatThrownBy(() -> PlanReader.read(dir, PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining(dir + ": this is a directory, not a plan file")
                .hasMessageNotContaining("no such plan file");
    }

    @Test
    void aBinaryFileIsNotUtf8Text(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plan.md");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, (byte) 0xff, 0});
        Path nul = dir.resolve("plan.yaml");
        Files.write(nul, "w\0o\0r\0k\0".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PlanReader.read(png, PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining(png + ": not UTF-8 text (byte 0x89 at offset 0)")
                .hasMessageNotContaining("Input length");
        assertThatThrownBy(() -> PlanReader.read(nul, PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining(nul + ": not a text file (it contains NUL bytes");
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfThePlan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan");
        Files.write(file, ("\uFEFFworkstreams: [{id: a}]\n").getBytes(StandardCharsets.UTF_8));

        assertThat(PlanReader.read(file, PlanOptions.defaults()).ids()).containsExactly("a");
    }
}
