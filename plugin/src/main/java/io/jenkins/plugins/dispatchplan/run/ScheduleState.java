package io.jenkins.plugins.dispatchplan.run;

import io.jenkins.plugins.dispatchplan.steps.GateDecision;

import hudson.model.InvisibleAction;
import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.graph.RunBudget;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One build's schedule, kept on the Run so it survives a controller restart: which workstream may start
 * is decided by core's {@link Scheduler}, with the run budget and the rate-limit governor as its inputs; this
 * records what happened (grants, outcomes, each attempt's spending, rate limits with their times, in order) in
 * plain fields Jenkins can save in {@code build.xml}, and rebuilds the scheduler by replaying them, so spent,
 * reserved and the concurrency limit come back after a restart too.
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
    /** The run cap in USD; null for none (and in builds from before the budget). */
    private Double maxTotalBudgetUsd;
    /** Each workstream's worker cap, reserved when it starts; a workstream missing here reserves an even share. */
    private HashMap<String, Double> workerCaps;
    /** 0 in builds from before the governor: the default then. */
    private long rateLimitQuietMillis;
    /**
     * Tab-separated, in order: {@code grant <ids>}, {@code finish <id> <OUTCOME> <reason>}, {@code spent <id>
     * <attempt> <usd>} (what one attempt spent) and {@code ratelimit <id> <epoch millis> <cause>}.
     */
    private final List<String> events = new ArrayList<>();
    /** How many of the governor's changes a build log already shows. */
    private int changesLogged;

    private transient Scheduler scheduler;
    private transient Map<String, Waiter> waiters;
    /** When a timer is set to wake the waiting gates (the governor's next increase); null when none is. */
    private transient Instant wakeUpAt;

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
        this(plan, maxParallel, failFast, null, null, RateGovernor.DEFAULT_QUIET_PERIOD);
    }

    /**
     * @param maxTotalBudgetUsd the run cap; null for none
     * @param workerCapUsd what starting a workstream reserves (its worker's {@code maxBudgetUsd}); null for an even
     *     share of the run cap
     * @param rateLimitQuietPeriod how long without a rate limit before one more worker starts at once again
     */
    public ScheduleState(Plan plan, int maxParallel, boolean failFast, Double maxTotalBudgetUsd, Double workerCapUsd,
            Duration rateLimitQuietPeriod) {
        this.maxTotalBudgetUsd = maxTotalBudgetUsd;
        this.workerCaps = new HashMap<>();
        if (workerCapUsd != null) {
            plan.ids().forEach(id -> workerCaps.put(id, workerCapUsd));
        }
        this.rateLimitQuietMillis = rateLimitQuietPeriod.toMillis();
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
                deliveries = grant(s, Instant.now());
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
            return grant(s, Instant.now());
        }
    }

    /**
     * What attempt {@code attempt} of running workstream {@code id} spent (its new spending: a resumed conversation's
     * earlier cost not included). Reporting one attempt again replaces it, so nothing counts twice.
     */
    public synchronized void spent(String id, int attempt, double usd) {
        Scheduler s = scheduler();
        known(s, id);
        events.add(String.join("\t", "spent", id, String.valueOf(attempt), String.valueOf(usd)));
        s.spent(id, attemptsSpending(id));
    }

    /** What {@code id} spent in this build, every attempt's spending added up; null when no attempt reported any. */
    public synchronized Double spentBy(String id) {
        return events.stream().anyMatch(e -> e.startsWith("spent\t" + id + "\t")) ? attemptsSpending(id) : null;
    }

    private double attemptsSpending(String id) {
        Map<String, Double> byAttempt = new HashMap<>();
        for (String event : events) {
            String[] f = event.split("\t", -1);
            if (f[0].equals("spent") && f[1].equals(id)) {
                byAttempt.put(f[2], Double.parseDouble(f[3]));
            }
        }
        return byAttempt.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * {@code id}'s worker reported a rate limit or an overload ({@code cause}) at {@code at}; returns how that changed
     * the number of workers started at once, for the log.
     */
    public synchronized List<RateGovernor.Change> rateLimited(String id, String cause, Instant at) {
        Scheduler s = scheduler();
        known(s, id);
        // To the millisecond, as saved: the replay after a restart then rebuilds the very same changes.
        Instant saved = at.truncatedTo(ChronoUnit.MILLIS);
        events.add(String.join("\t", "ratelimit", id, String.valueOf(saved.toEpochMilli()), cause));
        return s.rateLimited(id, cause, saved);
    }

    /**
     * Lets quiet time raise the concurrency limit up to {@code now} and starts (or skips) whom that lets; for a timer
     * set at {@link #nextConcurrencyIncrease()}.
     */
    public synchronized List<Delivery> poll(Instant now) {
        wakeUpAt = null;
        return grant(scheduler(), now);
    }

    /** When the governor next lets one more worker start at once, while a gate waits for it; null when none need. */
    public synchronized Instant nextConcurrencyIncrease() {
        return waiters().isEmpty() ? null : scheduler().nextConcurrencyIncrease();
    }

    /**
     * Claims the wake-up for the governor's next increase: true when one is needed and none is set for that time
     * yet (the caller sets a timer and calls {@link #poll} then), false otherwise.
     */
    public synchronized boolean claimWakeUp() {
        Instant next = nextConcurrencyIncrease();
        if (next == null || next.equals(wakeUpAt)) {
            return false;
        }
        wakeUpAt = next;
        return true;
    }

    /** The governor's changes no build log shows yet, now counted as shown (save the Run after printing them). */
    public synchronized List<RateGovernor.Change> takeUnloggedChanges() {
        List<RateGovernor.Change> changes = scheduler().concurrencyChanges();
        List<RateGovernor.Change> unlogged = List.copyOf(changes.subList(Math.min(changesLogged, changes.size()),
                changes.size()));
        changesLogged = changes.size();
        return unlogged;
    }

    public synchronized BudgetSummary budget() {
        return scheduler().budget();
    }

    /** Every change the rate-limit governor made so far, oldest first. */
    public synchronized List<RateGovernor.Change> concurrencyChanges() {
        return scheduler().concurrencyChanges();
    }

    public synchronized int concurrencyLimit() {
        return scheduler().concurrencyLimit();
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
        return s.holdUp(id);
    }

    /** Grants what may start now, and tells the waiting gates the scheduler started or skipped. */
    private List<Delivery> grant(Scheduler s, Instant now) {
        List<String> granted = s.grant(now);
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
        for (Map.Entry<String, Waiter> e : new ArrayList<>(waiters().entrySet())) {
            if (s.state(e.getKey()) == WorkstreamState.SKIPPED) {
                deliveries.add(new Delivery(e.getValue(), false, s.reason(e.getKey())));
                waiters().remove(e.getKey());
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
            Duration quiet = rateLimitQuietMillis > 0 ? Duration.ofMillis(rateLimitQuietMillis)
                    : RateGovernor.DEFAULT_QUIET_PERIOD;
            Scheduler s = new Scheduler(DependencyGraph.of(ids, dependsOn, weights), maxParallel, failFast,
                    RunBudget.of(maxTotalBudgetUsd, ids, workerCaps == null ? Map.of() : workerCaps), quiet);
            for (String event : events) {
                String[] f = event.split("\t", -1);
                switch (f[0]) {
                    // Replayed as recorded, so a changed priority order (a plugin upgrade mid-build) restores too.
                    case "grant" -> {
                        for (String granted : f[1].split(",")) {
                            s.start(granted);
                        }
                    }
                    case "finish" -> s.finished(f[1], Outcome.valueOf(f[2]), f[3].isEmpty() ? null : f[3]);
                    case "spent" -> s.spent(f[1], attemptsSpending(f[1]));
                    case "ratelimit" -> s.rateLimited(f[1], f[3], Instant.ofEpochMilli(Long.parseLong(f[2])));
                    default -> throw new IllegalStateException("unknown schedule event '" + f[0] + "' in build.xml");
                }
            }
            scheduler = s;
        }
        return scheduler;
    }
}
