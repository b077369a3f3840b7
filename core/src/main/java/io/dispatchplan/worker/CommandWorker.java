package io.dispatchplan.worker;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessWatch;
import io.dispatchplan.process.WatchdogStop;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;

/**
 * Runs any program as a worker (codex, gemini, aider, a script) in the worktree, with the standard variables
 * ({@link WorkerEnvironment}). Success is exit code 0; RESULTS.md decides between {@code SUCCEEDED} and
 * {@code NO_RESULTS}. Exit code 75 (EX_TEMPFAIL) or death by SIGHUP/SIGKILL/SIGTERM is retryable, and so is a command
 * killed for printing nothing (stdout or stderr) for the request's idle limit.
 *
 * <p>The command is an argv, or a shell string that comes from the user's own configuration (the Jenkinsfile or
 * the CLI's options), never from plan text.
 */
public final class CommandWorker implements Worker {

    public static final String KIND = "command";

    private final List<String> argv;
    private final ProcessRunner runner;

    public CommandWorker(List<String> argv, ProcessRunner runner) {
        this.argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (this.argv.isEmpty() || this.argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the command worker needs a command to run");
        }
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** Runs {@code argv} as is. */
    public static CommandWorker of(List<String> argv) {
        return new CommandWorker(argv, new ProcessRunner());
    }

    /**
     * Runs {@code script} with {@code sh -c}. Only for text from the user's own configuration: it is shell
     * source. The variables are there as {@code $TASKS_FILE} etc.
     */
    public static CommandWorker shell(String script) {
        if (script == null || script.isBlank()) {
            throw new IllegalArgumentException("the command worker needs a command to run");
        }
        return of(List.of("sh", "-c", script, "dispatch-plan-worker"));
    }

    public List<String> argv() {
        return argv;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public WorkerCommand command(WorkerRequest request) {
        return new WorkerCommand(argv, request.worktree(), WorkerEnvironment.of(request));
    }

    @Override
    public WorkerOutcome run(WorkerRequest request) {
        // Its output goes to its log files as it always did; the watch only measures silence.
        ProcessWatch watch = request.idleTimeout() == null ? null : ProcessWatch.idle(request.idleTimeout());
        Attempt.Ran ran = Attempt.run(runner, KIND, command(request), request, request.timeout(),
                request.logs().stdout(), watch);
        WorkerOutcome outcome = ran.instead() != null ? ran.instead() : judge(request, ran.result());
        WorkerResultFile.write(outcome);
        return outcome;
    }

    /** The verdict on a finished process whose output went to the request's log files. */
    public WorkerOutcome judge(WorkerRequest request, ProcessResult result) {
        boolean resultsWritten = Files.exists(request.resultsFile());
        WorkerOutcome.Status status;
        String reason;
        boolean retryable = false;
        if (result.timedOut()) {
            status = WorkerOutcome.Status.TIMED_OUT;
            reason = "the command did not finish " + Attempt.within(request.timeout())
                    + "; its process tree was killed";
        } else if (result.watchdog() == WatchdogStop.IDLE) {
            status = WorkerOutcome.Status.FAILED;
            retryable = true;
            reason = "the command printed nothing for " + Attempt.idleLimit(request)
                    + "; its process tree was killed (retryable: it went silent)";
        } else if (result.exitCode() == 0) {
            status = resultsWritten ? WorkerOutcome.Status.SUCCEEDED : WorkerOutcome.Status.NO_RESULTS;
            reason = resultsWritten ? "the command finished"
                    : "the command finished but wrote no " + request.resultsFile().getFileName() + " at "
                            + request.resultsFile();
        } else {
            String stderr = Attempt.fullText(request.logs().stderr(), result.stderr());
            RetryClassifier.Verdict verdict = RetryClassifier.classifyCommand(result.exitCode(), stderr);
            status = WorkerOutcome.Status.FAILED;
            String last = Attempt.lastLine(stderr);
            reason = "the command exited with code " + result.exitCode() + (last.isEmpty() ? "" : ": " + last)
                    + (verdict.retryable() ? " (" + verdict.cause() + ")" : "");
            retryable = verdict.retryable();
        }
        return new WorkerOutcome(KIND, status, result.exitCode(), reason, retryable, 1, result.duration(), null,
                null, null, resultsWritten, request.logs(), null);
    }
}
