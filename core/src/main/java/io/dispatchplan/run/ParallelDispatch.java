package io.dispatchplan.run;

import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.graph.Scheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The scheduling loop on threads: starts every workstream the scheduler grants on its own thread, feeds
 * each result back, and repeats until nothing is left. failFast and a deadline stop it early: nothing more
 * starts and the running jobs are interrupted (which kills their processes); their results still come back.
 *
 * @param <R> what a job returns
 */
public final class ParallelDispatch<R> {
    private static final long TICK_MILLIS = 200;

    /** One workstream's work. It should turn its own failures into a result; an escaping exception becomes {@code onError}. */
    public interface Job<R> {
        R run(String id);
    }

    /** Hears what the loop does; called on the loop's thread. */
    public interface Listener<R> {
        default void started(String id) {}

        default void finished(String id, R result) {}

        default void stopping(String reason) {}

        /** The rate-limit governor changed how many start at once. */
        default void concurrencyChanged(RateGovernor.Change change) {}

        /** The run budget kept {@code id} from starting (its dependents are skipped too, said by their reasons). */
        default void notStarted(String id, String reason) {}
    }

    private final Scheduler scheduler;
    private final Function<R, Outcome> outcomeOf;
    private final Function<R, String> reasonOf;
    private final Function<R, Double> spentOf;

    public ParallelDispatch(Scheduler scheduler, Function<R, Outcome> outcomeOf, Function<R, String> reasonOf) {
        this(scheduler, outcomeOf, reasonOf, result -> null);
    }

    /** @param spentOf what a job's workstream spent in this run in all (for the run budget); null when unknown */
    public ParallelDispatch(Scheduler scheduler, Function<R, Outcome> outcomeOf, Function<R, String> reasonOf,
            Function<R, Double> spentOf) {
        this.scheduler = scheduler;
        this.outcomeOf = outcomeOf;
        this.reasonOf = reasonOf;
        this.spentOf = spentOf;
    }

    /**
     * Runs until the scheduler is done.
     *
     * @param onError the result for a job that threw (id, exception)
     * @param stopped the result of a job that was running when the run stopped (its result, the stop reason)
     * @return every job's result, in finishing order
     */
    public Map<String, R> run(Job<R> job, java.util.function.BiFunction<String, RuntimeException, R> onError,
            java.util.function.BiFunction<R, String, R> stopped, boolean failFast, Duration deadline, Listener<R> listener)
            throws InterruptedException {
        return run(job, onError, stopped, failFast, deadline, () -> null, listener);
    }

    /**
     * {@link #run(Job, java.util.function.BiFunction, java.util.function.BiFunction, boolean, Duration, Listener)},
     * also stopping when {@code stopRequest} gives a reason (e.g. Ctrl-C): nothing more starts, the running jobs
     * are interrupted and their results still come back.
     */
    public Map<String, R> run(Job<R> job, java.util.function.BiFunction<String, RuntimeException, R> onError,
            java.util.function.BiFunction<R, String, R> stopped, boolean failFast, Duration deadline,
            java.util.function.Supplier<String> stopRequest, Listener<R> listener) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "workstream");
            t.setDaemon(true);
            return t;
        });
        record Done<R>(String id, R result) {}
        LinkedBlockingQueue<Done<R>> done = new LinkedBlockingQueue<>();
        Map<String, Thread> running = new ConcurrentHashMap<>();
        Map<String, R> results = new LinkedHashMap<>();
        long deadlineNanos = deadline == null ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();
        String stopReason = null;
        News news = new News();
        try {
            while (!scheduler.isDone()) {
                List<String> granted = scheduler.grant();
                news.tell(listener);
                for (String id : granted) {
                    listener.started(id);
                    pool.execute(() -> {
                        running.put(id, Thread.currentThread());
                        R result;
                        try {
                            result = job.run(id);
                        } catch (RuntimeException e) {
                            result = onError.apply(id, e);
                        } finally {
                            running.remove(id);
                            Thread.interrupted(); // pool threads are reused: leave no stop request behind
                        }
                        done.add(new Done<>(id, result));
                    });
                }
                Done<R> finished = done.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (finished != null) {
                    R result = finished.result();
                    Outcome outcome = outcomeOf.apply(result);
                    if (stopReason != null && outcome == Outcome.FAILED) {
                        result = stopped.apply(result, stopReason);
                    }
                    results.put(finished.id(), result);
                    scheduler.finished(finished.id(), outcome, reasonOf.apply(result), spentOf.apply(result));
                    listener.finished(finished.id(), result);
                    if (outcome == Outcome.FAILED && failFast && stopReason == null) {
                        stopReason = finished.id() + " failed and failFast is on";
                        listener.stopping(stopReason);
                        running.values().forEach(Thread::interrupt);
                    }
                }
                String requested = stopRequest.get();
                if (stopReason == null && (requested != null || System.nanoTime() > deadlineNanos)) {
                    stopReason = requested != null ? requested
                            : "the run's deadline of " + deadline.toMinutes() + " min passed";
                    listener.stopping(stopReason);
                    scheduler.stop(stopReason);
                    running.values().forEach(Thread::interrupt);
                }
            }
            news.tell(listener);
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /** What the schedule decided on its own since last told: governor changes, workstreams the budget kept out. */
    private final class News {
        private int changesTold;
        private int skipsTold;

        void tell(Listener<R> listener) {
            List<RateGovernor.Change> changes = scheduler.concurrencyChanges();
            for (; changesTold < changes.size(); changesTold++) {
                listener.concurrencyChanged(changes.get(changesTold));
            }
            List<String> skipped = scheduler.skippedByBudget();
            for (; skipsTold < skipped.size(); skipsTold++) {
                listener.notStarted(skipped.get(skipsTold), scheduler.reason(skipped.get(skipsTold)));
            }
        }
    }
}
