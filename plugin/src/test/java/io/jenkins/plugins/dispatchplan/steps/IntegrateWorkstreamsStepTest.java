package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.run.DispatchPlanActionTest;

import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;
import io.jenkins.plugins.dispatchplan.run.IntegrationRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.integrate.VerifyRun;
import io.dispatchplan.plan.Plan;
import io.jenkins.plugins.dispatchplan.run.IntegrationRuns;
import java.time.Duration;
import io.jenkins.plugins.dispatchplan.BuildXml;
import io.jenkins.plugins.dispatchplan.agent.IntegrationSetup;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.run.IntegrationProgress;
import io.jenkins.plugins.dispatchplan.run.ScheduleStateTest;
import java.util.List;
import java.util.Map;
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
    void anIntegrationThatFailsIsRecordedAsRunAndFailedWithItsReasonMaskedAndCapped() {
        String key = "sk-ant-0123456789abcdef";
        Exception refused = new java.io.IOException("the integration branch shop/integration from an earlier run holds"
                + " 1 commit(s) that no workstream branch being merged has; key " + key + " " + "x".repeat(5_000));

        IntegrationRecord record = IntegrateWorkstreamsStep.failure("shop", refused,
                io.jenkins.plugins.dispatchplan.agent.RunSecrets.of("ANTHROPIC_API_KEY", key));

        assertThat(record.getStatus()).isEqualTo(IntegrationRecord.FAILED);
        assertThat(record.getBranch()).isEqualTo("shop/integration");
        assertThat(record.getReason()).startsWith("the integration branch shop/integration from an earlier run holds")
                .doesNotContain(key).contains("****").endsWith("(cut at 4000 characters)");
        assertThat(record.getMerged()).isEmpty();
        assertThat(IntegrateWorkstreamsStep.failure("shop", new IllegalStateException(), io.dispatchplan.secrets.Secrets.NONE).getReason())
                .isEqualTo("IllegalStateException");
    }

    @Test
    void theRunsAnAgentReportsAreKeptCheckedMaskedAndCappedAndNotHandedToThePipeline() {
        String key = "sk-ant-0123456789abcdef";
        IntegrationResult result = new IntegrationResult("shop/integration", null, List.of(), null, false, null, null,
                List.of(new VerifyRun(1, "not-a-commit", "every merge " + "x".repeat(5_000), List.of("a"), false, 2,
                        false, Duration.ofSeconds(4), null, "")),
                null, List.of(new ResolverRun(1, "a", "command", List.of("f.txt"), false, "rejected: it printed " + key,
                        "not-a-commit", null, null, Duration.ZERO, null)));
        IntegrationReport report = new IntegrationReport("shop/integration", null, "/w", List.of(), List.of(), false)
                .ran(IntegrationRuns.of(result));

        IntegrationRuns kept = IntegrateWorkstreamsStep.ranOnController(report,
                io.jenkins.plugins.dispatchplan.agent.RunSecrets.of("ANTHROPIC_API_KEY", key));

        assertThat(report.takeRuns()).as("not in what the Pipeline gets").isNull();
        assertThat(kept.verifyRuns().get(0).getCommit()).as("only a full commit id is kept").isNull();
        assertThat(kept.verifyRuns().get(0).getTested()).endsWith("(cut at 4000 characters)");
        assertThat(kept.resolverRuns().get(0).getReason()).isEqualTo("rejected: it printed ****");
        assertThat(kept.resolverRuns().get(0).getMergeCommit()).isNull();
        assertThat(IntegrateWorkstreamsStep.ranOnController(report, io.dispatchplan.secrets.Secrets.NONE))
                .as("an agent that reported none").isNull();
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

    private static IntegrationSetup setup() {
        return new IntegrationSetup("file:///repo", "shop", "0".repeat(40), List.of(), false);
    }

    @Test
    void theResolverGetsTheRunsKeyUnderItsVariableAndEachWorkstreamsNotes() throws Exception {
        DispatchPlanAction action = DispatchPlanActionTest.action();
        action.workstream("a").results("workstreams/a/RESULTS.md", "# Results\nThe base of it all.\n");
        ReadPlanStep read = new ReadPlanStep();
        read.setVerify("make test");
        read.setVerifyEach(true);
        read.setResolveConflicts(new ClaudeWorker());
        RunSettings settings = RunSettings.of(read, new RunDefaults());
        Plan plan = read.parse(ScheduleStateTest.DIAMOND, "plan.yaml");
        IntegrationSetup setup = setup();

        new IntegrateWorkstreamsStep().configure(setup, settings, plan, action, "sk-ant-the-run-key");

        assertThat(setup.verify).isEqualTo("make test");
        assertThat(setup.verifyEach).isTrue();
        assertThat(setup.resolver).isInstanceOf(ClaudeWorker.class);
        assertThat(setup.resolverMayEditOtherFiles).isFalse();
        assertThat(setup.resolverEnvironment).containsExactly(Map.entry("ANTHROPIC_API_KEY", "sk-ant-the-run-key"));
        assertThat(setup.notes).hasSize(4);
        String notesOfB = BuildXml.of(setup.notes.get(1));
        assertThat(notesOfB).contains("b", "The base of it all.");
        assertThat(BuildXml.of(setup.notes.get(0))).contains("The base of it all.");
    }

    @Test
    void theStepsOptionsWinOverTheRunsAndVerifyEachNeedsVerify() throws Exception {
        DispatchPlanAction action = DispatchPlanActionTest.action();
        ReadPlanStep read = new ReadPlanStep();
        read.setResolveConflicts(new ClaudeWorker());
        RunSettings settings = RunSettings.of(read, new RunDefaults());
        Plan plan = read.parse(ScheduleStateTest.DIAMOND, "plan.yaml");
        IntegrateWorkstreamsStep step = new IntegrateWorkstreamsStep();
        step.setResolveConflicts(new CommandWorker("./resolve.sh"));
        step.setResolverMayEditOtherFiles(true);
        IntegrationSetup setup = setup();

        step.configure(setup, settings, plan, action, null);

        assertThat(setup.resolver).isInstanceOf(CommandWorker.class);
        assertThat(setup.resolverMayEditOtherFiles).isTrue();
        assertThat(setup.resolverEnvironment).isEmpty();
        step.setVerifyEach(true);
        assertThatThrownBy(() -> step.configure(setup(), settings, plan, action, null))
                .hasMessageContaining("verifyEach: true needs the run's verify command");
        ReadPlanStep eachWithoutVerify = new ReadPlanStep();
        eachWithoutVerify.setPlan("plan.md");
        eachWithoutVerify.setVerifyEach(true);
        assertThatThrownBy(eachWithoutVerify::checkSource).hasMessageContaining("verifyEach: true needs the verify command");
    }

    @Test
    void nothingIsAwaitedBeforeTheIntegrationAsksAndCommitDatesAreWholeSeconds() throws Exception {
        IntegrationProgress progress = new IntegrationProgress(1_700_000_000_123L);
        assertThat(progress.awaitsVerify()).isFalse();
        assertThatThrownBy(() -> progress.verified(0, 5)).hasMessage("no verify run is awaited");
        assertThat(progress.resumable().commitDate().toEpochMilli()).as("whole seconds: git dates have no more")
                .isEqualTo(1_700_000_000_000L);
    }
}
