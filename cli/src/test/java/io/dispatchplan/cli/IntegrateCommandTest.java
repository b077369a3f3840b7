package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finishing by hand: INTEGRATION.md's instructions, followed literally, then {@code dispatch-plan integrate}. */
class IntegrateCommandTest {
    @TempDir
    Path dir;

    TempRepo repo;
    Path plan;
    Path events;
    String worker;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n", "shared.txt", "one\n"));
        plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "feature: hand\nworkstreams: [{id: a}, {id: b}]\n");
        events = dir.resolve("events.log");
        // a and b both rewrite shared.txt: b, merged second, conflicts.
        worker = "echo \"start $WORKSTREAM_ID\" >> '" + events + "'; echo \"$WORKSTREAM_ID's line\" > shared.txt;"
                + " git commit -qam \"$WORKSTREAM_ID edits shared\"; echo done > \"$RESULTS_FILE\"";
    }

    @Test
    void aConflictResolvedInItsBranchAsIntegrationMdSaysIsMergedWithoutRunningItsWorkerAgain() throws Exception {
        CommandRun first = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command",
                worker, "--retries", "0");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        String integration = Files.readString(repo.dir().resolve(".dispatch-plan/runs/hand/INTEGRATION.md"));
        assertThat(integration).contains("Resolving `b` by hand").contains("dispatch-plan integrate");

        // The first block under "Resolving b", run line by line in the repository; the edit is ours.
        Matcher block = Pattern.compile("### Resolving `b` by hand.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(integration);
        assertThat(block.find()).isTrue();
        for (String line : block.group(1).split("\n")) {
            if (line.startsWith("#")) {
                Files.writeString(repo.dir().resolve("shared.txt"), "a's line\nb's line\n");
                continue;
            }
            Process p = new ProcessBuilder("sh", "-c", line).directory(repo.dir().toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            int exit = p.waitFor();
            assertThat(exit == 0 || line.contains("git merge ")).as(line + "\n" + output).isTrue();
        }

        CommandRun again = CommandRun.of("integrate", plan.toString(), "--repo", repo.dir().toString());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("integration only");
        assertThat(Files.readAllLines(events)).containsExactlyInAnyOrder("start a", "start b");
        assertThat(repo.readFileAt("hand/integration", "shared.txt")).isEqualTo("a's line\nb's line\n");
        assertThat(List.of(repo.git("log", "--first-parent", "--format=%s", "hand/integration").split("\n")))
                .startsWith("Merge workstream b (hand/b)", "Merge workstream a (hand/a)");
    }

    @Test
    void aWorkstreamThatFailedAndWasNotTouchedIsNotMerged() throws Exception {
        CommandRun first = CommandRun.of("run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command",
                "if [ \"$WORKSTREAM_ID\" = b ]; then echo half > half.txt; exit 3; fi; " + worker, "--retries", "0");
        assertThat(first.exitCode()).isEqualTo(1);

        CommandRun again = CommandRun.of("integrate", plan.toString(), "--repo", repo.dir().toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("failed in the earlier run");
        assertThat(repo.filesAt("hand/integration")).doesNotContain("half.txt");
        assertThat(Files.readAllLines(events)).containsExactly("start a");
    }
}
