package io.dispatchplan.worker;

import io.dispatchplan.process.ShellQuoting;
import io.dispatchplan.process.WatchdogStop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The POSIX {@code sh} source that runs a worker as a Jenkins durable {@code sh} step does: the live progress and the
 * watchdog live inside the script, on the agent, so they survive a controller restart like the step itself.
 *
 * <p>For Claude Code the CLI's stdout (its stream-json events) goes through a FIFO into a small awk program
 * ({@link #formatterProgram()}) that copies every event as it is to {@link WorkerLogs#events()} and prints a readable
 * line per meaningful event on the script's stdout, which the {@code sh} step puts in the stage log. Its stderr goes
 * to {@link WorkerLogs#stderr()}. A command worker's output goes to its log files as before.
 *
 * <p>The watchdog is a loop in the script: once a second it compares the sizes of the output files; when they stayed
 * the same for the idle limit, or the result event came and the CLI is still running after the grace, it kills the
 * worker's process tree (children first, found with {@code ps}, or {@code /proc} without it), and writes why to
 * {@link #WATCHDOG_FILE} for {@code collectWorkstream} ({@link #stopped}). The worker's exit status is the script's.
 *
 * <p>Every value in the script (paths, the argv, the awk program) is quoted with {@link ShellQuoting}; plan and
 * repository text never becomes shell source. Only POSIX tools: sh, awk, mkfifo, wc, sleep, kill, ps or /proc.
 */
public final class DurableWorkerScript {

    /** Beside the worker's logs: why the watchdog stopped the worker ({@code idle N} or {@code lingered N}). */
    public static final String WATCHDOG_FILE = "worker.watchdog";
    static final String RESULT_SEEN_FILE = "worker.result-seen";
    static final String FIFO_FILE = "worker.events.fifo";

    private static final String PROGRAM = load("stream-formatter.awk");

    /** Kills a process tree, descendants first, and watches the output files of the worker in {@code $dp_pid}. */
    private static final String WATCH = """
            dp_kids() { { ps -A -o pid= -o ppid= 2>/dev/null || cat /proc/[0-9]*/stat 2>/dev/null | awk '{ p = $1; sub(/^.*[)] /, ""); print p, $2 }'; } | awk -v p="$1" '$2 == p { print $1 }'; }
            dp_kill() { for dp_k in $(dp_kids "$1"); do dp_kill "$dp_k"; done; kill -9 "$1" 2>/dev/null; }
            dp_quiet=0 dp_after=0 dp_last=
            while kill -0 "$dp_pid" 2>/dev/null; do
              sleep 1
              dp_now="$(wc -c <"$dp_out" 2>/dev/null):$(wc -c <"$dp_err" 2>/dev/null)"
              if [ "$dp_now" = "$dp_last" ]; then dp_quiet=$((dp_quiet + 1)); else dp_quiet=0; dp_last=$dp_now; fi
              if [ -n "$dp_seen" ] && [ -e "$dp_seen" ]; then dp_after=$((dp_after + 1)); fi
              if [ "$dp_idle" -gt 0 ] && [ "$dp_quiet" -ge "$dp_idle" ]; then
                echo "idle $dp_idle" >"$dp_mark"
                echo "dispatch-plan: no event or output for $dp_idle s: stopping the worker's process tree"
                dp_kill "$dp_pid"; break
              fi
              if [ "$dp_after" -ge "$dp_grace" ]; then
                echo "lingered $dp_grace" >"$dp_mark"
                echo "dispatch-plan: still running $dp_grace s after its result: stopping the worker's process tree"
                dp_kill "$dp_pid"; break
              fi
            done
            """;

    private DurableWorkerScript() {
    }

    /** The awk program that formats Claude Code's events (POSIX awk; run it with {@code LC_ALL=C}). */
    public static String formatterProgram() {
        return PROGRAM;
    }

    /**
     * Runs {@code argv} (a {@code claude} command line with {@code --output-format stream-json --verbose}) with its
     * events formatted into the script's stdout and kept in {@link WorkerLogs#events()}, under the request's idle
     * limit and grace after the result.
     */
    public static String forClaude(List<String> argv, WorkerRequest request) {
        WorkerLogs logs = request.logs();
        return variables(logs.events(), request, marker(request, RESULT_SEEN_FILE), request.resultGrace())
                + "dp_fifo=" + q(marker(request, FIFO_FILE).toString()) + "\n"
                + "rm -f \"$dp_mark\" \"$dp_seen\" \"$dp_fifo\" && : >\"$dp_out\" && mkfifo \"$dp_fifo\" || exit 1\n"
                // mawk fills its whole input buffer before it acts on a line unless it reads "interactively".
                + "dp_awk=awk; case \"$(awk -W version 2>&1 </dev/null)\" in *mawk*) dp_awk='awk -W interactive' ;; esac\n"
                + "LC_ALL=C DISPATCH_PLAN_EVENTS=\"$dp_out\" DISPATCH_PLAN_RESULT_SEEN=\"$dp_seen\" $dp_awk "
                + ShellQuoting.quote(PROGRAM) + " <\"$dp_fifo\" & dp_fmt=$!\n"
                + ShellQuoting.quote(argv) + " >\"$dp_fifo\" 2>\"$dp_err\" & dp_pid=$!\n"
                + WATCH
                + "wait \"$dp_pid\" 2>/dev/null; dp_status=$?\n"
                // The formatter ends when the CLI's stdout closes; a leftover child holding it gets 5 s.
                + "dp_i=0; while kill -0 \"$dp_fmt\" 2>/dev/null && [ \"$dp_i\" -lt 5 ]; do sleep 1; dp_i=$((dp_i + 1)); done\n"
                + "kill \"$dp_fmt\" 2>/dev/null; wait \"$dp_fmt\" 2>/dev/null\n"
                + "rm -f \"$dp_fifo\"\n"
                + "exit \"$dp_status\"\n";
    }

    /**
     * Runs {@code argv} (a command worker) with stdout and stderr to its log files; with an idle limit, under the
     * watchdog. Without one, the plain redirected command.
     */
    public static String forCommand(List<String> argv, WorkerRequest request) {
        WorkerLogs logs = request.logs();
        String plain = ShellQuoting.quote(argv) + " >" + q(logs.stdout().toString()) + " 2>" + q(logs.stderr().toString());
        if (request.idleTimeout() == null) {
            return plain;
        }
        return variables(logs.stdout(), request, null, Duration.ofSeconds(1))
                + "rm -f \"$dp_mark\"\n"
                + ShellQuoting.quote(argv) + " >\"$dp_out\" 2>\"$dp_err\" & dp_pid=$!\n"
                + WATCH
                + "wait \"$dp_pid\" 2>/dev/null; exit $?\n";
    }

    /** Why the script's watchdog stopped the worker, from {@link #WATCHDOG_FILE}; null when it did not. */
    public static WatchdogStop stopped(WorkerRequest request) {
        Path file = marker(request, WATCHDOG_FILE);
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
            return text.startsWith("idle") ? WatchdogStop.IDLE : text.startsWith("lingered") ? WatchdogStop.LINGERED : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String variables(Path out, WorkerRequest request, Path seen, Duration grace) {
        return "dp_out=" + q(out.toString()) + " dp_err=" + q(request.logs().stderr().toString())
                + " dp_mark=" + q(marker(request, WATCHDOG_FILE).toString())
                + " dp_seen=" + (seen == null ? "" : q(seen.toString()))
                + " dp_idle=" + seconds(request.idleTimeout()) + " dp_grace=" + Math.max(1, seconds(grace)) + "\n"
                + "mkdir -p " + q(out.toAbsolutePath().getParent().toString()) + " "
                + q(marker(request, WATCHDOG_FILE).getParent().toString()) + " || exit 1\n";
    }

    /** Whole seconds, rounded up; 0 for none. */
    private static long seconds(Duration d) {
        if (d == null) {
            return 0;
        }
        return d.toNanos() <= 0 ? 0 : (d.toNanos() + 999_999_999L) / 1_000_000_000L;
    }

    private static Path marker(WorkerRequest request, String name) {
        return request.logs().stderr().toAbsolutePath().resolveSibling(name);
    }

    private static String q(String word) {
        return ShellQuoting.quote(word);
    }

    private static String load(String name) {
        try (InputStream in = DurableWorkerScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from dispatch-plan's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the resource " + name + ": " + e.getMessage(), e);
        }
    }
}
