package io.dispatchplan.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.testsupport.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void capturesStdoutStderrAndExitCode() {
        ProcessResult result = runner.run(ProcessSpec.of("sh", "-c", "echo out; echo err >&2; exit 3"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void passesArgumentsVerbatimWithoutAShell() {
        List<String> hostile = List.of("$HOME", "a b", "; rm -rf /", "`id`", "$(id)", "'\"", "*", "");

        List<String> argv = new ArrayList<>(List.of("printf", "%s|"));
        argv.addAll(hostile);
        ProcessResult result = runner.run(ProcessSpec.of(argv));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo(String.join("|", hostile) + "|");
    }

    @Test
    void addsOverridesAndRemovesEnvironmentVariables() {
        ProcessSpec spec = ProcessSpec.of("sh", "-c", "echo \"${ADDED}|${HOME-unset}|${PATH:+path}\"")
                .env("ADDED", "yes")
                .withoutEnv("HOME");

        assertThat(runner.run(spec).stdout()).isEqualTo("yes|unset|path\n");
        assertThat(runner.run(spec.env("HOME", "/elsewhere")).stdout()).isEqualTo("yes|/elsewhere|path\n");
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("work dir"));

        ProcessResult result = runner.run(ProcessSpec.of("pwd").in(dir));

        assertThat(Path.of(result.stdout().strip()).toRealPath()).isEqualTo(dir.toRealPath());
    }

    @Test
    void feedsStdinAndClosesItWhenNoneIsGiven() {
        assertThat(runner.run(ProcessSpec.of("cat").stdin("line one\nüñï\n")).stdout()).isEqualTo("line one\nüñï\n");
        // cat would wait forever on an open stdin.
        assertThat(runner.run(ProcessSpec.of("cat").timeout(Duration.ofSeconds(30))).stdout()).isEmpty();
    }

    @Test
    void redirectsOutputToFilesAndReportsTheirTail() throws Exception {
        Path out = tmp.resolve("out.log");
        Path err = tmp.resolve("err.log");
        // 100,000 lines: far more than the tail the result carries.
        ProcessSpec spec = ProcessSpec.of("sh", "-c", "seq 1 100000; echo oops >&2").stdoutTo(out).stderrTo(err);

        ProcessResult result = runner.run(spec);

        assertThat(Files.readAllLines(out)).hasSize(100000).endsWith("100000");
        assertThat(result.stdout()).endsWith("99999\n100000\n");
        assertThat(result.stdout().length()).isLessThanOrEqualTo(ProcessRunner.TAIL_BYTES);
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void createsTheDirectoriesOfOutputFiles() {
        Path out = tmp.resolve("logs/api/worker.stdout.log");

        runner.run(ProcessSpec.of("echo", "logged").stdoutTo(out));

        assertThat(out).hasContent("logged");
    }

    @Test
    void aProgramThatCannotStartIsReportedByName() {
        assertThatThrownBy(() -> runner.run(ProcessSpec.of("no-such-program-dispatch-plan")))
                .isInstanceOf(ProcessException.class)
                .hasMessageContaining("could not start 'no-such-program-dispatch-plan'")
                .hasMessageContaining("PATH");
    }

    @Test
    void timeoutKillsTheWholeTreeAndLeavesNoOrphan() throws Exception {
        Path pids = tmp.resolve("pids");
        // A shell that starts a child and a grandchild, then waits: the classic orphan maker.
        String script = "sleep 300 & echo $! >> '" + pids + "'; "
                + "sh -c 'sleep 301 & echo $! >> \"$0\"; wait' '" + pids + "' & "
                + "wait";

        ProcessResult result = runner.run(ProcessSpec.of("sh", "-c", script).timeout(Duration.ofSeconds(2)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(2);
        for (long pid : started) {
            assertThat(Pids.awaitGone(pid)).as("pid %d still running", pid).isTrue();
        }
    }

    @Test
    void interruptingTheCallerKillsTheTreeAndKeepsTheInterruptFlag() throws Exception {
        Path pidFile = tmp.resolve("pid");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                runner.run(ProcessSpec.of("sh", "-c", "sleep 300 & echo $! > '" + pidFile + "'; wait"));
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        long sleepPid = Long.parseLong(Pids.awaitFile(pidFile));

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(20));

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ProcessInterruptedException.class)
                .hasMessageContaining("process tree was killed");
        assertThat(flagKept.get()).isTrue();
        assertThat(Pids.awaitGone(sleepPid)).isTrue();
    }

    @Test
    @Timeout(60)
    void returnsWhenTheProcessExitsEvenIfABackgroundChildHoldsStdout() throws Exception {
        Path pidFile = tmp.resolve("pid");
        try {
            ProcessResult result = runner.run(ProcessSpec.of("sh", "-c",
                    "echo started; sleep 300 & echo $! > '" + pidFile + "'"));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.stdout()).isEqualTo("started\n");
        } finally {
            ProcessHandle.of(Long.parseLong(Pids.awaitFile(pidFile))).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void describesASpecWithoutEnvironmentValues() {
        ProcessSpec spec = ProcessSpec.of("claude", "-p", "it's").env("ANTHROPIC_API_KEY", "sk-secret-value");

        assertThat(spec.toString()).contains("claude -p 'it'\\''s'", "ANTHROPIC_API_KEY")
                .doesNotContain("sk-secret-value");
    }

    @Test
    void refusesArgumentsNoProcessCanReceive() {
        assertThatThrownBy(() -> ProcessSpec.of("echo", "a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> ProcessSpec.of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessSpec.of("x").timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheSevenComponentConstructor() {
        ProcessSpec spec = new ProcessSpec(List.of("true"), null, Map.of("A", "1"), null, null, null, null);

        assertThat(spec.removedEnvironment()).isEmpty();
        assertThat(runner.run(spec).succeeded()).isTrue();
    }
}
