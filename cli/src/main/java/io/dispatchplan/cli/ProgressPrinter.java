package io.dispatchplan.cli;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.PredictedConflict;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.run.RunListener;
import io.dispatchplan.worker.WorkerActivity;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress, one line per workstream: waiting / running n s / done / failed / skipped. On a terminal the
 * block is redrawn in place every second, a running workstream's line showing its worker's last activity and how
 * long ago it was; otherwise (CI logs, pipes) a line is printed at each change and for each activity of a worker
 * (a tool use, a retry, its result), and every 30 s for what is still running.
 */
final class ProgressPrinter implements RunListener, AutoCloseable {
    private static final long HEARTBEAT_MILLIS = 30_000;

    private final PrintWriter out;
    private final boolean redraw;
    private final long startNanos = System.nanoTime();
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private int drawnLines;
    private long lastHeartbeat = System.currentTimeMillis();

    private record Line(String state, String detail, long sinceNanos, String activity, long activityNanos) {
        Line(String state, String detail, long sinceNanos) {
            this(state, detail, sinceNanos, null, 0);
        }
    }

    ProgressPrinter(PrintWriter out, boolean redraw, List<String> ids) {
        this.out = out;
        this.redraw = redraw;
        ids.forEach(id -> lines.put(id, new Line("waiting", "", System.nanoTime())));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void message(String text) {
        clearBlock();
        out.println(text);
        draw();
    }

    @Override
    public synchronized void base(String ref, String sha) {
        message("base: " + ref + " = " + sha);
    }

    @Override
    public synchronized void waiting(String id, List<String> dependencies) {
        change(id, "waiting", dependencies.isEmpty() ? "" : "for " + String.join(", ", dependencies));
    }

    @Override
    public synchronized void started(String id) {
        change(id, "running", "");
    }

    @Override
    public synchronized void step(String id, String what) {
        Line line = lines.get(id);
        lines.put(id, new Line(line.state(), what, line.sinceNanos(), line.activity(), line.activityNanos()));
        if (redraw) {
            redrawBlock();
        }
    }

    @Override
    public synchronized void activity(String id, WorkerActivity activity) {
        Line line = lines.get(id);
        if (line == null) {
            return;
        }
        String text = printable(activity.line());
        lines.put(id, new Line(line.state(), line.detail(), line.sinceNanos(), text, System.nanoTime()));
        if (redraw) {
            redrawBlock();
        } else {
            int width = lines.keySet().stream().mapToInt(String::length).max().orElse(10);
            out.println(stamp() + " " + String.format(Locale.ROOT, "%-" + width + "s  %s", id, text));
            out.flush();
        }
    }

    /** Worker output is not ours: no control characters (escape sequences) reach the terminal. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    @Override
    public synchronized void finished(WorkstreamReport report) {
        String state = switch (report.status()) {
            case "SUCCEEDED" -> "done";
            case "UNSTABLE" -> "unstable";
            case "FAILED" -> "failed";
            default -> report.status().toLowerCase(Locale.ROOT);
        };
        String detail = (report.durationMillis() > 0 ? seconds(report.durationMillis() * 1_000_000L) + " " : "")
                + (report.reason() == null ? "" : report.reason());
        change(report.id(), state, detail.strip());
    }

    @Override
    public synchronized void conflictPredicted(PredictedConflict conflict) {
        message("warning: " + conflict.describe() + ": they will conflict when integrated");
    }

    @Override
    public synchronized void integrating(List<String> branches) {
        message("integration: merging " + branches.size() + " branch(es) --no-ff");
    }

    @Override
    public synchronized void integrated(IntegrationResult result) {
        StringBuilder text = new StringBuilder("integration: ").append(result.integrationBranch());
        for (MergeRecord merge : result.merges()) {
            text.append("\n  ").append(merge.workstreamId()).append(": ").append(merge.status().name().toLowerCase(Locale.ROOT));
            if (!merge.conflictFiles().isEmpty()) {
                text.append(" (").append(String.join(", ", merge.conflictFiles()))
                        .append(merge.resolvedBy() == null ? "" : " resolved by " + merge.resolvedBy()).append(')');
            }
        }
        for (var run : result.resolverRuns()) {
            if (!run.accepted()) {
                text.append("\n  resolver on ").append(run.workstreamId()).append(": ").append(run.reason());
            }
        }
        if (result.resolverCostUsd() != null) {
            text.append("\n  resolver cost: ").append(String.format(Locale.ROOT, "$%.2f", result.resolverCostUsd()));
        }
        if (result.verify() != null && result.verify().ran()) {
            text.append("\n  verify: ").append(result.verify().passed() ? "passed" : "FAILED");
            if (result.verifyMessage() != null) {
                text.append(": ").append(result.verifyMessage());
            }
        }
        message(text.toString());
    }

    private void change(String id, String state, String detail) {
        lines.put(id, new Line(state, detail, System.nanoTime()));
        if (redraw) {
            redrawBlock();
        } else {
            out.println(stamp() + " " + format(id, lines.get(id)));
            out.flush();
        }
    }

    private synchronized void tick() {
        if (redraw) {
            redrawBlock();
        } else if (System.currentTimeMillis() - lastHeartbeat >= HEARTBEAT_MILLIS) {
            lastHeartbeat = System.currentTimeMillis();
            lines.forEach((id, line) -> {
                if (line.state().equals("running")) {
                    out.println(stamp() + " " + format(id, line));
                }
            });
            out.flush();
        }
    }

    private String format(String id, Line line) {
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(10);
        boolean running = line.state().equals("running");
        String state = running ? "running " + seconds(System.nanoTime() - line.sinceNanos()) : line.state();
        String detail = line.detail().isEmpty() ? "" : "  " + line.detail();
        if (running && line.activity() != null) {
            detail = "  " + line.activity() + " (" + seconds(System.nanoTime() - line.activityNanos()) + " ago)";
        }
        return String.format(Locale.ROOT, "%-" + width + "s  %s%s", id, state, detail);
    }

    private String stamp() {
        return "[" + seconds(System.nanoTime() - startNanos) + "]";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%d s", TimeUnit.NANOSECONDS.toSeconds(nanos));
    }

    private void redrawBlock() {
        clearBlock();
        draw();
    }

    private void clearBlock() {
        if (redraw && drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "F\u001b[J");
            drawnLines = 0;
        }
    }

    private void draw() {
        if (!redraw) {
            out.flush();
            return;
        }
        lines.forEach((id, line) -> out.println(format(id, line)));
        drawnLines = lines.size();
        out.flush();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            if (redraw) {
                redrawBlock();
            }
            out.flush();
        }
    }
}
