package io.dispatchplan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Range checks for numeric options, made before anything runs, so a bad value is refused with the option's own
 * name and what it means instead of failing somewhere inside a run (or being read as "no limit").
 */
final class OptionRanges {
    static final int MAX_RETRIES = 10;
    static final int MAX_PORT = 65535;
    /** A week: longer than any worker should sit silent. */
    static final int MAX_IDLE_MINUTES = 10_080;
    /** An hour: a governor that waits longer than that between raises barely recovers within a run. */
    static final int MAX_QUIET_SECONDS = 3600;

    private final List<String> problems = new ArrayList<>();

    /** The first problem found, or null when every checked value is in range. */
    String firstProblem() {
        return problems.isEmpty() ? null : problems.get(0);
    }

    OptionRanges atLeastOne(String option, Integer value, String meaning) {
        if (value != null && value < 1) {
            problems.add(option + " must be at least 1, not " + value + " (" + meaning + ")");
        }
        return this;
    }

    OptionRanges minutes(String option, Integer value, String meaning) {
        if (value != null && value < 1) {
            problems.add(option + " must be at least 1 minute, not " + value + " (" + meaning + ")");
        }
        return this;
    }

    OptionRanges between(String option, Integer value, int min, int max, String meaning) {
        if (value != null && (value < min || value > max)) {
            problems.add(option + " must be from " + min + " to " + max + ", not " + value + " (" + meaning + ")");
        }
        return this;
    }

    OptionRanges dollars(String option, Double value, String meaning) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            String shown = value == Math.rint(value) && Double.isFinite(value)
                    ? String.valueOf(value.longValue()) : String.valueOf(value);
            problems.add(option + " must be a positive number of dollars, not " + shown + " (" + meaning + ")");
        }
        return this;
    }

    /** Workstream {@code i} gets ports {@code base + i * span} to {@code base + i * span + span - 1}. */
    OptionRanges portsFit(Integer basePort, int portSpan, int workstreams) {
        if (basePort == null || workstreams == 0 || !problems.isEmpty()) {
            return this;
        }
        long last = (long) basePort + (long) workstreams * portSpan - 1;
        if (last > MAX_PORT) {
            problems.add(String.format(Locale.ROOT, "--base-port %d with --port-span %d needs ports up to %d for the"
                    + " plan's %d workstreams, past %d. Lower --base-port to at most %d, or --port-span.", basePort,
                    portSpan, last, workstreams, MAX_PORT, MAX_PORT - (long) workstreams * portSpan + 1));
        }
        return this;
    }
}
