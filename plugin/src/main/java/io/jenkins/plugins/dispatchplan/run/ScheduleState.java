package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.steps.GateDecision;

import hudson.model.InvisibleAction;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One build's schedule, kept on the Run so it survives a controller restart: which workstream may start
 * is decided by core's {@link Scheduler}; this records what happened (grants and outcomes, in order) in
 * plain fields Jenkins can save in {@code build.xml}, and rebuilds the scheduler by replaying them.
 *
 * <p>Gate steps waiting for a grant register here in memory; after a restart they register again from
 * {@code onResume}. Callers save the Run after every change and only then deliver the returned
 * {@link Delivery}s, so a step never completes on a decision that was not saved.
 */
public final class ScheduleState extends InvisibleAction {
    private final List<String> ids;
    private final Map<String, List<String>> dependsOn;
    private final Map<String, Double> weights;
    private final int maxParallel;
    private final boolean failFast;
    /** {@code grant <ids>} or {@code finish <id> <OUTCOME> <reason>}, tab-separated, in order. */
    private final List<String> events = new ArrayList<>();

    private transient Scheduler scheduler;
    private transient Map<String, Waiter> waiters;

    /** A gate waiting for its workstream to be granted or skipped. */
    public interface Waiter {
        void granted();

        void skipped(String reason);
    }

    /** A decision to hand to a waiting gate once the state is saved. */
    public record Delivery(Waiter waiter, boolean start, String reason) {
        public void deliver() {
            if (start) {
                waiter.granted();
            } else {
                waiter.skipped(reason);
            }
        }
    }

    /** What a gate learns when it asks: decided now, or registered to wait (decision null). */
    public record Answer(GateDecision decision, List<Delivery> deliveries) {
    }

    public ScheduleState(Plan plan, int maxParallel, boolean failFast) {
        this.ids = new ArrayList<>(plan.ids());
        this.dependsOn = new LinkedHashMap<>();
        this.weights = new HashMap<>();
        for (Workstream w : plan.workstreams()) {
            dependsOn.put(w.id(), new ArrayList<>(w.dependsOn()));
            weights.put(w.id(), w.estimate());
        }
        this.maxParallel = maxParallel;
        this.failFast = failFast;
    }

    public int getMaxParallel() {
        return maxParallel;
    }

    public boolean isFailFast() {
        return failFast;
    }

    /** Asks to start {@code id}: answered now when it may start or is skipped, else {@code waiter} is kept. */
    public Answer request(String id, Waiter waiter) {
        List<Delivery> deliveries;
        GateDecision decision;
        synchronized (this) {
            Scheduler s = scheduler();
            WorkstreamState state = known(s, id);
            if (state == WorkstreamState.WAITING) {
                waiters().put(id, waiter);
                deliveries = grant(s);
            } else {
                deliveries = new ArrayList<>();
            }
            decision = decisionFor(s, id);
            if (decision != null) {
                waiters().remove(id);
                deliveries.removeIf(d -> d.waiter() == waiter);
            }
        }
        return new Answer(decision, deliveries);
    }

    /** Forgets a waiting gate (its step was stopped). */
    public synchronized void cancel(String id, Waiter waiter) {
        waiters().remove(id, waiter);
    }

    /** Records how {@code id} ended; returns the gates this lets start or skips. */
    public List<Delivery> finished(String id, Outcome outcome, String reason) {
        synchronized (this) {
            Scheduler s = scheduler();
            WorkstreamState state = known(s, id);
            if (state != WorkstreamState.RUNNING) {
                throw new IllegalStateException("workstream " + id + " is " + state.name().toLowerCase()
                        + ", not running: report a workstream once, after waitForWorkstream let it start");
            }
            s.finished(id, outcome, reason);
            events.add(String.join("\t", "finish", id, outcome.name(), reason == null ? "" : reason));
            List<Delivery> deliveries = grant(s);
            for (Map.Entry<String, Waiter> e : new ArrayList<>(waiters().entrySet())) {
                if (s.state(e.getKey()) == WorkstreamState.SKIPPED) {
                    deliveries.add(new Delivery(e.getValue(), false, s.reason(e.getKey())));
                    waiters().remove(e.getKey());
                }
            }
            return deliveries;
        }
    }

    public synchronized WorkstreamState state(String id) {
        return scheduler().state(id);
    }

    public synchronized String reason(String id) {
        return scheduler().reason(id);
    }

    public synchronized Map<String, WorkstreamState> states() {
        return scheduler().states();
    }

    /** What a waiting gate shows: {@code waiting for: a, b} or the slot it waits for. */
    public synchronized String waitingStatus(String id) {
        Scheduler s = scheduler();
        WorkstreamState state = s.state(id);
        if (state != WorkstreamState.WAITING) {
            return state == null ? null : state.name().toLowerCase();
        }
        List<String> pending = s.waitingFor(id);
        if (!pending.isEmpty()) {
            return "waiting for: " + String.join(", ", pending);
        }
        return "waiting for a free slot (" + s.running() + " running, maxParallel " + maxParallel + ")";
    }

    private List<Delivery> grant(Scheduler s) {
        List<String> granted = s.grant();
        List<Delivery> deliveries = new ArrayList<>();
        if (!granted.isEmpty()) {
            events.add("grant\t" + String.join(",", granted));
            for (String g : granted) {
                Waiter w = waiters().remove(g);
                if (w != null) {
                    deliveries.add(new Delivery(w, true, null));
                }
            }
        }
        return deliveries;
    }

    private static GateDecision decisionFor(Scheduler s, String id) {
        WorkstreamState state = s.state(id);
        return switch (state) {
            case WAITING -> null;
            case RUNNING -> GateDecision.start();
            case SKIPPED -> GateDecision.skip(s.reason(id));
            default -> throw new IllegalStateException("workstream " + id + " already ran in this build ("
                    + state.name().toLowerCase() + "); each workstream's gate is passed once");
        };
    }

    private static WorkstreamState known(Scheduler s, String id) {
        WorkstreamState state = s.state(id);
        if (state == null) {
            throw new IllegalArgumentException("no workstream '" + id + "' in this build's plan; its ids are "
                    + String.join(", ", s.graph().ids()));
        }
        return state;
    }

    private Map<String, Waiter> waiters() {
        if (waiters == null) {
            waiters = new LinkedHashMap<>();
        }
        return waiters;
    }

    /** The scheduler, rebuilt from the recorded events after the Run was loaded from disk. */
    synchronized Scheduler scheduler() {
        if (scheduler == null) {
            Scheduler s = new Scheduler(DependencyGraph.of(ids, dependsOn, weights), maxParallel, failFast);
            for (String event : events) {
                String[] f = event.split("\t", -1);
                if (f[0].equals("grant")) {
                    // Replayed as recorded, so a changed priority order (a plugin upgrade mid-build) restores too.
                    for (String granted : f[1].split(",")) {
                        s.start(granted);
                    }
                } else {
                    s.finished(f[1], Outcome.valueOf(f[2]), f[3].isEmpty() ? null : f[3]);
                }
            }
            scheduler = s;
        }
        return scheduler;
    }
}
