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
    /** The variable every verify process carries: the integration worktree it runs in. */
    static final String MARK = "DISPATCH_PLAN_VERIFY";


    /**
     * Joins stderr to stdout for the command given as its arguments. The script is this constant; the user's argv
     * reaches the command as {@code "$@"}, never as shell source.
     */
    private static final String JOIN_STREAMS = "exec \"$@\" 2>&1";

    /** How much of a log's end {@link #tail} reads. */
    private static final int TAIL_BYTES = 16 * 1024;

    private final ProcessRunner runner;

    VerifyRunner(ProcessRunner runner) {
        this.runner = runner;
    }

    VerifyResult run(List<String> command, Duration timeout, Path worktree, Path logFile) {
        // Its output is redirected to the log: a symbolic link there goes first, never written through.
        io.dispatchplan.files.SafeFiles.prepareForWriting(logFile.toAbsolutePath().getParent(), logFile.toAbsolutePath());
        List<String> argv = new ArrayList<>(List.of("sh", "-c", JOIN_STREAMS, "verify"));
        argv.addAll(command);
        // Marked, so a run that was killed meanwhile leaves no verify behind that the next one cannot find and stop.
        ProcessSpec spec = ProcessSpec.of(argv).in(worktree).timeout(timeout).stdoutTo(logFile)
                .env(java.util.Map.of(MARK, worktree.toAbsolutePath().normalize().toString()));
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

    /**
     * The last {@code lines} lines of a log, read from its end so a huge log costs no more than a small one; null when
     * there is no log.
     */
    static String tail(Path logFile, int lines) {
        if (logFile == null || !Files.isRegularFile(logFile)) {
            return null;
        }
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int read = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[read];
            file.seek(length - read);
            file.readFully(bytes);
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
            List<String> all = text.lines().toList();
            // A partial first line (cut at TAIL_BYTES) is dropped unless it is all there is.
            int from = Math.max(read < length && all.size() > 1 ? 1 : 0, all.size() - lines);
            return String.join("\n", all.subList(from, all.size()));
        } catch (IOException e) {
            return "[dispatch-plan] could not read " + logFile + ": " + e.getMessage();
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
