package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.run.DispatchPlanActionTest;

import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrateWorkstreamsStepTest {

    @Test
    void mergesSucceededAndUnstableWorkstreamsInDependencyOrderAndSaysWhyOthersAreLeftOut() throws Exception {
        DispatchPlanAction action = DispatchPlanActionTest.action();
        action.workstream("a").ended("SUCCEEDED", null, 1);
        action.workstream("a").branchTip("aaa", 2);
        action.workstream("b").ended("UNSTABLE", "no RESULTS.md: the worker did not write it", 1);
        action.workstream("c").ended("FAILED", "worker exited with 1", 1);
        action.workstream("d").ended("SKIPPED", "skipped: dependency c failed", 1);

        IntegrateWorkstreamsStep.Selection selection = IntegrateWorkstreamsStep.select(action, List.of("a", "c", "b", "d"));

        assertThat(selection.branches()).extracting(b -> b.id).containsExactly("a", "b");
        assertThat(selection.branches().get(0).head).isEqualTo("aaa");
        assertThat(selection.branches().get(0).commits).isEqualTo(2);
        assertThat(selection.branches().get(0).flagged).isFalse();
        assertThat(selection.branches().get(1).flagged).isTrue();
        assertThat(selection.branches().get(1).branch).isEqualTo("shop/b");
        assertThat(selection.leftOut()).containsExactly("c: failed (worker exited with 1)", "d: skipped (skipped: dependency c failed)");
    }

    @Test
    void conflictPolicyIsSkipOrStop() {
        IntegrateWorkstreamsStep step = new IntegrateWorkstreamsStep();
        assertThat(step.getOnConflict()).isEqualTo("skip");
        step.setOnConflict("STOP");
        assertThat(step.getOnConflict()).isEqualTo("stop");
        assertThatThrownBy(() -> step.setOnConflict("theirs"))
                .hasMessage("integrateWorkstreams: onConflict must be 'skip' or 'stop', not 'theirs'");
    }

    @Test
    void recordVerificationKeepsTheExitStatus() {
        assertThat(new RecordVerificationStep(2).getStatus()).isEqualTo(2);
    }
}
