package io.dispatchplan.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a worker started, wherever they went: found through {@code /proc} by a variable every one of them
 * inherits (a worker's {@code TASKS_FILE}, unique to its worktree). They are the worker of a run that was killed,
 * or a background child a worker left behind; a person's shell in the worktree does not carry the variable and is
 * never touched. Where there is no {@code /proc} nothing is found.
 */
public final class WorkerProcesses {
    private static final Path PROC = Path.of("/proc");

    private WorkerProcesses() {
    }

    /** Processes other than this one and its ancestors whose environment holds {@code name=value}. */
    public static List<ProcessHandle> marked(String name, String value) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return List.of();
        }
        byte[] entry = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
        List<Long> ours = new ArrayList<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            ours.add(p.pid());
        }
        return ProcessHandle.allProcesses()
                .filter(p -> !ours.contains(p.pid()))
                .filter(p -> hasEntry(p.pid(), entry))
                .toList();
    }

    /** Kills every such process and everything it started; returns the pids that were alive. */
    public static List<Long> stopAll(String name, String value) {
        List<Long> pids = new ArrayList<>();
        for (ProcessHandle p : marked(name, value)) {
            if (p.isAlive()) {
                pids.add(p.pid());
                ProcessTree.kill(p);
            }
        }
        return pids;
    }

    private static boolean hasEntry(long pid, byte[] entry) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or another user's: not ours to stop
        }
        for (int start = 0; start < environ.length; ) {
            int end = start;
            while (end < environ.length && environ[end] != 0) {
                end++;
            }
            if (end - start == entry.length && java.util.Arrays.equals(environ, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
