package io.dispatchplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.JavaProcess;
import io.dispatchplan.testsupport.Pids;
import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of {@code dispatch-plan run} in a real second JVM that are killed, interrupted, or raced by a second run:
 * no worker is left running, nothing finished is done twice, and no work is lost.
 */
class InterruptedRunsTest {
    @TempDir
    Path dir;

    TempRepo repo;
    Path plan;
    Path events;
    Path flag;
    Path cPid;
    Path worker;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "demo\n"));
        plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                feature: kill
                workstreams:
                  - {id: a}
                  - {id: b}
                  - {id: c}
                """);
        events = dir.resolve("events.log");
        flag = dir.resolve("c-may-finish");
        cPid = dir.resolve("c.pid");
        worker = dir.resolve("worker.sh");
        // c leaves a file uncommitted and then works "for ever", until the flag file says it may finish.
        Files.writeString(worker, String.join("\n",
                "echo \"start $WORKSTREAM_ID\" >> '" + events + "'",
                "if [ \"$WORKSTREAM_ID\" = c ] && [ ! -f '" + flag + "' ]; then",
                "  echo partial > c-partial.txt; echo $$ > '" + cPid + "'; sleep 300",
                "fi",
                "echo \"work of $WORKSTREAM_ID\" > $WORKSTREAM_ID.txt && git add $WORKSTREAM_ID.txt"
                        + " && git commit -qm \"$WORKSTREAM_ID work\" && echo done > RESULTS.md",
                "echo \"end $WORKSTREAM_ID\" >> '" + events + "'",
                ""));
        worker.toFile().setExecutable(true);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (Files.exists(cPid) && !Files.readString(cPid).isBlank()) {
            ProcessHandle.of(Long.parseLong(Files.readString(cPid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private String[] runArgs() {
        return new String[] {"run", plan.toString(), "--repo", repo.dir().toString(), "--worker-command", worker.toString(),
            "--retries", "0"};
    }

    private Process startRun() throws Exception {
        List<String> argv = JavaProcess.command(DispatchPlanCommand.class, runArgs());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run-" + started.size() + ".log").toFile()).start();
        started.add(p);
        return p;
    }

    private long count(String line) throws Exception {
        return Files.readAllLines(events).stream().filter(line::equals).count();
    }

    /** Waits until a and b are finished (their outcomes recorded) and c is working. */
    private long awaitCWorking() throws Exception {
        Path state = repo.dir().resolve(".dispatch-plan/runs/kill/state");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(state.resolve("a/outcome.json")) && Files.exists(state.resolve("b/outcome.json"))
                    && Files.exists(cPid) && !Files.readString(cPid).isBlank()) {
                return Long.parseLong(Files.readString(cPid).strip());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("c never started working: " + (Files.exists(events) ? Files.readString(events) : "no events")
                + "\n" + Files.readString(dir.resolve("run-0.log")));
    }

    @Test
    void aRunKilledDuringItsWorkersIsResumedWithoutRedoingFinishedWorkOrLeavingTheOldWorkerRunning() throws Exception {
        Process first = startRun();
        long orphan = awaitCWorking();

        first.destroyForcibly(); // SIGKILL: nothing of the JVM runs any more
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Pids.isRunning(orphan)).as("a killed JVM leaves its worker running").isTrue();

        Files.writeString(flag, "");
        CommandRun again = CommandRun.of(runArgs());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(Pids.awaitGone(orphan)).as("the earlier run's worker is stopped").isTrue();
        assertThat(again.out() + again.err()).contains("stopped").contains("of an earlier run");
        assertThat(count("start a")).as("a is not run again").isEqualTo(1);
        assertThat(count("start b")).as("b is not run again").isEqualTo(1);
        assertThat(count("start c")).isEqualTo(2);
        assertThat(repo.filesAt("kill/integration")).contains("a.txt", "b.txt", "c.txt", "c-partial.txt");
    }

    @Test
    void aRunKilledDuringIntegrationIsFinishedByTheNextWithoutRunningAnyWorkerAgain() throws Exception {
        Files.writeString(flag, ""); // every worker finishes at once
        Path verifyPid = dir.resolve("verify.pid");
        Path verifyMayPass = dir.resolve("verify-may-pass");
        String verify = "echo $$ > '" + verifyPid + "'; [ -f '" + verifyMayPass + "' ] || sleep 300";
        List<String> argv = new ArrayList<>(JavaProcess.command(DispatchPlanCommand.class, runArgs()));
        argv.addAll(List.of("--verify", verify));
        Process first = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("run-0.log").toFile())
                .start();
        started.add(first);
        for (int i = 0; i < 600 && !(Files.exists(verifyPid) && !Files.readString(verifyPid).isBlank()); i++) {
            Thread.sleep(100); // the workers, their collection and the merges come first
        }
        long verifier = Long.parseLong(Files.readString(verifyPid).strip());

        first.destroyForcibly(); // SIGKILL during the integration's verify
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.writeString(verifyMayPass, "");
        String[] again = java.util.stream.Stream.concat(java.util.Arrays.stream(runArgs()), java.util.stream.Stream.of(
                "--verify", verify)).toArray(String[]::new);
        CommandRun second = CommandRun.of(again);

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(count("start a") + count("start b") + count("start c")).as("no worker ran twice").isEqualTo(3);
        assertThat(Pids.awaitGone(verifier)).as("the killed run's verify is stopped").isTrue();
        assertThat(repo.filesAt("kill/integration")).contains("a.txt", "b.txt", "c.txt");
    }

    @Test
    void aSecondRunOfTheSamePlanIsRefusedWhileTheFirstRuns() throws Exception {
        Process first = startRun();
        long firstPid = first.pid();
        awaitCWorking();

        CommandRun second = CommandRun.of(runArgs());

        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).contains("another run of 'kill'").contains("pid " + firstPid);
        assertThat(count("start c")).as("no second worker in c's worktree").isEqualTo(1);
        assertThat(first.isAlive()).as("the first run goes on").isTrue();
    }

    @Test
    void ctrlCStopsTheWorkersSavesTheirWorkAndWritesTheReport() throws Exception {
        Process first = startRun();
        long worker = awaitCWorking();

        new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).start().waitFor();

        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("run-0.log"));
        assertThat(first.exitValue()).as(log).isEqualTo(130);
        assertThat(Pids.awaitGone(worker)).as("no worker left running").isTrue();
        assertThat(log).contains("stopping the workers");
        assertThat(repo.readFileAt("kill/c", "c-partial.txt")).as("c's uncommitted work is saved").isEqualTo("partial\n");
        Path report = repo.dir().resolve(".dispatch-plan/runs/kill/report.json");
        assertThat(Files.readString(report)).contains("interrupted");

        Files.writeString(flag, "");
        CommandRun again = CommandRun.of(runArgs());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(count("start a")).isEqualTo(1);
        assertThat(count("start c")).isEqualTo(2);
    }
}
