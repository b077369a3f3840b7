package io.dispatchplan.plan;

/**
 * How to read a plan.
 *
 * @param feature feature name override (slugged); null to take it from the plan or its file name
 * @param strictCycles true to fail on a dependency cycle instead of breaking it, and on anything that looks like
 *     a workstream but was not read instead of warning
 * @param granularity which level of a nested plan becomes a workstream
 */
public record PlanOptions(String feature, boolean strictCycles, Granularity granularity) {

    public PlanOptions {
        granularity = granularity == null ? Granularity.AUTO : granularity;
    }

    public static PlanOptions defaults() {
        return new PlanOptions(null, false, Granularity.AUTO);
    }

    public PlanOptions withFeature(String newFeature) {
        return new PlanOptions(newFeature, strictCycles, granularity);
    }

    public PlanOptions withStrictCycles(boolean strict) {
        return new PlanOptions(feature, strict, granularity);
    }

    public PlanOptions withGranularity(Granularity newGranularity) {
        return new PlanOptions(feature, strictCycles, newGranularity);
    }

    /** Which level of a nested plan (streams with sub-assignments) becomes a workstream. */
    public enum Granularity {
        /** The plan's top-level items; sub-assignments become their tasks and files. */
        AUTO,
        /** One workstream per sub-assignment (e.g. A1, A2), their {@code wait_for} as dependencies. */
        FINE
    }
}
