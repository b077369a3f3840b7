package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.BuildXml;

import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamCollection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.Workstream;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.worker.WorkerOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectWorkstreamStepTest {

    @Test
    void takesTheIdAndTheWorkersExitStatus() {
        CollectWorkstreamStep step = new CollectWorkstreamStep("api", 3);
        assertThat(step.getId()).isEqualTo("api");
        assertThat(step.getExitStatus()).isEqualTo(3);
        assertThatThrownBy(() -> new CollectWorkstreamStep(null, 0))
                .hasMessage("collectWorkstream: id is required: the workstream's id from the plan");
    }

    @Test
    void theControllerTrustsNoPathShaOrSizeAnAgentSends() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        CollectedWorkstream hostile = new CollectedWorkstream("SUCCESS; rm -rf", "x".repeat(100_000), "/etc", "../../**",
                1.0, "s", true, sha, "# RESULTS\n" + "y".repeat(50_000), "../../../secrets/*", sha, -4, null);

        CollectedWorkstream kept = hostile.asTrustedBy("api", Secrets.NONE);

        assertThat(kept.getStatus()).isEqualTo("FAILURE");
        assertThat(kept.getArtifactsDir()).isEqualTo(".dispatch-plan");
        assertThat(kept.getArtifacts()).isEqualTo("workstreams/api/*, bundles/api.bundle");
        assertThat(kept.getBundle()).isEqualTo("bundles/api.bundle");
        assertThat(kept.getReason()).hasSizeLessThan(CollectedWorkstream.REASON_KEPT + 100);
        assertThat(kept.resultsMarkdown()).as("no RESULTS.md text in the Pipeline's state").isNull();
        assertThat(kept.getCommits()).isZero();
        assertThatThrownBy(() -> new CollectedWorkstream("SUCCESS", null, ".dispatch-plan", null, null, null, false, null,
                null, null, "HEAD; touch x", 1, null).asTrustedBy("api", Secrets.NONE)).hasMessageContaining("not a full commit id");
    }

    @Test
    void theScheduleActsOnlyOnACostAndARateLimitItKnowsTheShapeOf() {
        CollectedWorkstream hostile = CollectedWorkstream.retry("x", 1, Double.NaN, null).withRateLimit("<script>");
        CollectedWorkstream negative = CollectedWorkstream.retry("x", 1, -5.0, null).withRateLimit("HTTP 429");

        assertThat(hostile.asTrustedBy("api", Secrets.NONE).getCostUsd()).isNull();
        assertThat(hostile.asTrustedBy("api", Secrets.NONE).getRateLimit()).isNull();
        assertThat(negative.asTrustedBy("api", Secrets.NONE).getCostUsd()).isNull();
        assertThat(negative.asTrustedBy("api", Secrets.NONE).getRateLimit()).isEqualTo("HTTP 429");
        assertThat(CollectedWorkstream.retry("x", 1, 0.25, null).withRateLimit("rate_limit")
                .asTrustedBy("api", Secrets.NONE)).extracting(CollectedWorkstream::getCostUsd,
                CollectedWorkstream::getRateLimit).containsExactly(0.25, "rate_limit");
    }

    static final String API_KEY = "sk-ant-api03-0123456789abcdefghij";

    @Test
    void theRunsApiKeyIsMaskedInEverythingCollectLogsReturnsAndRecords() {
        Secrets secrets = RunSecrets.of("ANTHROPIC_API_KEY", API_KEY);
        String sha = "0123456789abcdef0123456789abcdef01234567";
        CollectedWorkstream answer = new CollectedWorkstream("FAILURE", "worker exited with 1: invalid x-api-key " + API_KEY,
                ".dispatch-plan", null, 0.5, "session " + API_KEY, true, sha,
                "# Results\nI used the key " + API_KEY + " and {\"key\":\"" + API_KEY + "\"}", null, sha, 2,
                "removed; " + API_KEY);

        CollectedWorkstream kept = answer.asTrustedBy("api", secrets);
        WorkstreamRecord row = new WorkstreamRecord(workstream("api"), "shop/api");
        CollectWorkstreamStep.record(row, "api", kept, kept.getCostUsd(), answer.resultsMarkdown(), secrets);
        String logged = CollectWorkstreamStep.verdictLine("api", kept);

        assertThat(kept.getReason()).isEqualTo("worker exited with 1: invalid x-api-key " + Secrets.MASK);
        assertThat(kept.getSessionId()).doesNotContain(API_KEY);
        assertThat(kept.getCleanup()).doesNotContain(API_KEY);
        assertThat(logged).contains("invalid x-api-key ****").doesNotContain(API_KEY);
        assertThat(row.resultsMarkdown()).contains("I used the key ****").doesNotContain(API_KEY);
        assertThat(row.getSessionId()).doesNotContain(API_KEY);
        assertThat(BuildXml.of(row)).as("the run page's saved row").doesNotContain(API_KEY);
    }

    @Test
    void aRetryIsLoggedMaskedAndNoCredentialMasksNothing() {
        Secrets secrets = RunSecrets.of(null, API_KEY);
        CollectedWorkstream retry = CollectedWorkstream.retry("rate limited for key " + API_KEY, 30, null, null)
                .asTrustedBy("api", secrets);
        assertThat(CollectWorkstreamStep.retryLine("api", 1, retry))
                .isEqualTo("api: attempt 1 failed (rate limited for key ****); trying again in 30 s");
        assertThat(RunSecrets.of("KEY", null).isEmpty()).isTrue();
        assertThat(CollectedWorkstream.retry("rate limited", 0, null, null).asTrustedBy("api", RunSecrets.of("KEY", null))
                .getReason()).isEqualTo("rate limited");
    }

    static Workstream workstream(String id) {
        return new Workstream(id, null, null, null, null, null, null, null, null, null, null, 1, null, 3);
    }

    @Test
    void mapsTheEnginesVerdictToBuildResults() {
        assertThat(WorkstreamCollection.status(outcome(WorkerOutcome.Status.SUCCEEDED))).isEqualTo("SUCCESS");
        assertThat(WorkstreamCollection.status(outcome(WorkerOutcome.Status.NO_RESULTS))).isEqualTo("UNSTABLE");
        for (WorkerOutcome.Status failed : new WorkerOutcome.Status[] {WorkerOutcome.Status.FAILED,
                WorkerOutcome.Status.TIMED_OUT, WorkerOutcome.Status.ABORTED, WorkerOutcome.Status.NOT_STARTED}) {
            assertThat(WorkstreamCollection.status(outcome(failed))).isEqualTo("FAILURE");
        }
        assertThat(WorkstreamCollection.reason(outcome(WorkerOutcome.Status.SUCCEEDED))).isNull();
        assertThat(WorkstreamCollection.reason(outcome(WorkerOutcome.Status.FAILED))).isEqualTo("FAILED because");
    }

    static WorkerOutcome outcome(WorkerOutcome.Status status) {
        return new WorkerOutcome("command", status, 0, status + " because", false, 1, Duration.ZERO, null, null, null,
                status == WorkerOutcome.Status.SUCCEEDED, null, null);
    }
}
