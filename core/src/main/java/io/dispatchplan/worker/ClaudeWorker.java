package io.dispatchplan.worker;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessWatch;
import io.dispatchplan.process.WatchdogStop;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import io.dispatchplan.worker.ClaudeCommandBuilder.SessionMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Runs Claude Code ({@code claude -p ... --output-format stream-json --verbose}) as a worker: the raw events go to
 * {@code worker.events.jsonl}, a readable line per meaningful event ({@link ClaudeEventFormatter}) to
 * {@code worker.stdout.log} and the {@link WorkerListener} as it comes. An attempt silent for the request's idle limit
 * is killed and fails, retryable; one still running {@link WorkerRequest#resultGrace()} after its result is stopped
 * and judged by that result.
 *
 * <p>The session id is {@link SessionIds#forWorkstream name-based}, and each workstream keeps its own
 * {@code CLAUDE_CONFIG_DIR} in its state directory, so a re-run resumes the earlier conversation: when that
 * directory holds the session's transcript the worker passes {@code --resume}, else {@code --session-id}; when
 * the CLI disagrees ("No conversation found", "already in use") it tries once more the other way.
 *
 * <p>Success is judged from the result object (not the exit code: API errors can come with exit 0), then from
 * RESULTS.md. The API key reaches the CLI only through the environment.
 *
 * <p>Repository content is untrusted: unless {@link ClaudeWorkerConfig#trustRepositorySettings()}, the CLI loads no
 * settings files, hooks or MCP servers from the worktree (they would run code beside the key before the model
 * acts), and the repository's CLAUDE.md comes as text through {@link AppendedSystemPrompt}.
 */
public final class ClaudeWorker implements Worker {

    public static final String KIND = "claude";

    private final ClaudeWorkerConfig config;
    private final ProcessRunner runner;
    private final boolean asRoot;

    public ClaudeWorker(ClaudeWorkerConfig config) {
        this(config, new ProcessRunner(), runningAsRoot());
    }

    public ClaudeWorker(ClaudeWorkerConfig config, ProcessRunner runner) {
        this(config, runner, runningAsRoot());
    }

    /** {@code asRoot}: whether the worker process runs as root (bypassPermissions then needs IS_SANDBOX=1). */
    public ClaudeWorker(ClaudeWorkerConfig config, ProcessRunner runner, boolean asRoot) {
        this.config = Objects.requireNonNull(config, "config");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.asRoot = asRoot;
    }

    public ClaudeWorkerConfig config() {
        return config;
    }

    @Override
    public java.util.Optional<String> preflightProblem() {
        return Executables.find(config.executable()).isPresent() ? java.util.Optional.empty()
                : java.util.Optional.of("the Claude Code CLI '" + config.executable() + "' is not installed here (not"
                        + " found on the PATH). Install it (npm install -g @anthropic-ai/claude-code), give its path"
                        + " (--claude PATH), or use another worker");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Double budgetCapUsd() {
        return config.maxBudgetUsd();
    }

    public static UUID sessionId(WorkerRequest request) {
        return SessionIds.forWorkstream(request.job(), request.feature(), request.workstreamId());
    }

    /** RESUME when an earlier run left this session's transcript in the workstream's config directory. */
    public static SessionMode sessionMode(WorkerRequest request) {
        return transcripts(request).isEmpty() ? SessionMode.NEW : SessionMode.RESUME;
    }

    /** This session's transcripts ({@code projects/<dir>/<uuid>.jsonl}) in the workstream's config directory. */
    static List<Path> transcripts(WorkerRequest request) {
        Path projects = ClaudeCommandBuilder.configDir(request).resolve("projects");
        String name = sessionId(request) + ".jsonl";
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(projects)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    found.add(dir.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + projects + ": " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * The directory Claude Code keeps a working directory's transcripts in, under {@code projects/}: the absolute path
     * with every character but ASCII letters and digits turned into {@code -}.
     */
    static String projectDirName(Path cwd) {
        return cwd.toAbsolutePath().normalize().toString().replaceAll("[^a-zA-Z0-9]", "-");
    }

    /** This session's newest transcript, to archive so a run on another machine can resume it; empty when none. */
    public static java.util.Optional<Path> newestTranscript(WorkerRequest request) {
        return transcripts(request).stream().max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()));
    }

    /**
     * Puts an archived transcript of this session where the CLI looks for it when run in this request's worktree, so
     * {@code --resume} goes on with that conversation on a machine that never ran it. Nothing is done when a transcript
     * of the session is here already (this machine's own is newer or the same).
     *
     * @return true when it was put in place
     */
    public static boolean restoreTranscript(WorkerRequest request, Path archived) {
        if (!transcripts(request).isEmpty()) {
            return false;
        }
        Path configDir = ClaudeCommandBuilder.configDir(request);
        Path target = configDir.resolve("projects").resolve(projectDirName(request.worktree()))
                .resolve(sessionId(request) + ".jsonl");
        // Never through a link: the archived copy and the state directory are read and written as regular files only.
        io.dispatchplan.files.SafeFiles.directories(request.stateDir(), target.getParent());
        io.dispatchplan.files.SafeFiles.copyRegularFile(archived.getParent(), archived, request.stateDir(), target);
        return true;
    }

    /**
     * Moves aside transcripts the CLI cannot resume (a first run that died before its first turn can leave an
     * empty one, and then {@code --session-id} is refused as "already in use" too). Kept, not deleted.
     */
    public static void setAsideTranscripts(WorkerRequest request) {
        ConversationCost.forget(request.stateDir());
        for (Path transcript : transcripts(request)) {
            Path aside = transcript.resolveSibling(transcript.getFileName() + ".unresumable-" + System.currentTimeMillis());
            try {
                Files.move(transcript, aside);
            } catch (IOException e) {
                throw new UncheckedIOException("could not move the unresumable transcript " + transcript
                        + " aside: " + e.getMessage(), e);
            }
        }
    }

    /** The command for one attempt in the given mode. */
    public WorkerCommand command(WorkerRequest request, SessionMode mode) {
        String prompt = ClaudePrompts.render(config, request, mode == SessionMode.RESUME);
        return new WorkerCommand(
                ClaudeCommandBuilder.argv(config, prompt, sessionId(request), mode,
                        AppendedSystemPrompt.write(config, request)),
                request.worktree(),
                ClaudeCommandBuilder.environment(config, request, asRoot));
    }

    @Override
    public WorkerOutcome run(WorkerRequest request) {
        return run(request, WorkerListener.NONE);
    }

    /**
     * Runs it, telling {@code listener} each readable line of its event stream as it comes. The raw events go to
     * {@link WorkerLogs#events()}, the readable lines to {@link WorkerLogs#stdout()}.
     */
    @Override
    public WorkerOutcome run(WorkerRequest request, WorkerListener listener) {
        WorkerListener progress = listener == null ? WorkerListener.NONE : listener;
        try {
            Files.createDirectories(ClaudeCommandBuilder.configDir(request));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + ClaudeCommandBuilder.configDir(request) + ": "
                    + e.getMessage(), e);
        }
        long start = System.nanoTime();
        SessionMode mode = sessionMode(request);
        Attempt.Ran ran = runWatched(command(request, mode), request, request.timeout(), progress);
        // The CLI may disagree about the session: "No conversation found" on --resume (then the transcript is
        // unusable: set it aside and start afresh), "already in use" on --session-id (then resume it).
        for (int switches = 0;
                switches < 2 && ran.instead() == null && refusedSessionFlag(ran.result(), request, mode);
                switches++) {
            if (mode == SessionMode.RESUME) {
                setAsideTranscripts(request);
                mode = SessionMode.NEW;
            } else {
                mode = SessionMode.RESUME;
            }
            ran = runWatched(command(request, mode), request, remaining(request.timeout(), start), progress);
        }
        WorkerOutcome outcome = ran.instead() != null ? ran.instead() : judge(request, ran.result());
        if (ran.instead() == null) {
            outcome = outcome.afterAttempts(1, Duration.ofNanos(System.nanoTime() - start), outcome.costUsd());
        }
        WorkerResultFile.write(outcome);
        return outcome;
    }

    /**
     * One process run: stdout (the event stream) to the events file as it comes, each event's readable line to the
     * stdout log and the listener, the tree killed after the idle limit or the grace after the result event.
     */
    private Attempt.Ran runWatched(WorkerCommand command, WorkerRequest request, Duration timeout,
            WorkerListener listener) {
        ClaudeEventFormatter formatter = new ClaudeEventFormatter();
        WorkerLogs logs = request.logs();
        Attempt.createParents(logs.stdout());
        try (BufferedWriter readable = Files.newBufferedWriter(logs.stdout(), StandardCharsets.UTF_8)) {
            java.util.concurrent.atomic.AtomicBoolean sawResult = new java.util.concurrent.atomic.AtomicBoolean();
            Consumer<String> onLine = event -> {
                List<String> lines = formatter.lines(event);
                sawResult.set(formatter.sawResult());
                String rateLimit = formatter.rateLimit();
                if (rateLimit != null) {
                    listener.rateLimited(request, rateLimit);
                }
                for (String line : lines) {
                    try {
                        readable.write(line);
                        readable.newLine();
                        readable.flush();
                    } catch (IOException e) {
                        // The readable log is a convenience; the raw events are what count.
                    }
                    listener.activity(request, new WorkerActivity(line, formatter.turns(), Instant.now()));
                }
            };
            ProcessWatch watch = new ProcessWatch(onLine, request.idleTimeout(), sawResult::get, request.resultGrace());
            return Attempt.run(runner, KIND, command, request, timeout, logs.events(), watch);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + logs.stdout() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the CLI printed on stdout: the events file when there is one (this worker and the Jenkins agent's script
     * write it), else the stdout log or the result's text.
     */
    static String rawOutput(WorkerRequest request, ProcessResult process) {
        Path events = request.logs().events();
        return Files.isRegularFile(events) ? Attempt.fullText(events, process.stdout())
                : Attempt.fullText(request.logs().stdout(), process.stdout());
    }

    /**
     * The verdict on a finished {@code claude} process whose stdout and stderr went to the request's log files
     * (the Jenkins side runs it as a durable {@code sh} step and calls this afterwards).
     */
    public WorkerOutcome judge(WorkerRequest request, ProcessResult process) {
        boolean resultsWritten = Files.exists(request.resultsFile());
        String stdout = rawOutput(request, process);
        String stderr = Attempt.fullText(request.logs().stderr(), process.stderr());
        ClaudeResult result = ClaudeResultParser.parse(stdout);
        boolean noResult = result.status() == ClaudeResult.Status.NO_OUTPUT
                || result.status() == ClaudeResult.Status.UNREADABLE;
        String sessionId = result.sessionId() != null ? result.sessionId() : sessionId(request).toString();
        // A resumed conversation's total includes what earlier attempts spent: only the new spending counts.
        Double spent = ConversationCost.newSpending(request.stateDir(), sessionId, result.totalCostUsd());

        WorkerOutcome.Status status;
        String reason;
        boolean retryable = false;
        if (process.timedOut()) {
            status = WorkerOutcome.Status.TIMED_OUT;
            reason = "Claude Code did not finish " + Attempt.within(request.timeout())
                    + "; its process tree was killed (raise the workstream's timeout, or split it)";
        } else if (process.watchdog() == WatchdogStop.IDLE && noResult) {
            status = WorkerOutcome.Status.FAILED;
            retryable = true;
            reason = "Claude Code printed no event or output for " + Attempt.idleLimit(request)
                    + "; its process tree was killed [retryable: it went silent]";
        } else if (result.succeeded()) {
            status = resultsWritten ? WorkerOutcome.Status.SUCCEEDED : WorkerOutcome.Status.NO_RESULTS;
            reason = resultsWritten ? result.describe() + cost(spent)
                    : result.describe() + " but wrote no " + request.resultsFile().getFileName() + " at "
                            + request.resultsFile();
        } else {
            RetryClassifier.Verdict verdict = RetryClassifier.classifyClaude(result, process.exitCode(), stderr);
            status = WorkerOutcome.Status.FAILED;
            retryable = verdict.retryable();
            reason = result.describe();
            if (result.status() == ClaudeResult.Status.NO_OUTPUT || result.status() == ClaudeResult.Status.UNREADABLE) {
                String last = Attempt.lastLine(stderr);
                reason += " (exit code " + process.exitCode() + (last.isEmpty() ? "" : "; stderr: " + last) + ")";
            }
            if (retryable) {
                reason += " [retryable: " + verdict.cause() + "]";
            }
        }
        if (process.watchdog() != null && !noResult && !process.timedOut()) {
            // Judged by its result all the same; say why the process did not end by itself.
            reason += process.watchdog() == WatchdogStop.LINGERED
                    ? "; Claude Code was still running " + Attempt.human(request.resultGrace())
                            + " after its result and was stopped"
                    : "; Claude Code went silent after its result and was stopped";
        }
        return new WorkerOutcome(KIND, status, process.exitCode(), reason, retryable, 1, process.duration(),
                spent, result.numTurns(), sessionId, resultsWritten, request.logs(), result);
    }

    /**
     * Whether the CLI refused the session flag of {@code mode} ("No conversation found" for RESUME: call
     * {@link #setAsideTranscripts} and run NEW; "already in use" for NEW: run RESUME). For callers that run the
     * command themselves, as the Jenkins side does.
     */
    public static boolean refusedSessionFlag(ProcessResult result, WorkerRequest request, SessionMode mode) {
        if (result.timedOut() || result.exitCode() == 0) {
            return false;
        }
        String phrase = mode == SessionMode.RESUME ? "no conversation found" : "already in use";
        String stdout = rawOutput(request, result);
        ClaudeResult parsed = ClaudeResultParser.parse(stdout);
        if (parsed.status() == ClaudeResult.Status.EXECUTION_ERROR && (parsed.numTurns() == null || parsed.numTurns() == 0)) {
            // stream-json reports it as the result: error_during_execution, the message in its errors.
            return String.join("\n", parsed.errors()).toLowerCase(Locale.ROOT).contains(phrase);
        }
        if (!stdout.isBlank()) {
            return false;
        }
        String stderr = Attempt.fullText(request.logs().stderr(), result.stderr()).toLowerCase(Locale.ROOT);
        return stderr.contains(phrase);
    }

    private static Duration remaining(Duration timeout, long startNanos) {
        if (timeout == null) {
            return null;
        }
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    private static String cost(Double spent) {
        return spent == null ? "" : String.format(Locale.ROOT, " ($%.4f)", spent);
    }

    private static boolean runningAsRoot() {
        return "root".equals(ProcessHandle.current().info().user().orElse(""));
    }
}
