package io.dispatchplan.graph;

/**
 * What a plan may cost before it runs: every workstream spending its worker's whole cap, and what a run cap does to
 * that (each start reserves the per-worker cap, so at least cap ÷ per-worker cap start).
 *
 * @param workstreams how many the plan has
 * @param perWorkerCapUsd each worker's cap ({@code maxBudgetUsd}); null when there is none
 * @param runCapUsd the run's cap ({@code maxTotalBudgetUsd}); null when there is none
 */
public record BudgetForecast(int workstreams, Double perWorkerCapUsd, Double runCapUsd) {

    /** The forecast as a line or two; null when neither cap is given (nothing to forecast). */
    public String describe() {
        if (perWorkerCapUsd == null && runCapUsd == null) {
            return null;
        }
        StringBuilder text = new StringBuilder("Budget forecast: ");
        if (perWorkerCapUsd != null) {
            text.append(workstreams).append(workstreams == 1 ? " workstream" : " workstreams").append(" x ")
                    .append(RunBudget.usd(perWorkerCapUsd)).append(" per worker = ")
                    .append(RunBudget.usd(workstreams * perWorkerCapUsd)).append(" at most");
        } else {
            text.append("no per-worker cap, so each workstream reserves an even share of the run cap, ")
                    .append(RunBudget.usd(runCapUsd / Math.max(1, workstreams)));
        }
        if (runCapUsd != null && perWorkerCapUsd != null) {
            long start = (long) Math.floor(runCapUsd / perWorkerCapUsd + 1e-9);
            text.append("\n  run cap ").append(RunBudget.usd(runCapUsd)).append(": ");
            if (start >= workstreams) {
                text.append("every workstream can start");
            } else {
                text.append("at least ").append(start).append(" of ").append(workstreams).append(" start; the others")
                        .append(" start only if earlier ones spend less than their cap, else they are skipped");
            }
        } else if (runCapUsd != null) {
            text.append(" of ").append(RunBudget.usd(runCapUsd));
        }
        return text.append('\n').toString();
    }
}
