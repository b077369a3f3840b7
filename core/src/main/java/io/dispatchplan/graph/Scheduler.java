package io.dispatchplan.graph;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides, for one run, which waiting workstream may start: all its dependencies finished without
 * failing, a {@code maxParallel} slot is free, and among those ready the one with the longest remaining
 * chain goes first (then plan order). A failure marks every dependent skipped with the reason; with
 * {@code failFast} it stops all further starts. Two more inputs limit starts: the run's {@link RunBudget} (a
 * workstream whose reservation does not fit waits while the running ones' reservations may leave room, and is
 * skipped when it could not fit even without them) and the {@link RateGovernor} (rate limits lower how many start
 * at once, quiet time raises it again).
 * The command line drives it with threads, the Jenkins plugin from gate steps; it is serializable so Jenkins can
 * persist it with the build.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class Scheduler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DependencyGraph graph;
    private final int maxParallel;
    private final boolean failFast;
    private final RunBudget budget;
    private final RateGovernor governor;
    private final Map<String, WorkstreamState> states = new LinkedHashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    private final List<String> startOrder = new ArrayList<>();
    private final List<String> skippedByBudget = new ArrayList<>();
    /** Per waiting workstream: how many dependencies have not yet finished without failing. */
    private final Map<String, Integer> missing = new HashMap<>();
    /** Waiting workstreams with nothing missing, highest priority first. */
    private final TreeSet<Priority> ready = new TreeSet<>();
    private final Map<String, Priority> priorities = new HashMap<>();
    private int finishedCount;
    private int runningCount;
    private String stoppedBy;

    /** Longest remaining chain first, then plan order. */
    private record Priority(double chain, int planIndex, String id) implements Comparable<Priority>, Serializable {
        @Override
        public int compareTo(Priority other) {
            int byChain = Double.compare(other.chain, chain);
            return byChain != 0 ? byChain : Integer.compare(planIndex, other.planIndex);
        }
    }

    /**
     * @param maxParallel how many may run at once; 0 or less means no limit
     * @param failFast stop starting anything after the first failure
     */
    public Scheduler(DependencyGraph graph, int maxParallel, boolean failFast) {
        this(graph, maxParallel, failFast, RunBudget.none(), RateGovernor.DEFAULT_QUIET_PERIOD);
    }

    /**
     * @param maxParallel how many may run at once; 0 or less means no limit
     * @param failFast stop starting anything after the first failure
     * @param budget the run's spending cap ({@link RunBudget#none()} for none)
     * @param rateLimitQuietPeriod how long without a rate limit before the governor lets one more start at once
     */
    public Scheduler(DependencyGraph graph, int maxParallel, boolean failFast, RunBudget budget,
            Duration rateLimitQuietPeriod) {
        this.graph = graph;
        this.maxParallel = maxParallel <= 0 ? Integer.MAX_VALUE : maxParallel;
        this.failFast = failFast;
        this.budget = budget;
        this.governor = new RateGovernor(maxParallel > 0 ? maxParallel : graph.ids().size(), rateLimitQuietPeriod);
        List<String> ids = graph.ids();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            states.put(id, WorkstreamState.WAITING);
            priorities.put(id, new Priority(graph.remainingChain(id), i, id));
            missing.put(id, graph.dependsOn(id).size());
            if (graph.dependsOn(id).isEmpty()) {
                ready.add(priorities.get(id));
            }
        }
    }

    public DependencyGraph graph() {
        return graph;
    }

    /** {@link #grant(Instant)} now. */
    public synchronized List<String> grant() {
        return grant(Instant.now());
    }

    /**
     * Marks as many ready workstreams RUNNING as there are free slots (maxParallel, lowered by the rate-limit
     * governor) and as the budget lets reserve, highest priority first, and returns them in that order. A ready
     * workstream whose reservation does not fit waits while the running ones' reservations may leave room, and is
     * skipped, with its dependents, when even their release would not make it fit. The caller must start each and
     * later call {@link #finished}.
     */
    public synchronized List<String> grant(Instant now) {
        List<String> granted = new ArrayList<>();
        if (stoppedBy != null) {
            return granted;
        }
        governor.advance(now);
        // Walks the ready set by order, not over a copy of it (a copy per grant is quadratic in a large plan):
        // higher() finds the successor even when running or skipping took this one out of the set.
        for (Priority next = ready.isEmpty() ? null : ready.first(); next != null; next = ready.higher(next)) {
            if (runningCount >= concurrencyLimit()) {
                break;
            }
            String id = next.id();
            if (states.get(id) != WorkstreamState.WAITING) {
                continue; // skipped meanwhile, as a dependent of one the budget skipped
            }
            if (!budget.couldFit(id)) {
                skip(id, budget.reachedReason());
                continue;
            }
            if (!budget.fits(id)) {
                continue;
            }
            run(id);
            granted.add(id);
        }
        return granted;
    }

    /** How many may run at once now: maxParallel, or less while the rate-limit governor holds it down. */
    public synchronized int concurrencyLimit() {
        return Math.min(maxParallel, governor.limit());
    }

    /**
     * A running workstream has spent {@code totalUsd} in this run so far (its attempts' new spending, a resumed
     * conversation's earlier cost not included). Totals, not increments: hearing one twice counts it once.
     */
    public synchronized void spent(String id, double totalUsd) {
        budget.spent(id, totalUsd);
    }

    /**
     * {@code id}'s worker reported a rate limit or an overload at {@code at}: the governor may lower how many start
     * at once. Returns the changes of the limit this made, for the log.
     */
    public synchronized List<RateGovernor.Change> rateLimited(String id, String cause, Instant at) {
        return governor.rateLimited(id, cause, at);
    }

    /** Every change of the concurrency limit so far, oldest first (quiet time counted up to the last grant). */
    public synchronized List<RateGovernor.Change> concurrencyChanges() {
        return governor.changes();
    }

    /** When the governor next lets one more start at once, if nothing is rate-limited meanwhile; null if never. */
    public synchronized Instant nextConcurrencyIncrease() {
        return governor.nextIncreaseAt();
    }

    public synchronized BudgetSummary budget() {
        return budget.summary();
    }

    /** Why a workstream whose dependencies are done has not started yet: a free slot, or room in the budget. */
    public synchronized String holdUp(String id) {
        if (!budget.fits(id)) {
            return "waiting for room in the run budget (" + RunBudget.usd(budget.reservationFor(id)) + " needed; "
                    + budget.summary().describe() + ")";
        }
        return "waiting for a free slot (" + runningCount + " running, "
                + (concurrencyLimit() < maxParallel ? "at most " + concurrencyLimit() + " at once after rate limits"
                        : maxParallel == Integer.MAX_VALUE ? "no limit" : "maxParallel " + maxParallel) + ")";
    }

    /**
     * Marks one ready workstream RUNNING, as a recorded {@link #grant()} did: for rebuilding a run's state from
     * what it saved, whatever the current priority order says. The slot limit is not checked again.
     *
     * @throws IllegalStateException if the workstream is not waiting with its dependencies done
     */
    public synchronized void start(String id) {
        Priority priority = priorities.get(id);
        if (priority == null) {
            throw new IllegalArgumentException("unknown workstream " + id);
        }
        if (!ready.contains(priority)) {
            throw new IllegalStateException(id + " cannot start: it is " + states.get(id)
                    + (states.get(id) == WorkstreamState.WAITING ? " for " + waitingFor(id) : ""));
        }
        run(id);
    }

    private void run(String id) {
        setState(id, WorkstreamState.RUNNING);
        budget.reserve(id);
        governor.started(id);
        startOrder.add(id);
    }

    /** Waiting workstreams whose dependencies all let them start, highest priority first. */
    public synchronized List<String> ready() {
        return ready.stream().map(Priority::id).toList();
    }

    /**
     * Records how a running workstream ended. A failure skips its dependents (and with failFast,
     * everything still waiting).
     */
    public synchronized void finished(String id, Outcome outcome, String reason) {
        finished(id, outcome, reason, null);
    }

    /**
     * {@link #finished(String, Outcome, String)}, with what the workstream spent in this run in all ({@link #spent});
     * null when it does not know. What is left of its reservation goes back to the budget.
     */
    public synchronized void finished(String id, Outcome outcome, String reason, Double spentUsd) {
        WorkstreamState state = states.get(id);
        if (state == null) {
            throw new IllegalArgumentException("unknown workstream " + id);
        }
        if (state != WorkstreamState.RUNNING) {
            throw new IllegalStateException(id + " is " + state + ", not RUNNING");
        }
        if (spentUsd != null) {
            budget.spent(id, spentUsd);
        }
        budget.release(id);
        setState(id, WorkstreamState.of(outcome));
        if (reason != null && !reason.isBlank()) {
            reasons.put(id, reason);
        }
        if (outcome.letsDependentsStart()) {
            for (String dependent : graph.dependents(id)) {
                if (missing.merge(dependent, -1, Integer::sum) == 0 && states.get(dependent) == WorkstreamState.WAITING) {
                    ready.add(priorities.get(dependent));
                }
            }
        } else {
            skipDependentsOf(id, "failed");
            if (failFast) {
                stop(id + " failed and failFast is on");
            }
        }
    }

    /** Starts nothing more: every waiting workstream is skipped with the reason (e.g. a deadline passed). */
    public synchronized void stop(String reason) {
        if (stoppedBy == null) {
            stoppedBy = reason;
        }
        for (String waiting : new ArrayList<>(states.keySet())) {
            if (states.get(waiting) == WorkstreamState.WAITING) {
                setState(waiting, WorkstreamState.SKIPPED);
                reasons.put(waiting, "not started: " + reason);
            }
        }
    }

    /** Marks a waiting workstream finished without running it (e.g. done in an earlier run). */
    public synchronized void alreadyDone(String id, Outcome outcome, String reason) {
        if (states.get(id) != WorkstreamState.WAITING) {
            throw new IllegalStateException(id + " is " + states.get(id) + ", not WAITING");
        }
        setState(id, WorkstreamState.RUNNING);
        finished(id, outcome, reason);
    }

    /** The budget stopped {@code id} from starting: it and its dependents are skipped. */
    private void skip(String id, String reason) {
        setState(id, WorkstreamState.SKIPPED);
        reasons.put(id, reason);
        skippedByBudget.add(id);
        skipDependentsOf(id, "was not started: " + reason);
    }

    /** Skips what waits, directly or not, for {@code failed}; {@code what} says what happened to it ("failed"). */
    private void skipDependentsOf(String failed, String what) {
        for (String dependent : graph.transitiveDependents(failed)) {
            if (states.get(dependent) == WorkstreamState.WAITING) {
                setState(dependent, WorkstreamState.SKIPPED);
                List<String> blockers = new ArrayList<>();
                for (String dependency : graph.dependsOn(dependent)) {
                    WorkstreamState s = states.get(dependency);
                    if (s == WorkstreamState.FAILED || s == WorkstreamState.SKIPPED) {
                        blockers.add(dependency);
                    }
                }
                String direct = graph.dependsOn(dependent).contains(failed) ? failed : String.join(", ", blockers);
                reasons.put(dependent, graph.dependsOn(dependent).contains(failed)
                        ? "skipped: dependency " + failed + " " + what
                        : "skipped: dependency " + direct + " was skipped (" + failed + " " + what + ")");
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

    /** Workstreams the budget kept from starting (their dependents not included), in the order it did. */
    public synchronized List<String> skippedByBudget() {
        return List.copyOf(skippedByBudget);
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
        return finishedCount == states.size();
    }

    public synchronized int running() {
        return runningCount;
    }

    /** The one place states change, so the counts and the ready set stay in step. */
    private void setState(String id, WorkstreamState next) {
        WorkstreamState previous = states.put(id, next);
        if (previous == WorkstreamState.WAITING) {
            ready.remove(priorities.get(id));
        }
        runningCount += (next == WorkstreamState.RUNNING ? 1 : 0) - (previous == WorkstreamState.RUNNING ? 1 : 0);
        finishedCount += (next.isFinished() ? 1 : 0) - (previous.isFinished() ? 1 : 0);
    }
}
