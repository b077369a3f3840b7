package io.dispatchplan.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A watched process: its stdout lines as they come, killed when silent too long or lingering after it said it was done. */
@Timeout(60)
class ProcessRunnerWatchTest {

    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner();

    private record Line(String text, long atNanos) {
    }

    @Test
    void handsOnEachStdoutLineWhileTheProcessRunsAndKeepsTheBytesInTheFile() throws Exception {
        List<Line> lines = new CopyOnWriteArrayList<>();
        Path out = tmp.resolve("out.log");
        ProcessSpec spec = ProcessSpec.of("sh", "-c", "echo one; sleep 2; printf 'two\\nthree'")
                .stdoutTo(out).stderrTo(tmp.resolve("err.log"))
                .watch(new ProcessWatch(l -> lines.add(new Line(l, System.nanoTime())), null, null, null));

        ProcessResult result = runner.run(spec);
        long ended = System.nanoTime();

        assertThat(result.exitCode()).isZero();
        assertThat(result.watchdog()).isNull();
        assertThat(lines).extracting(Line::text).containsExactly("one", "two", "three");
        assertThat(Duration.ofNanos(ended - lines.get(0).atNanos())).as("the first line came before the end")
                .isGreaterThan(Duration.ofMillis(1500));
        assertThat(Files.readString(out)).isEqualTo("one\ntwo\nthree");
        assertThat(result.stdout()).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void aSilentProcessIsKilledWithItsTreeAfterTheIdleLimit() throws Exception {
        Path pidFile = tmp.resolve("sleep.pid");
        ProcessSpec spec = ProcessSpec.of("sh", "-c", "echo started; sh -c 'echo $$ > \"$0\"; exec sleep 300' "
                        + pidFile + " & wait")
                .stdoutTo(tmp.resolve("out.log")).stderrTo(tmp.resolve("err.log"))
                .watch(ProcessWatch.idle(Duration.ofSeconds(2)));

        long start = System.nanoTime();
        ProcessResult result = runner.run(spec);

        assertThat(result.watchdog()).isEqualTo(WatchdogStop.IDLE);
        assertThat(result.timedOut()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
        assertThat(result.stdout()).isEqualTo("started\n");
        long sleeper = Long.parseLong(Pids.awaitFile(pidFile));
        assertThat(Pids.awaitGone(sleeper)).as("the silent child was killed with the tree").isTrue();
    }

    @Test
    void outputOnStdoutOrStderrKeepsASlowProcessAlive() {
        ProcessSpec spec = ProcessSpec.of("sh", "-c",
                        "for i in 1 2 3 4 5 6; do echo out $i; sleep 0.5; echo err $i >&2; sleep 0.5; done")
                .stdoutTo(tmp.resolve("out.log")).stderrTo(tmp.resolve("err.log"))
                .watch(ProcessWatch.idle(Duration.ofMillis(1500)));

        ProcessResult result = runner.run(spec);

        assertThat(result.watchdog()).isNull();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("err 6");
    }

    @Test
    void aProcessStillRunningAfterItSaidItWasDoneIsStoppedAfterTheGrace() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ProcessSpec spec = ProcessSpec.of("sh", "-c", "echo working; echo done; exec sleep 300")
                .stdoutTo(tmp.resolve("out.log")).stderrTo(tmp.resolve("err.log"))
                .watch(new ProcessWatch(l -> done.compareAndSet(false, l.equals("done")), Duration.ofMinutes(5),
                        done::get, Duration.ofSeconds(1)));

        long start = System.nanoTime();
        ProcessResult result = runner.run(spec);

        assertThat(result.watchdog()).isEqualTo(WatchdogStop.LINGERED);
        assertThat(result.exitCode()).isNotZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
        assertThat(result.stdout()).isEqualTo("working\ndone\n");
    }

    @Test
    void theTimeoutStillAppliesToAWatchedProcess() {
        ProcessSpec spec = ProcessSpec.of("sh", "-c", "while :; do echo tick; sleep 0.2; done")
                .stdoutTo(tmp.resolve("out.log")).stderrTo(tmp.resolve("err.log"))
                .timeout(Duration.ofSeconds(2)).watch(ProcessWatch.idle(Duration.ofSeconds(1)));

        ProcessResult result = runner.run(spec);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.watchdog()).isNull();
    }

    @Test
    void aWatchedProcessWithoutFilesKeepsItsOutputInMemory() {
        ProcessResult result = runner.run(ProcessSpec.of("sh", "-c", "echo out; echo err >&2")
                .watch(ProcessWatch.idle(Duration.ofSeconds(30))));

        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }
}
