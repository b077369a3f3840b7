package io.dispatchplan.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watching a process while it runs: each line of its stdout as it arrives, how long it may stay silent, and how long
 * it may go on running once it said it was done. A watched process's output is read by the runner (and still
 * written to the spec's files byte for byte), never redirected by the OS, so its silence can be measured.
 *
 * @param onStdoutLine called on the reading thread with each line of stdout (UTF-8, without its line break) as it
 *     arrives; null for none. An exception it throws is ignored: watching never breaks a run
 * @param idleTimeout the process tree is killed ({@link WatchdogStop#IDLE}) when neither stdout nor stderr got a
 *     byte for this long; null for no limit
 * @param finished whether the process has said it is done (e.g. printed its result); null for never
 * @param finishedGrace how long the process may go on running after {@code finished} turned true before its tree is
 *     killed ({@link WatchdogStop#LINGERED}); null for as long as it likes
 */
public record ProcessWatch(Consumer<String> onStdoutLine, Duration idleTimeout, BooleanSupplier finished,
        Duration finishedGrace) {

    public ProcessWatch {
        for (Duration d : new Duration[] {idleTimeout, finishedGrace}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("a watchdog limit must be positive, got " + d);
            }
        }
    }

    /** Only the idle limit. */
    public static ProcessWatch idle(Duration idleTimeout) {
        return new ProcessWatch(null, idleTimeout, null, null);
    }
}
