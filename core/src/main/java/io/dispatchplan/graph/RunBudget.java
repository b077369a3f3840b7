package io.dispatchplan.graph;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-wide spending cap as the scheduler applies it. Starting a workstream reserves its worker's own cap
 * ({@code maxBudgetUsd}), or, when it has none, an even share of the run cap (the cap divided by the plan's
 * workstreams). A workstream whose reservation would push spent plus reserved past the cap does not start. What a
 * running workstream has spent so far eats into its reservation; when it ends, what is left of the reservation is
 * released and only its spending stays.
 *
 * <p>Spending is given as a workstream's total so far, never as an increment, so hearing the same total twice (a
 * replay, a retried attempt reported again) never counts it twice.
 */
public final class RunBudget implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Money is compared with this slack, so $0.05 + $0.07 fits a $0.12 cap whatever the doubles say. */
    private static final double SLACK = 1e-9;

    private final Double capUsd;
    private final Map<String, Double> reservations;
    private final Map<String, Double> spent = new LinkedHashMap<>();
    /** Workstreams running, holding their reservation. */
    private final Map<String, Double> held = new LinkedHashMap<>();

    private RunBudget(Double capUsd, Map<String, Double> reservations) {
        this.capUsd = capUsd;
        this.reservations = reservations;
    }

    /** No run cap: nothing is reserved and everything may start; spending is still added up for the report. */
    public static RunBudget none() {
        return new RunBudget(null, Map.of());
    }

    /**
     * @param capUsd the run cap; null for none
     * @param ids every workstream of the plan
     * @param workerCaps each workstream's per-worker cap; a workstream missing here (or mapped to null) reserves an
     *     even share of the run cap
     * @throws IllegalArgumentException for a cap that is not a positive amount
     */
    public static RunBudget of(Double capUsd, List<String> ids, Map<String, Double> workerCaps) {
        if (capUsd == null) {
            return none();
        }
        if (!(capUsd > 0) || capUsd.isInfinite()) {
            throw new IllegalArgumentException("the run budget must be a positive amount of USD, not " + capUsd);
        }
        double share = capUsd / Math.max(1, ids.size());
        Map<String, Double> reservations = new HashMap<>();
        for (String id : ids) {
            Double own = workerCaps.get(id);
            reservations.put(id, own != null && own > 0 ? own : share);
        }
        return new RunBudget(capUsd, reservations);
    }

    /** The run cap, or null when there is none. */
    public Double capUsd() {
        return capUsd;
    }

    /** What starting {@code id} reserves; 0 without a run cap. */
    public double reservationFor(String id) {
        return reservations.getOrDefault(id, 0.0);
    }

    /** Whether starting {@code id} keeps spent plus reserved within the cap. */
    boolean fits(String id) {
        return capUsd == null || spentUsd() + reservedUsd() + reservationFor(id) <= capUsd + SLACK;
    }

    /**
     * Whether starting {@code id} could ever fit: spending only grows, so one that does not fit even with every
     * running workstream's reservation released never will.
     */
    boolean couldFit(String id) {
        return capUsd == null || spentUsd() + reservationFor(id) <= capUsd + SLACK;
    }

    void reserve(String id) {
        held.put(id, reservationFor(id));
    }

    /** {@code id} ended: what is left of its reservation goes back. */
    void release(String id) {
        held.remove(id);
    }

    /** {@code id} has spent {@code totalUsd} in this run so far (not more than before: spending never goes back). */
    void spent(String id, double totalUsd) {
        if (totalUsd > spent.getOrDefault(id, 0.0)) {
            spent.put(id, totalUsd);
        }
    }

    /** What {@code id} spent in this run so far. */
    public double spentBy(String id) {
        return spent.getOrDefault(id, 0.0);
    }

    public double spentUsd() {
        return spent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** What the running workstreams may still spend: each one's reservation less its spending so far. */
    public double reservedUsd() {
        double reserved = 0;
        for (Map.Entry<String, Double> e : held.entrySet()) {
            reserved += Math.max(0, e.getValue() - spentBy(e.getKey()));
        }
        return reserved;
    }

    /** The reason a workstream the budget stopped is skipped with. */
    String reachedReason() {
        return "run budget reached (" + usd(spentUsd()) + " of " + usd(capUsd) + " spent)";
    }

    public BudgetSummary summary() {
        return new BudgetSummary(capUsd, spentUsd(), reservedUsd());
    }

    /** Dollars with cents; a positive amount under half a cent with four decimals, so it does not read as $0.00. */
    public static String usd(double amount) {
        BigDecimal value = BigDecimal.valueOf(amount);
        BigDecimal cents = value.setScale(2, RoundingMode.HALF_UP);
        if (cents.signum() == 0 && value.signum() > 0) {
            return "$" + value.setScale(4, RoundingMode.HALF_UP).toPlainString();
        }
        return "$" + cents.toPlainString();
    }
}
