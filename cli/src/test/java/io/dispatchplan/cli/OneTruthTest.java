package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console, its exit code, report.json and INTEGRATION.md give one verdict, whatever the outcome. */
class OneTruthTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "every workstream succeeds | true  | ",
        "one fails                 | false | b) exit 3 ;;",
        "one writes no RESULTS.md  | false | b) echo b > b.txt; git add b.txt; git commit -qm b; exit 0 ;;",
        "two conflict              | false | *) echo $WORKSTREAM_ID > shared.txt; git commit -qam edit; echo done > RESULTS.md; exit 0 ;;",
        "the worker never starts   | false | *) exit 127 ;;",
    })
    void theConsoleTheReportAndIntegrationMdAgree(String outcome, boolean clean, String behaviour) throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n", "shared.txt", "one\n"));
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "feature: truth\nworkstreams: [{id: a}, {id: b}]\n");
        String worker = "case $WORKSTREAM_ID in " + (behaviour == null ? "" : behaviour) + " esac;"
                + " echo $WORKSTREAM_ID > $WORKSTREAM_ID.txt; git add -A; git commit -qm work; echo done > RESULTS.md";

        CommandRun run = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command", worker,
                "--retries", "0");

        Path out = repo.dir().resolve(".dispatch-plan/runs/truth");
        boolean reportClean = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("summary").path("clean")
                .asBoolean();
        String markdown = Files.readString(out.resolve("INTEGRATION.md"));
        assertThat(run.exitCode() == 0).as(outcome + ": exit code\n" + run.out() + run.err()).isEqualTo(clean);
        assertThat(reportClean).as(outcome + ": report.json").isEqualTo(clean);
        assertThat(markdown.contains("**clean**")).as(outcome + ": INTEGRATION.md").isEqualTo(clean);
        assertThat(markdown.contains("**needs attention**")).isEqualTo(!clean);
        assertThat(run.out().contains("(everything merged)")).as(outcome + ": console").isEqualTo(clean);
    }
}
