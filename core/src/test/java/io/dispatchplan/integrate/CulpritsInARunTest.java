package io.dispatchplan.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.run.LocalDispatcher;
import io.dispatchplan.run.RunListener;
import io.dispatchplan.run.RunOptions;
import io.dispatchplan.run.RunResult;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A whole local run whose verify fails because of one workstream: it and its dependent are left out, the rest kept. */
class CulpritsInARunTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "verifyEach={0}")
    @ValueSource(booleans = {false, true})
    void aWorkstreamThatBreaksVerifyIsLeftOutWithItsDependent(boolean verifyEach) throws Exception {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("repo"), VerifyCulpritsTest.libraryWithChecks());
        Plan plan = Plans.yaml("""
                feature: shop
                workstreams:
                  - {id: lib}
                  - {id: ext, dependsOn: [lib]}
                  - {id: web}
                """);
        // lib renames greet but forgets the caller in checks/main.sh.
        CommandWorker worker = CommandWorker.shell("""
                case "$WORKSTREAM_ID" in
                  lib) echo 'say_hello() { echo "hello $1"; }' > lib.sh ;;
                  *) mkdir -p docs && echo "$WORKSTREAM_ID" > "docs/$WORKSTREAM_ID.txt" ;;
                esac
                git add -A && git commit -qm "$WORKSTREAM_ID work" && echo "# Results" > RESULTS.md
                """);

        RunResult result = new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), tmp.resolve("out"), worker)
                .retry(RetryPolicy.none())
                .integration(ConflictPolicy.SKIP, List.of("sh", "-c", "sh check.sh"), null, true)
                .verifyEach(verifyEach)
                .build(), RunListener.NONE);

        IntegrationResult integration = result.report().integration();
        assertThat(result.report().mergeOf("lib").orElseThrow().status()).isEqualTo(MergeStatus.BREAKS_VERIFY);
        MergeRecord ext = result.report().mergeOf("ext").orElseThrow();
        assertThat(ext.status()).isEqualTo(MergeStatus.LEFT_OUT);
        assertThat(ext.message()).isEqualTo("left out: depends on lib, which breaks verify");
        assertThat(result.report().mergeOf("web").orElseThrow().status()).isEqualTo(MergeStatus.MERGED);
        assertThat(integration.verify().passed()).isTrue();
        assertThat(repo.filesAt("shop/integration")).contains("docs/web.txt").doesNotContain("docs/ext.txt");
        assertThat(repo.readFileAt("shop/integration", "lib.sh")).contains("greet");
        assertThat(result.clean()).isFalse();
        assertThat(ReportJson.read(Files.readString(result.reportFile()))).isEqualTo(result.report());
        assertThat(Files.readString(result.layout().integrationMarkdown())).contains("## Breaks verify")
                .contains("Verify runs:");
    }
}
