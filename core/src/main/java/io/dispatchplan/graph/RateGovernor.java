package io.dispatchplan.graph;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How many workers a run starts at once while the API rate-limits it (additive increase, multiplicative decrease).
 * A workstream reporting a rate limit or an overload halves the limit, down to 1. Workstreams already running
 * when the limit was cut do not cut it again: their signals come from the load before the cut (one worker's three
 * retries are one signal, not three halvings). After a quiet period without any signal the limit goes up by one,
 * and by one more after each further quiet period, up to the ceiling ({@code maxParallel}). It only decides
 * starts: a running worker is never stopped.
 *
 * <p>Time is given, never read, so replaying the same signals at the same times rebuilds the same limit.
 */
public final class RateGovernor implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(60);

    /**
     * One change of the limit.
     *
     * @param at when it changed
     * @param from the limit before
     * @param to the limit after
     * @param why e.g. {@code ui reported rate_limit}, {@code no rate limit for 60 s}
     */
    public record Change(Instant at, int from, int to, String why) implements Serializable {
        /**
         * The line the run logs: {@code rate limit: starting at most 2 workers at once (was 4): ui reported rate_limit}.
         */
        public String describe() {
            return "rate limit: starting at most " + to + (to == 1 ? " worker" : " workers") + " at once (was " + from
                    + "): " + why;
        }
    }

    private final int ceiling;
    private final Duration quietPeriod;
    private int limit;
    /** Since when no signal came (or when the limit last went up); null while nothing was ever rate-limited. */
    private Instant quietSince;
    /** Workstreams started since the last cut: only their signals cut again. */
    private final Set<String> startedSinceCut = new HashSet<>();
    private final List<Change> changes = new ArrayList<>();

    /**
     * @param ceiling the highest limit (maxParallel), at least 1
     * @param quietPeriod how long without a signal before the limit goes up by one
     */
    public RateGovernor(int ceiling, Duration quietPeriod) {
        if (quietPeriod == null || quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("the rate-limit quiet period must be positive, not " + quietPeriod);
        }
        this.ceiling = Math.max(1, ceiling);
        this.quietPeriod = quietPeriod;
        this.limit = this.ceiling;
    }

    /** How many workers may run at once now (call {@link #advance} first to let quiet time count). */
    public int limit() {
        return limit;
    }

    public Duration quietPeriod() {
        return quietPeriod;
    }

    /** Every change so far, oldest first. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    void started(String id) {
        startedSinceCut.add(id);
    }

    /**
     * {@code id} reported a rate limit or an overload ({@code cause}) at {@code at}: the limit halves unless
     * {@code id} was already running at the last cut. Returns the changes this made (quiet time before it included).
     */
    List<Change> rateLimited(String id, String cause, Instant at) {
        int before = changes.size();
        advance(at);
        if (startedSinceCut.contains(id) && limit > 1) {
            change(at, Math.max(1, limit / 2), id + " reported " + cause);
            startedSinceCut.clear();
        }
        quietSince = later(quietSince, at);
        return List.copyOf(changes.subList(before, changes.size()));
    }

    /** Lets the quiet time up to {@code now} raise the limit; returns the changes this made. */
    List<Change> advance(Instant now) {
        int before = changes.size();
        while (quietSince != null && limit < ceiling && !now.isBefore(quietSince.plus(quietPeriod))) {
            quietSince = quietSince.plus(quietPeriod);
            change(quietSince, limit + 1, "no rate limit for " + human(quietPeriod));
        }
        return List.copyOf(changes.subList(before, changes.size()));
    }

    /** When the limit goes up next if nothing is rate-limited meanwhile; null when it is at the ceiling. */
    public Instant nextIncreaseAt() {
        return quietSince == null || limit >= ceiling ? null : quietSince.plus(quietPeriod);
    }

    private void change(Instant at, int to, String why) {
        changes.add(new Change(at, limit, to, why));
        limit = to;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 != 0) {
            return millis + " ms";
        }
        return millis % 60_000 == 0 && millis > 60_000 ? millis / 60_000 + " min" : millis / 1000 + " s";
    }
}
