package io.dispatchplan.report;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.PredictedConflict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run of a plan produced, for {@code report.json} and INTEGRATION.md; read back to resume a run.
 *
 * @param feature the plan's feature slug
 * @param planTitle the plan's title
 * @param baseSha the base commit every workstream started from
 * @param startedAt when the run started
 * @param finishedAt when it finished; null while it runs
 * @param workstreams one entry per workstream, in plan order
 * @param integration the integration's outcome; null when it could not run
 * @param integrationMessage why the integration could not run (or anything else to say about it); null if nothing
 * @param predictedConflicts conflicts between finished workstream branches found before the integration, in the
 *     order they were found
 * @param schedule the run's budget and rate-limit changes; null when not known
 */
public record RunReport(String feature, String planTitle, String baseSha, Instant startedAt, Instant finishedAt,
        List<WorkstreamReport> workstreams, IntegrationResult integration, String integrationMessage,
        List<PredictedConflict> predictedConflicts, ScheduleSummary schedule) {

    public RunReport {
        Objects.requireNonNull(feature, "feature");
        workstreams = List.copyOf(workstreams);
        predictedConflicts = predictedConflicts == null ? List.of() : List.copyOf(predictedConflicts);
    }

    /** Without what the schedule says about money and rate limits. */
    public RunReport(String feature, String planTitle, String baseSha, Instant startedAt, Instant finishedAt,
            List<WorkstreamReport> workstreams, IntegrationResult integration, String integrationMessage,
            List<PredictedConflict> predictedConflicts) {
        this(feature, planTitle, baseSha, startedAt, finishedAt, workstreams, integration, integrationMessage,
                predictedConflicts, null);
    }

    /** This report with the run's budget and rate-limit changes. */
    public RunReport withSchedule(ScheduleSummary value) {
        return new RunReport(feature, planTitle, baseSha, startedAt, finishedAt, workstreams, integration,
                integrationMessage, predictedConflicts, value);
    }

    /** Without conflicts predicted before the integration. */
    public RunReport(String feature, String planTitle, String baseSha, Instant startedAt, Instant finishedAt,
            List<WorkstreamReport> workstreams, IntegrationResult integration, String integrationMessage) {
        this(feature, planTitle, baseSha, startedAt, finishedAt, workstreams, integration, integrationMessage,
                List.of());
    }

    /** The shape of the agreed contract, without a message about the integration. */
    public RunReport(String feature, String planTitle, String baseSha, Instant startedAt, Instant finishedAt,
            List<WorkstreamReport> workstreams, IntegrationResult integration) {
        this(feature, planTitle, baseSha, startedAt, finishedAt, workstreams, integration, null);
    }

    /** What the integration did with a workstream's branch; empty when it was not asked to merge it. */
    public Optional<MergeRecord> mergeOf(String workstreamId) {
        return integration == null ? Optional.empty()
                : integration.merges().stream().filter(m -> m.workstreamId().equals(workstreamId)).findFirst();
    }

    public Optional<WorkstreamReport> workstream(String id) {
        return workstreams.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** Wall-clock time of the run; null while it runs. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /**
     * The one verdict on a run that the console, report.json and INTEGRATION.md all show: every workstream
     * succeeded, every branch merged and verify (if any) passed.
     */
    public boolean clean() {
        return integration != null && integration.clean()
                && workstreams.stream().allMatch(w -> WorkstreamReport.SUCCEEDED.equals(w.status()));
    }
}
