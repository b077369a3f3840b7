package io.jenkins.plugins.dispatchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.graph.Outcome;
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
}
