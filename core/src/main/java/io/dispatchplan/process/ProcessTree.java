package io.dispatchplan.process;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Kills a process and everything it started. */
final class ProcessTree {

    private static final int MAX_ROUNDS = 20;

    private ProcessTree() {
    }

    /**
     * Kills the descendants first, while the root is alive: a child whose parent dies is re-parented and no
     * longer shows up as a descendant, so killing a shell first would orphan its {@code sleep}. Repeats
     * until a round finds no process it has not killed yet (a shell may start another child meanwhile).
     */
    static void kill(ProcessHandle root) {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<ProcessHandle> fresh = root.descendants().filter(h -> !killed.contains(h.pid())).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (ProcessHandle handle : fresh) {
                handle.destroyForcibly();
                killed.add(handle.pid());
            }
        }
        root.destroyForcibly();
        awaitExit(root);
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // SIGKILL cannot be ignored; if the kernel is slow to reap, the caller's waitFor covers it.
        }
    }
}
