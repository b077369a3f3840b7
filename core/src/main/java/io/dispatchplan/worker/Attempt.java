package io.dispatchplan.worker;

import io.dispatchplan.process.ProcessException;
import io.dispatchplan.process.ProcessInterruptedException;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.process.ProcessWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One process run of a worker, with its output captured to the request's log files. Shared by the workers. */
final class Attempt {

    /** A run that produced a result, or the outcome to report instead (not started, aborted). */
    record Ran(ProcessResult result, WorkerOutcome instead) {
    }

    private Attempt() {
    }

    static Ran run(ProcessRunner runner, String kind, WorkerCommand command, WorkerRequest request, Duration timeout) {
        return run(runner, kind, command, request, timeout, request.logs().stdout(), null);
    }

    /**
     * @param stdout where the process's stdout goes (Claude Code's goes to the events file)
     * @param watch how to watch it (live lines, the idle limit, the grace after its result); null for not at all
     */
    static Ran run(ProcessRunner runner, String kind, WorkerCommand command, WorkerRequest request, Duration timeout,
            Path stdout, ProcessWatch watch) {
        WorkerLogs logs = request.logs();
        createParents(stdout, logs.stderr(), logs.resultJson());
        ProcessSpec spec = ProcessSpec.of(command.argv())
                .in(command.workingDir())
                .env(command.environment())
                .stdoutTo(stdout)
                .stderrTo(logs.stderr());
        if (timeout != null) {
            spec = spec.timeout(timeout);
        }
        if (watch != null) {
            spec = spec.watch(watch);
        }
        try {
            return new Ran(runner.run(spec), null);
        } catch (ProcessInterruptedException e) {
            return new Ran(null, simple(kind, WorkerOutcome.Status.ABORTED,
                    "the run was interrupted; the worker's process tree was killed", request));
        } catch (ProcessException e) {
            return new Ran(null, simple(kind, WorkerOutcome.Status.NOT_STARTED, e.getMessage(), request));
        }
    }

    static WorkerOutcome simple(String kind, WorkerOutcome.Status status, String reason, WorkerRequest request) {
        return new WorkerOutcome(kind, status, -1, reason, false, 1, Duration.ZERO, null, null, null,
                Files.exists(request.resultsFile()), request.logs(), null);
    }

    /** The whole captured file when there is one (the result's text is only its tail), else the result's text. */
    static String fullText(Path file, String fallback) {
        if (file == null) {
            return fallback;
        }
        try {
            // A log the worker swapped for a symbolic link is not read through it.
            return io.dispatchplan.files.SafeFiles.readRegularFile(file.toAbsolutePath().getParent(), file.toAbsolutePath()).orElse(fallback);
        } catch (UncheckedIOException e) {
            return fallback;
        }
    }

    /** The last non-blank line of a text, shortened, for a one-line reason. */
    /**
     * The last line that says something: git's {@code hint:} lines (e.g. how to turn a warning off) come after the
     * real message, which is the one to show.
     */
    static String lastLine(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.strip().split("\\R");
        String line = lines[lines.length - 1].strip();
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].strip().isEmpty() && !lines[i].startsWith("hint:")) {
                line = lines[i].strip();
                break;
            }
        }
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** "within 5 min", or "within its time limit" when the timeout is not known here. */
    static String within(Duration timeout) {
        return "within " + (timeout == null ? "its time limit" : human(timeout));
    }

    /** The request's idle limit for a message, e.g. "15 min". */
    static String idleLimit(WorkerRequest request) {
        return request.idleTimeout() == null ? "its idle limit" : human(request.idleTimeout());
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + " ms";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    /** The log files' directories exist, and a symbolic link at a log file is removed: output is never written through one. */
    static void createParents(Path... files) {
        for (Path file : files) {
            io.dispatchplan.files.SafeFiles.prepareForWriting(file.toAbsolutePath().getParent(), file.toAbsolutePath());
        }
    }
}
