package io.dispatchplan.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Kills every such process and everything it started; returns the pids of the marked ones that were alive. The
     * trees are taken whole before anything dies (a dead parent's children are re-parented and lost from its tree),
     * then killed parents first: a shell whose child died first would run its next command.
     */
    public static List<Long> stopAll(String name, String value) {
        List<ProcessHandle> found = marked(name, value).stream().filter(ProcessHandle::isAlive).toList();
        Map<Long, ProcessHandle> trees = new LinkedHashMap<>();
        for (ProcessHandle p : found) {
            trees.put(p.pid(), p);
            p.descendants().forEach(d -> trees.put(d.pid(), d));
        }
        List<ProcessHandle> parentsFirst = new ArrayList<>(trees.values());
        parentsFirst.sort(Comparator.comparingInt(p -> depth(p, trees)));
        parentsFirst.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : parentsFirst) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // SIGKILL cannot be ignored; a kernel slow to reap it changes nothing for the caller.
            }
        }
        return found.stream().map(ProcessHandle::pid).toList();
    }

    /** How many of {@code p}'s ancestors are in {@code trees}. */
    private static int depth(ProcessHandle p, Map<Long, ProcessHandle> trees) {
        int depth = 0;
        for (ProcessHandle up = p.parent().orElse(null); up != null && trees.containsKey(up.pid());
                up = up.parent().orElse(null)) {
            depth++;
        }
        return depth;
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
