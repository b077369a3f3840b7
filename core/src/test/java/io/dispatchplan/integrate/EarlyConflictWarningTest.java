package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.IntegrationMarkdown;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.run.LocalDispatcher;
import io.dispatchplan.run.RunListener;
import io.dispatchplan.run.RunOptions;
import io.dispatchplan.run.RunResult;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch that will conflict with a sibling is known as soon as both finished, before the integration: the check
 * runs {@code git merge-tree} against every finished branch that is not a dependency or dependent.
 */
class EarlyConflictWarningTest {

    @TempDir
    Path tmp;

    /** Remembers what the run said, in order. */
    private static final class Events implements RunListener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void finished(WorkstreamReport report) {
            seen.add("finished " + report.id());
        }

        @Override
        public void conflictPredicted(PredictedConflict conflict) {
            seen.add("conflict " + conflict.describe());
        }

        @Override
        public void integrating(List<String> branches) {
            seen.add("integrating");
        }
    }

    @Test
    void twoConflictingSiblingsAreReportedBeforeIntegrationButADependencyPairIsNot() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("repo"), files("README.md", "demo\n"));
        Plan plan = Plans.yaml("""
                feature: shop
                workstreams:
                  - {id: web}
                  - {id: api}
                  - {id: core}
                  - {id: ext, dependsOn: [core]}
                """);
        // web and api both add src/routes.ts; ext rewrites the file core wrote, on top of core's work.
        CommandWorker worker = CommandWorker.shell("""
                mkdir -p src
                case "$WORKSTREAM_ID" in
                  web) echo "web routes" > src/routes.ts ;;
                  api) echo "api routes" > src/routes.ts ;;
                  core) echo "core" > src/core.txt ;;
                  ext) echo "core, extended" > src/core.txt ;;
                esac
                git add src && git commit -qm "$WORKSTREAM_ID work" && echo "# Results" > RESULTS.md
                """);
        Events events = new Events();

        RunResult result = new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), tmp.resolve("out"), worker)
                .retry(RetryPolicy.none()).build(), events);

        List<String> seen = List.copyOf(events.seen);
        List<String> conflicts = seen.stream().filter(e -> e.startsWith("conflict ")).toList();
        assertThat(conflicts).as(seen.toString()).hasSize(1);
        String conflict = conflicts.get(0);
        assertThat(conflict).isIn("conflict web and api both change src/routes.ts",
                "conflict api and web both change src/routes.ts");
        int at = seen.indexOf(conflict);
        assertThat(at).isGreaterThan(seen.indexOf("finished web")).isGreaterThan(seen.indexOf("finished api"))
                .isLessThan(seen.indexOf("integrating"));

        // It is recorded in the report too; the integration then finds the same conflict.
        assertThat(result.report().predictedConflicts()).hasSize(1);
        assertThat(result.report().predictedConflicts().get(0).files()).containsExactly("src/routes.ts");
        assertThat(ReportJson.read(Files.readString(result.reportFile())).predictedConflicts())
                .isEqualTo(result.report().predictedConflicts());
        assertThat(Files.readString(result.layout().integrationMarkdown())).contains("## Predicted conflicts")
                .contains("both change `src/routes.ts`");
        assertThat(result.report().integration().withStatus(MergeStatus.CONFLICT)).hasSize(1);
        assertThat(IntegrationMarkdown.write(result.report())).doesNotContain("`ext` and `core`");
    }

    @Test
    void theCheckSkipsRelativesAndLeavesEveryBranchAsItWas() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("repo"), files("shared.txt", "one\n", "README.md", "x\n"));
        String base = repo.head();
        String x = branch(repo, "x", base, "shared.txt", "x\n");
        String y = branch(repo, "y", base, "shared.txt", "y\n");
        String z = branch(repo, "z", base, "shared.txt", "z\n");
        String clean = branch(repo, "clean", base, "other.txt", "o\n");
        // RESULTS.md is each workstream's own: both writing it is no conflict.
        String r1 = branch(repo, "r1", base, "RESULTS.md", "one\n");
        String r2 = branch(repo, "r2", base, "RESULTS.md", "two\n");
        List<String> refsBefore = repo.git("for-each-ref").lines().toList();
        EarlyConflictCheck check = new EarlyConflictCheck(TestGit.cli(), repo.dir(),
                IntegrationRequest.DEFAULT_REPORT_FILES);

        assertThat(check.finished("x", "f/x", x, Set.of())).isEmpty();
        assertThat(check.finished("clean", "f/clean", clean, Set.of())).isEmpty();
        List<PredictedConflict> forY = check.finished("y", "f/y", y, Set.of());
        // z is declared a relative of x (a dependent, say): only y is named.
        List<PredictedConflict> forZ = check.finished("z", "f/z", z, Set.of("x"));
        assertThat(check.finished("r1", "f/r1", r1, Set.of())).isEmpty();
        assertThat(check.finished("r2", "f/r2", r2, Set.of())).isEmpty();

        assertThat(forY).containsExactly(new PredictedConflict("y", "f/y", "x", "f/x", List.of("shared.txt")));
        assertThat(forY.get(0).describe()).isEqualTo("y and x both change shared.txt");
        assertThat(forZ).extracting(PredictedConflict::otherId).containsExactly("y");
        assertThat(check.predicted()).hasSize(2);
        assertThat(repo.git("for-each-ref").lines().toList()).isEqualTo(refsBefore);
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    private static String branch(TempRepo repo, String name, String from, String path, String content) {
        repo.branch("f/" + name, from).checkout("f/" + name);
        String tip = repo.commitFile(path, content, "work of " + name);
        repo.checkout("main");
        return tip;
    }
}
