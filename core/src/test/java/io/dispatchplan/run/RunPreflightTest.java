package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run checks and honours before it starts anything, and how it reads what an earlier run left. */
class RunPreflightTest {
    @TempDir
    Path dir;

    TempRepo repo;
    Path events;
    CommandWorker worker;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n", "plan.json", "{\"mine\": 1}\n"));
        events = dir.resolve("events.log");
        worker = CommandWorker.shell("echo $WORKSTREAM_ID >> '" + events + "'; echo $WORKSTREAM_ID > $WORKSTREAM_ID.txt;"
                + " echo done > RESULTS.md");
    }

    private RunResult run(Plan plan, Path out) throws Exception {
        return new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), out, worker).retry(RetryPolicy.none()).build(),
                RunListener.NONE);
    }

    @Test
    void thePlansBaseBranchIsWhereTheWorkstreamsStart() throws Exception {
        repo.branch("release").checkout("release").commitFile("release.txt", "r\n", "release work");
        repo.checkout("main");

        RunResult result = run(Plans.yaml("feature: f\nbaseBranch: release\nworkstreams: [{id: a}]"), dir.resolve("out"));

        assertThat(result.report().baseSha()).isEqualTo(repo.revParse("release"));
        assertThat(repo.filesAt("f/a")).contains("release.txt", "a.txt");
    }

    @Test
    void aPlanBranchThatExistsAndNoRunMadeIsRefusedBeforeAnyWorker() throws Exception {
        String develop = repo.branch("develop").checkout("develop").commitFile("dev.txt", "d\n", "dev");
        repo.checkout("main");

        assertThatThrownBy(() -> run(Plans.yaml("feature: f\nworkstreams: [{id: a, branch: develop}]"), dir.resolve("out")))
                .isInstanceOf(RunException.class).hasMessageContaining("'develop' (workstream a)")
                .hasMessageContaining("Nothing was started");
        assertThat(events).doesNotExist();
        assertThat(repo.revParse("develop")).isEqualTo(develop);
    }

    @Test
    void aRunDirectoryThatHoldsSomeoneElsesFilesIsRefused() throws Exception {
        assertThatThrownBy(() -> run(Plans.yaml("feature: f\nworkstreams: [{id: a}]"), repo.dir()))
                .isInstanceOf(RunException.class).hasMessageContaining("not a dispatch-plan run's")
                .hasMessageContaining("git checkout");
        assertThat(repo.dir().resolve("plan.json")).hasContent("{\"mine\": 1}");
        assertThat(events).doesNotExist();
    }

    @Test
    void aRunDirectoryThatIsAFileIsSaidSo() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "mine\n");

        assertThatThrownBy(() -> run(Plans.yaml("feature: f\nworkstreams: [{id: a}]"), file))
                .isInstanceOf(RunException.class).hasMessageContaining("is a file, not a directory");
        assertThat(file).hasContent("mine");
    }

    @Test
    void anUnreadableRecordOfAnEarlierRunIsNamedWithItsFix() throws Exception {
        Plan plan = Plans.yaml("feature: f\nworkstreams: [{id: a}, {id: b}]");
        Path out = dir.resolve("out");
        run(plan, out);
        Files.writeString(out.resolve("state/a/outcome.json"), "");

        assertThatThrownBy(() -> run(plan, out)).isInstanceOf(RunException.class)
                .hasMessageContaining("state/a/outcome.json").hasMessageContaining("it is empty")
                .hasMessageContaining("Delete it to run a again");

        Files.delete(out.resolve("state/a/outcome.json"));
        Files.writeString(out.resolve("state/run.json"), "{\"feature\": \"f\"");
        assertThatThrownBy(() -> run(plan, out)).isInstanceOf(RunException.class)
                .hasMessageContaining("state/run.json").hasMessageContaining("Delete it to start afresh");
    }

    @Test
    void anEmptyReportFromBeforeTheRecordsIsNamedWithItsFix() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("report.json"), "");

        assertThatThrownBy(() -> run(Plans.yaml("feature: f\nworkstreams: [{id: a}]"), out)).isInstanceOf(RunException.class)
                .hasMessageContaining("report.json cannot be read").hasMessageContaining("Delete it to start afresh");
    }
}
