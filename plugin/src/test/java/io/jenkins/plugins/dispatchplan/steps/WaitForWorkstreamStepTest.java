package io.jenkins.plugins.dispatchplan.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WaitForWorkstreamStepTest {

    @Test
    void takesAWorkstreamIdAndNothingThatCouldNameAPathOrBranchTrick() {
        assertThat(new WaitForWorkstreamStep(" api ").getId()).isEqualTo("api");
        assertThatThrownBy(() -> new WaitForWorkstreamStep(""))
                .hasMessage("waitForWorkstream: id is required: the workstream's id from the plan");
        for (String bad : new String[] {"../etc", "a/b", "-rf", "API"}) {
            assertThatThrownBy(() -> new WaitForWorkstreamStep(bad))
                    .hasMessage("waitForWorkstream: '" + bad + "' is not a workstream id (ids are slugs: a-z, 0-9, '.', '_', '-')");
        }
    }

    @Test
    void itsDecisionSaysStartOrWhySkipped() {
        assertThat(GateDecision.start().isStart()).isTrue();
        assertThat(GateDecision.start().getReason()).isNull();
        assertThat(GateDecision.skip("skipped: dependency a failed").isStart()).isFalse();
        assertThat(GateDecision.skip(null).getReason()).isEqualTo("skipped");
    }
}
