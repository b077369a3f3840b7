package io.dispatchplan.process;

import java.time.Duration;

/**
 * How a process ended.
 *
 * @param exitCode the exit code; when killed after a timeout or by a signal, whatever the OS reported
 *     (typically 137 or 143 on Unix)
 * @param stdout captured stdout; when stdout went to a file, the last {@value ProcessRunner#TAIL_BYTES}
 *     bytes of that file (for messages), or empty if the file could not be read
 * @param stderr captured stderr, with the same rule for a file
 * @param timedOut whether the runner killed the process tree because the timeout elapsed
 * @param duration wall-clock time from start to end
 * @param watchdog why the watchdog of a {@link ProcessWatch watched} process killed its tree; null when it did not
 */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration duration,
        WatchdogStop watchdog) {

    public ProcessResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** A result the watchdog had nothing to do with. */
    public ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration duration) {
        this(exitCode, stdout, stderr, timedOut, duration, null);
    }

    /** Exit code 0 and not timed out. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
