package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandWorkerTest {

    @TempDir
    Path tmp;

    private WorkstreamFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WorkstreamFixture(tmp);
    }

    private WorkerRequest.Builder request() {
        return fixture.request(Map.of());
    }

    @Test
    void runsAShellCommandInTheWorktreeWithTheStandardVariables() throws Exception {
        CommandWorker worker = CommandWorker.shell(
                "printf '%s|%s|%s|%s|%s|%s|%s|%s\\n' \"$WORKSTREAM_ID\" \"$WORKSTREAM_TITLE\" \"$FEATURE\" "
                        + "\"$(basename \"$TASKS_FILE\")\" \"$(basename \"$COORDINATION_FILE\")\" \"$PORT\" "
                        + "\"$GIT_AUTHOR_NAME\" \"$(pwd)\" > \"$RESULTS_FILE\"; echo to-stdout; echo to-stderr >&2");
        WorkerRequest request = request().build();

        WorkerOutcome outcome = worker.run(request);

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.worker()).isEqualTo("command");
        assertThat(fixture.read("RESULTS.md")).isEqualTo("ws-a|Workstream A: the greeting|feat|TASKS.md|"
                + "COORDINATION.md|20100|Worker Bot|" + fixture.worktree + "\n");
        assertThat(Files.readString(outcome.stdoutFile())).isEqualTo("to-stdout\n");
        assertThat(Files.readString(outcome.stderrFile())).isEqualTo("to-stderr\n");
        assertThat(WorkerResultFile.read(outcome.resultFile()).status()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(outcome.stdoutFile().startsWith(fixture.worktree)).as("logs stay out of the worktree").isFalse();
    }

    @Test
    void planTextInTheTitleIsNeverEvaluated() {
        CommandWorker worker = CommandWorker.of(List.of("sh", "-c", "printf '%s' \"$WORKSTREAM_TITLE\" > \"$RESULTS_FILE\""));
        WorkerRequest request = request().title("Pwn $(touch pwned) `touch pwned2`; rm -rf /").build();

        WorkerOutcome outcome = worker.run(request);

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        assertThat(fixture.read("RESULTS.md")).isEqualTo("Pwn $(touch pwned) `touch pwned2`; rm -rf /");
        assertThat(fixture.worktree.resolve("pwned")).doesNotExist();
        assertThat(fixture.worktree.resolve("pwned2")).doesNotExist();
    }

    @Test
    void aFailingCommandFailsWithItsExitCodeAndLastErrorLine() {
        WorkerOutcome outcome = CommandWorker.shell("echo working; echo 'first problem' >&2; "
                + "echo 'tests failed: 3 of 40' >&2; exit 3").run(request().build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.reason()).isEqualTo("the command exited with code 3: tests failed: 3 of 40");
        assertThat(outcome.retryable()).isFalse();
    }

    @Test
    void gitsHintLinesDoNotHideItsMessage() {
        // What 'git add RESULTS.md' prints when the file is excluded: the message, then hints.
        WorkerOutcome outcome = CommandWorker.shell("printf '%s\\n' 'The following paths are ignored by one of your"
                + " .gitignore files:' 'RESULTS.md' 'hint: Use -f if you really want to add them.' 'hint: Turn this"
                + " message off by running' >&2; exit 1").run(request().build());

        assertThat(outcome.reason()).isEqualTo("the command exited with code 1: RESULTS.md");
    }

    @Test
    void exit75AsksForARetry() {
        WorkerOutcome outcome = CommandWorker.shell("echo 'service busy' >&2; exit 75").run(request().build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).contains("service busy", "temporary failure (exit 75)");
    }

    @Test
    void finishingWithoutResultsMdIsNoResults() {
        WorkerOutcome outcome = CommandWorker.shell("echo did something").run(request().build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.NO_RESULTS);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.resultsWritten()).isFalse();
        assertThat(outcome.reason()).isEqualTo("the command finished but wrote no RESULTS.md at "
                + fixture.worktree.resolve("RESULTS.md"));
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("grandchild.pid");
        CommandWorker worker = CommandWorker.shell("sh -c 'echo $$ > " + pidFile + "; exec sleep 300' & wait");

        WorkerOutcome outcome = worker.run(request().timeout(Duration.ofSeconds(1)).build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.TIMED_OUT);
        assertThat(outcome.reason()).isEqualTo("the command did not finish within 1 s; its process tree was killed");
        assertThat(outcome.retryable()).isFalse();
        long grandchild = Long.parseLong(Pids.awaitFile(pidFile));
        assertThat(Pids.awaitGone(grandchild)).as("the grandchild sleep is gone").isTrue();
    }

    @Test
    void aMissingProgramIsNotStartedWithAMessage() {
        WorkerOutcome outcome = CommandWorker.of(List.of("no-such-worker-program-xyz")).run(request().build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.NOT_STARTED);
        assertThat(outcome.reason()).contains("could not start 'no-such-worker-program-xyz'", "installed");
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.resultFile()).exists();
    }

    @Test
    void theClaudeWorkerWithAMissingExecutableSaysHowToInstallIt() {
        ClaudeWorker worker = new ClaudeWorker(ClaudeWorkerConfig.defaults().withExecutable(
                tmp.resolve("nowhere/claude").toString()));

        WorkerOutcome outcome = worker.run(request().build());

        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.NOT_STARTED);
        assertThat(outcome.reason()).contains("could not start", "nowhere/claude");
    }

    @Test
    void aSilentCommandIsKilledWithItsTreeAfterTheIdleLimitAndMayBeRetried() throws Exception {
        Path pid = tmp.resolve("sleep.pid");
        CommandWorker worker = CommandWorker.shell("echo working; echo half > half.txt;"
                + " sh -c 'echo $$ > \"$0\"; exec sleep 300' " + pid + " & wait");
        WorkerRequest request = request().idleTimeout(Duration.ofSeconds(2)).build();

        long start = System.nanoTime();
        WorkerOutcome outcome = worker.run(request);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(outcome.status()).isEqualTo(WorkerOutcome.Status.FAILED);
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).isEqualTo("the command printed nothing for 2 s; its process tree was killed"
                + " (retryable: it went silent)");
        assertThat(Files.readString(outcome.stdoutFile())).isEqualTo("working\n");
        assertThat(fixture.read("half.txt")).isEqualTo("half\n");
        assertThat(Pids.awaitGone(Long.parseLong(Pids.awaitFile(pid)))).isTrue();
    }

    @Test
    void aCommandThatKeepsPrintingIsNotIdle() {
        CommandWorker worker = CommandWorker.shell("for i in 1 2 3 4; do echo step $i; sleep 1; done;"
                + " echo ok > \"$RESULTS_FILE\"");

        WorkerOutcome outcome = worker.run(request().idleTimeout(Duration.ofSeconds(2)).build());

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
    }
}
