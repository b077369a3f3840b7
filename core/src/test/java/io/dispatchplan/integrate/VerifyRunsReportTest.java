package io.dispatchplan.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.report.IntegrationMarkdown;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INTEGRATION.md and report.json show every verify run, what breaks verify, and the conflicts predicted early. */
class VerifyRunsReportTest {

    @TempDir
    Path tmp;

    private TempRepo repo;
    private String base;
    private RunReport report;

    @BeforeEach
    void integrateWithACulprit() {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), VerifyCulpritsTest.libraryWithChecks());
        base = repo.head();
        List<WorkstreamReport> workstreams = new ArrayList<>();
        List<BranchToMerge> branches = new ArrayList<>();
        String[][] work = {
            {"a", "docs/a.txt", "a\n"},
            {"rename", "lib.sh", "say_hello() { echo \"hello $1\"; }\n"},
            {"caller", "checks/caller.sh", ". ./lib.sh\ngreet caller\n"},
            {"more", "docs/more.txt", "more\n"}};
        for (String[] w : work) {
            String from = w[0].equals("more") ? "chat/caller" : base;
            repo.branch("chat/" + w[0], from).checkout("chat/" + w[0]);
            if (w[0].equals("rename")) {
                repo.write("checks/main.sh", ". ./lib.sh\nsay_hello world\n");
            }
            String head = repo.commitFile(w[1], w[2], "work of " + w[0]);
            repo.checkout("main");
            workstreams.add(new WorkstreamReport(w[0], "Work " + w[0], WorkstreamReport.SUCCEEDED, null, "local", 1000,
                    "chat/" + w[0], head, 1, null, null, null, null, 1, null));
            branches.add(new BranchToMerge(w[0], "chat/" + w[0], false,
                    w[0].equals("more") ? List.of("caller") : List.of()));
        }
        IntegrationResult integration = new Integrator(TestGit.cli(), new ProcessRunner()).integrate(
                new IntegrationRequest(repo.dir(), "chat", base, null, branches, ConflictPolicy.SKIP,
                        List.of("sh", "-c", "sh check.sh"), null, tmp.resolve("work/chat/integration"), null));
        report = new RunReport("chat", "Chat", base, Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T10:05:00Z"), workstreams, integration, null,
                List.of(new PredictedConflict("more", "chat/more", "a", "chat/a", List.of("docs/x.txt"))));
    }

    @Test
    void reportJsonListsTheVerifyRunsAndReadsBack() throws Exception {
        String json = ReportJson.write(report);
        JsonNode root = new ObjectMapper().readTree(json);

        JsonNode runs = root.get("integration").get("verifyRuns");
        assertThat(runs).hasSize(report.integration().verifyRuns().size()).hasSizeGreaterThanOrEqualTo(3);
        JsonNode first = runs.get(0);
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("commit").asText()).hasSize(40);
        assertThat(first.get("passed").asBoolean()).isFalse();
        assertThat(first.get("tested").asText()).isEqualTo("every merge");
        assertThat(first.get("merged")).extracting(JsonNode::asText).containsExactly("a", "rename", "caller", "more");
        assertThat(first.get("outputTail").asText()).contains("FAILED: checks/caller.sh");
        assertThat(first.get("logFile").asText()).endsWith("integration-verify.log");
        assertThat(root.get("integration").get("verify").get("passed").asBoolean()).isTrue();
        assertThat(root.get("integration").get("verifyMessage").asText()).contains("caller breaks verify");
        JsonNode caller = root.get("integration").get("merges").get(2);
        assertThat(caller.get("status").asText()).isEqualTo("BREAKS_VERIFY");
        assertThat(caller.get("verifyOutput").asText()).contains("greet");
        assertThat(root.get("integration").get("merges").get(3).get("status").asText()).isEqualTo("LEFT_OUT");
        assertThat(root.get("summary").get("merges").get("BREAKS_VERIFY").asInt()).isEqualTo(1);
        assertThat(root.get("predictedConflicts").get(0).get("files").get(0).asText()).isEqualTo("docs/x.txt");

        RunReport back = ReportJson.read(json);
        assertThat(back).isEqualTo(report);
        assertThat(ReportJson.write(back)).isEqualTo(json);
    }

    @Test
    void integrationMarkdownShowsEachRunAndTheCulpritWithItsOutput() {
        String md = IntegrationMarkdown.write(report);

        assertThat(md).contains("| `caller` Work caller | SUCCEEDED | **breaks verify** |");
        assertThat(md).contains("| `more` Work more | SUCCEEDED | left out |");
        assertThat(md).contains("## Breaks verify");
        assertThat(md).contains("left out: depends on caller, which breaks verify");
        assertThat(md).contains("FAILED: checks/caller.sh");
        assertThat(md).contains("needs attention").contains("1 branch breaks verify").contains("1 branch left out");
        for (VerifyRun run : report.integration().verifyRuns()) {
            assertThat(md).contains(run.number() + ". " + run.tested().substring(0, 1).toUpperCase()
                    + run.tested().substring(1) + " at `" + run.commit().substring(0, 12) + "`: "
                    + (run.passed() ? "passed" : "**failed**"));
        }
        assertThat(md).contains("all checks passed");
        assertThat(md).contains("## Predicted conflicts").contains("`more` and `a` both change `docs/x.txt`");
    }
}
