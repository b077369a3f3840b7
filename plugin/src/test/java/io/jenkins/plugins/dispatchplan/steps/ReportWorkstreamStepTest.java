package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.BuildXml;

import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.graph.Outcome;
import io.dispatchplan.secrets.Secrets;
import org.junit.jupiter.api.Test;

class ReportWorkstreamStepTest {

    @Test
    void mapsBuildResultNamesToScheduleOutcomes() {
        assertThat(new ReportWorkstreamStep("a", "SUCCESS").outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(new ReportWorkstreamStep("a", "unstable").outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(new ReportWorkstreamStep("a", " Failure ").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(new ReportWorkstreamStep("a", "unstable").getStatus()).isEqualTo("UNSTABLE");
    }

    @Test
    void refusesAnUnknownStatus() {
        assertThatThrownBy(() -> new ReportWorkstreamStep("a", "ABORTED"))
                .hasMessage("reportWorkstream: status must be SUCCESS, UNSTABLE or FAILURE, not 'ABORTED'");
        assertThatThrownBy(() -> new ReportWorkstreamStep("a", null))
                .hasMessage("reportWorkstream: status must be SUCCESS, UNSTABLE or FAILURE, not 'null'");
    }

    @Test
    void aReasonIsOptionalAndTrimmed() {
        ReportWorkstreamStep step = new ReportWorkstreamStep("a", "FAILURE");
        assertThat(step.getReason()).isNull();
        step.setReason("  worker exited with 2 ");
        assertThat(step.getReason()).isEqualTo("worker exited with 2");
    }

    @Test
    void theRunsApiKeyIsMaskedInTheReasonItRecordsAndLogs() {
        String apiKey = "sk-ant-api03-0123456789abcdefghij";
        ReportWorkstreamStep step = new ReportWorkstreamStep("api", "FAILURE");
        step.setReason("worker exited with 1: invalid x-api-key " + apiKey);
        WorkstreamRecord row = new WorkstreamRecord(CollectWorkstreamStepTest.workstream("api"), "shop/api");

        String logged = step.record(row, RunSecrets.of("ANTHROPIC_API_KEY", apiKey), 42L);

        assertThat(logged).isEqualTo("api: failed (worker exited with 1: invalid x-api-key " + Secrets.MASK + ")");
        assertThat(row.getReason()).isEqualTo("worker exited with 1: invalid x-api-key " + Secrets.MASK);
        assertThat(row.getStatus()).isEqualTo("FAILED");
        assertThat(BuildXml.of(row)).doesNotContain(apiKey);
    }
}
