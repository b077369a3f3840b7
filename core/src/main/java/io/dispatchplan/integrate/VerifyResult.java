package io.dispatchplan.integrate;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the verify command went on the integrated tree.
 *
 * @param ran whether it ran (false when none is configured or the integration stopped at a conflict)
 * @param passed whether it exited 0 within its timeout
 * @param exitCode its exit code; -1 when it did not run or could not start
 * @param timedOut whether it was killed at its timeout
 * @param logFile its stdout and stderr, interleaved; null when it did not run
 * @param duration how long it ran
 */
public record VerifyResult(boolean ran, boolean passed, int exitCode, boolean timedOut, Path logFile,
        Duration duration) {

    public VerifyResult {
        duration = duration == null ? Duration.ZERO : duration;
    }

    public static VerifyResult notRun() {
        return new VerifyResult(false, false, -1, false, null, Duration.ZERO);
    }
}
