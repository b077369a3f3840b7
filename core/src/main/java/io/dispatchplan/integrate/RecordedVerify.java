package io.dispatchplan.integrate;

import java.time.Duration;
import java.util.Objects;

/**
 * A verify run a caller made itself (a Jenkins durable {@code sh}), as {@link VerifyRequest#recorded} reads it back.
 *
 * @param tree the tree it ran on: a tree verified once is not verified again
 * @param passed whether it exited 0
 * @param exitCode its exit status
 * @param duration how long it ran
 * @param outputTail the last lines of its output
 */
public record RecordedVerify(String tree, boolean passed, int exitCode, Duration duration, String outputTail) {

    public RecordedVerify {
        Objects.requireNonNull(tree, "tree");
        duration = duration == null ? Duration.ZERO : duration;
        outputTail = outputTail == null ? "" : outputTail;
    }
}
