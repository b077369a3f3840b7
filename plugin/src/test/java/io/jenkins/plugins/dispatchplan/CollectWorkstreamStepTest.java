package io.jenkins.plugins.dispatchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        CollectedWorkstream kept = hostile.asTrustedBy("api");

        assertThat(kept.getStatus()).isEqualTo("FAILURE");
        assertThat(kept.getArtifactsDir()).isEqualTo(".dispatch-plan");
        assertThat(kept.getArtifacts()).isEqualTo("workstreams/api/*");
        assertThat(kept.getBundle()).isEqualTo("bundles/api.bundle");
        assertThat(kept.getReason()).hasSizeLessThan(CollectedWorkstream.REASON_KEPT + 100);
        assertThat(kept.resultsMarkdown()).as("no RESULTS.md text in the Pipeline's state").isNull();
        assertThat(kept.getCommits()).isZero();
        assertThatThrownBy(() -> new CollectedWorkstream("SUCCESS", null, ".dispatch-plan", null, null, null, false, null,
                null, null, "HEAD; touch x", 1, null).asTrustedBy("api")).hasMessageContaining("not a full commit id");
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
