package io.dispatchplan.integrate;

import io.dispatchplan.process.ProcessException;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the verify command in the integration worktree, its stdout and stderr interleaved into one log file, its
 * process tree killed at the timeout.
 */
final class VerifyRunner {

    /**
     * Joins stderr to stdout for the command given as its arguments. The script is this constant; the user's argv
     * reaches the command as {@code "$@"}, never as shell source.
     */
    private static final String JOIN_STREAMS = "exec \"$@\" 2>&1";

    private final ProcessRunner runner;

    VerifyRunner(ProcessRunner runner) {
        this.runner = runner;
    }

    VerifyResult run(List<String> command, Duration timeout, Path worktree, Path logFile) {
        // Its output is redirected to the log: a symbolic link there goes first, never written through.
        io.dispatchplan.files.SafeFiles.prepareForWriting(logFile.toAbsolutePath().getParent(), logFile.toAbsolutePath());
        List<String> argv = new ArrayList<>(List.of("sh", "-c", JOIN_STREAMS, "verify"));
        argv.addAll(command);
        ProcessSpec spec = ProcessSpec.of(argv).in(worktree).timeout(timeout).stdoutTo(logFile);
        long start = System.nanoTime();
        try {
            ProcessResult result = runner.run(spec);
            if (result.timedOut()) {
                append(logFile, "\n[dispatch-plan] verify timed out after " + timeout + " and was killed\n");
            }
            return new VerifyResult(true, result.succeeded(), result.exitCode(), result.timedOut(), logFile,
                    result.duration());
        } catch (ProcessException e) {
            append(logFile, "[dispatch-plan] verify could not start: " + e.getMessage() + "\n");
            return new VerifyResult(true, false, -1, false, logFile, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static void append(Path logFile, String text) {
        try {
            Files.writeString(logFile, text, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The result says what happened; the log line is a courtesy.
        }
    }
}
