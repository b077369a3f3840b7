package io.dispatchplan.graph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one run, which waiting workstream may start: all its dependencies finished without
 * failing, a {@code maxParallel} slot is free, and among those ready the one with the longest remaining
 * chain goes first (then plan order). A failure marks every dependent skipped with the reason; with
 * {@code failFast} it stops all further starts. The command line drives it with threads, the Jenkins
 * plugin from gate steps; it is serializable so Jenkins can persist it with the build.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class Scheduler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DependencyGraph graph;
    private final int maxParallel;
    private final boolean failFast;
    private final Map<String, WorkstreamState> states = new LinkedHashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    private final List<String> startOrder = new ArrayList<>();
    private String stoppedBy;

    /**
     * @param maxParallel how many may run at once; 0 or less means no limit
     * @param failFast stop starting anything after the first failure
     */
    public Scheduler(DependencyGraph graph, int maxParallel, boolean failFast) {
        this.graph = graph;
        this.maxParallel = maxParallel <= 0 ? Integer.MAX_VALUE : maxParallel;
        this.failFast = failFast;
        for (String id : graph.ids()) {
            states.put(id, WorkstreamState.WAITING);
        }
    }

    public DependencyGraph graph() {
        return graph;
    }

    /**
     * Marks as many ready workstreams RUNNING as there are free slots, highest priority first, and returns
     * them in that order. The caller must start each and later call {@link #finished}.
     */
    public synchronized List<String> grant() {
        List<String> granted = new ArrayList<>();
        if (stoppedBy != null) {
            return granted;
        }
        int free = maxParallel - count(WorkstreamState.RUNNING);
        for (String id : ready()) {
            if (free-- <= 0) {
                break;
            }
            states.put(id, WorkstreamState.RUNNING);
            startOrder.add(id);
            granted.add(id);
        }
        return granted;
    }

    /** Waiting workstreams whose dependencies all let them start, highest priority first. */
    public synchronized List<String> ready() {
        List<String> ready = new ArrayList<>();
        for (Map.Entry<String, WorkstreamState> entry : states.entrySet()) {
            if (entry.getValue() == WorkstreamState.WAITING && dependenciesDone(entry.getKey())) {
                ready.add(entry.getKey());
            }
        }
        ready.sort(Comparator.comparingDouble((String id) -> -graph.remainingChain(id)));
        return ready;
    }

    private boolean dependenciesDone(String id) {
        for (String dependency : graph.dependsOn(id)) {
            WorkstreamState state = states.get(dependency);
            if (state != WorkstreamState.SUCCEEDED && state != WorkstreamState.UNSTABLE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records how a running workstream ended. A failure skips its dependents (and with failFast,
     * everything still waiting).
     */
    public synchronized void finished(String id, Outcome outcome, String reason) {
        WorkstreamState state = states.get(id);
        if (state == null) {
            throw new IllegalArgumentException("unknown workstream " + id);
        }
        if (state != WorkstreamState.RUNNING) {
            throw new IllegalStateException(id + " is " + state + ", not RUNNING");
        }
        states.put(id, WorkstreamState.of(outcome));
        if (reason != null && !reason.isBlank()) {
            reasons.put(id, reason);
        }
        if (outcome == Outcome.FAILED) {
            skipDependentsOf(id);
            if (failFast && stoppedBy == null) {
                stoppedBy = id;
                for (Map.Entry<String, WorkstreamState> entry : states.entrySet()) {
                    if (entry.getValue() == WorkstreamState.WAITING) {
                        entry.setValue(WorkstreamState.SKIPPED);
                        reasons.put(entry.getKey(), "not started: " + id + " failed and failFast is on");
                    }
                }
            }
        }
    }

    /** Marks a waiting workstream finished without running it (e.g. done in an earlier run). */
    public synchronized void alreadyDone(String id, Outcome outcome, String reason) {
        if (states.get(id) != WorkstreamState.WAITING) {
            throw new IllegalStateException(id + " is " + states.get(id) + ", not WAITING");
        }
        states.put(id, WorkstreamState.RUNNING);
        finished(id, outcome, reason);
        startOrder.remove(id);
    }

    private void skipDependentsOf(String failed) {
        for (String dependent : graph.transitiveDependents(failed)) {
            if (states.get(dependent) == WorkstreamState.WAITING) {
                states.put(dependent, WorkstreamState.SKIPPED);
                List<String> blockers = new ArrayList<>();
                for (String dependency : graph.dependsOn(dependent)) {
                    WorkstreamState s = states.get(dependency);
                    if (s == WorkstreamState.FAILED || s == WorkstreamState.SKIPPED) {
                        blockers.add(dependency);
                    }
                }
                String direct = graph.dependsOn(dependent).contains(failed) ? failed : String.join(", ", blockers);
                reasons.put(dependent, graph.dependsOn(dependent).contains(failed)
                        ? "skipped: dependency " + failed + " failed"
                        : "skipped: dependency " + direct + " was skipped (" + failed + " failed)");
            }
        }
    }

    public synchronized WorkstreamState state(String id) {
        return states.get(id);
    }

    /** Why a workstream was skipped or failed, or null. */
    public synchronized String reason(String id) {
        return reasons.get(id);
    }

    public synchronized Map<String, WorkstreamState> states() {
        return new LinkedHashMap<>(states);
    }

    /** The dependencies a waiting workstream still waits for, for "waiting for: a, b". */
    public synchronized List<String> waitingFor(String id) {
        List<String> pending = new ArrayList<>();
        for (String dependency : graph.dependsOn(id)) {
            if (!states.get(dependency).isFinished()) {
                pending.add(dependency);
            }
        }
        return pending;
    }

    /** Ids in the order they were granted. */
    public synchronized List<String> startOrder() {
        return List.copyOf(startOrder);
    }

    public synchronized boolean isStopped() {
        return stoppedBy != null;
    }

    /** True when nothing is waiting or running. */
    public synchronized boolean isDone() {
        return states.values().stream().allMatch(WorkstreamState::isFinished);
    }

    public synchronized int running() {
        return count(WorkstreamState.RUNNING);
    }

    private int count(WorkstreamState state) {
        int n = 0;
        for (WorkstreamState s : states.values()) {
            if (s == state) {
                n++;
            }
        }
        return n;
    }
}
