package io.jenkins.plugins.dispatchplan.config;

import io.jenkins.plugins.dispatchplan.steps.ReadPlanStepTest;

import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.PlanData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    @Test
    void theRunsOptionsWinOverTheGlobalDefaults() {
        RunDefaults defaults = new RunDefaults();
        defaults.label = "global";
        defaults.credentialsId = "global-key";
        defaults.timeoutMinutes = 60;
        ReadPlanStep step = new ReadPlanStep();
        step.setLabel("mine");
        step.setMaxParallel(2);

        RunSettings settings = RunSettings.of(step, defaults);

        assertThat(settings.getLabel()).isEqualTo("mine");
        assertThat(settings.getMaxParallel()).isEqualTo(2);
        assertThat(settings.getCredentialsId()).isEqualTo("global-key");
        assertThat(settings.getTimeoutMinutes()).isEqualTo(60);
        assertThat(settings.getWorker()).isInstanceOf(ClaudeWorker.class);
        assertThat(settings.isKeepWorktrees()).isFalse();
    }

    @Test
    void keepWorktreesLeftUnsetFollowsTheGlobalDefaultAndGivenWinsOverIt() {
        RunDefaults keeping = new RunDefaults();
        keeping.keepWorktrees = true;
        ReadPlanStep unset = new ReadPlanStep();
        ReadPlanStep removing = new ReadPlanStep();
        removing.setKeepWorktrees(false);

        assertThat(RunSettings.of(unset, keeping).isKeepWorktrees()).isTrue();
        assertThat(RunSettings.of(removing, keeping).isKeepWorktrees()).isFalse();
    }

    @Test
    void aWorkstreamsOwnLabelAndTimeoutWinOverTheRuns() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setLabel("ai");
        step.setTimeoutMinutes(90);
        Plan plan = step.parse(ReadPlanStepTest.PLAN, "plan.yaml");

        PlanData data = RunSettings.of(step, new RunDefaults()).apply(plan, ".dispatch-plan");

        assertThat(data.workstream("api").getLabel()).isEqualTo("big");
        assertThat(data.workstream("api").getTimeoutMinutes()).isEqualTo(30);
        assertThat(data.workstream("ui").getLabel()).isEqualTo("ai");
        assertThat(data.workstream("ui").getTimeoutMinutes()).isEqualTo(90);
        assertThat(data.workstream("ui").getDependsOn()).containsExactly("api");
        assertThat(data.workstream("ui").getBranch()).isEqualTo("shop/ui");
        assertThat(data.getIntegrationLabel()).isEqualTo("ai");
        assertThat(data.getApiKeyVariable()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(data.getPlanArtifacts()).isEqualTo("plan.json,plan.mmd,plan.dot");
        assertThat(data.getIds()).containsExactly("api", "ui");
        assertThatThrownBy(() -> data.workstream("web")).hasMessage("no workstream 'web' in plan shop; its ids are [api, ui]");
    }

    @Test
    void aCredentialForACommandWorkerThatNamesNoVariableIsAnError() {
        ReadPlanStep step = new ReadPlanStep();
        step.setWorker(new CommandWorker("./work.sh"));
        step.setCredentialsId("anthropic-api-key");
        assertThat(step.unboundCredentials(RunSettings.of(step, new RunDefaults()))).contains("binds nothing")
                .contains("apiKeyVariable: 'ANTHROPIC_API_KEY'");

        CommandWorker named = new CommandWorker("./work.sh");
        named.setApiKeyVariable("OPENAI_API_KEY");
        step.setWorker(named);
        assertThat(step.unboundCredentials(RunSettings.of(step, new RunDefaults()))).isNull();
        RunDefaults global = new RunDefaults();
        global.credentialsId = "global-key";
        ReadPlanStep withGlobalOnly = new ReadPlanStep();
        withGlobalOnly.setWorker(new CommandWorker("./work.sh"));
        assertThat(withGlobalOnly.unboundCredentials(RunSettings.of(withGlobalOnly, global))).isNull();
    }

    @Test
    void aCommandWorkerWithoutAKeyVariableBindsNoCredential() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setWorker(new CommandWorker("./work.sh"));
        PlanData data = RunSettings.of(step, new RunDefaults()).apply(step.parse(ReadPlanStepTest.PLAN, "p.yaml"), null);
        assertThat(data.getApiKeyVariable()).isNull();
        assertThat(data.getArtifactsDir()).isNull();
        assertThat(data.getPlanArtifacts()).isNull();
    }

    @Test
    void aWorkstreamCalledFailFastIsRefusedBecauseParallelReservesTheName() {
        Workstream w = new Workstream("failFast", null, null, null, null, null, null, null, null, null, null, 1, null, 3);
        Plan plan = new Plan("f", null, null, List.of(w), List.of(), "plan.md");
        assertThatThrownBy(() -> RunSettings.of(new ReadPlanStep(), new RunDefaults()).apply(plan, null))
                .hasMessage("a workstream cannot be called 'failFast': parallel reserves that name; rename it in the plan");
    }

    @Test
    void thePlanDataSurvivesThePipelinesSavedState() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        PlanData data = RunSettings.of(step, new RunDefaults()).apply(step.parse(ReadPlanStepTest.PLAN, "p.yaml"), ".dispatch-plan");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(data);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            PlanData back = (PlanData) in.readObject();
            assertThat(back.getIds()).containsExactly("api", "ui");
            assertThat(back.workstream("api").getTitle()).isEqualTo("REST API");
        }
    }

    @Test
    void theIdleLimitComesFromTheStepElseTheGlobalDefaultOfFifteenMinutes() {
        RunDefaults defaults = new RunDefaults();
        assertThat(RunSettings.of(new ReadPlanStep(), defaults).getIdleTimeoutMinutes()).isEqualTo(15);
        defaults.idleTimeoutMinutes = 30;
        assertThat(RunSettings.of(new ReadPlanStep(), defaults).getIdleTimeoutMinutes()).isEqualTo(30);
        ReadPlanStep step = new ReadPlanStep();
        step.setIdleTimeoutMinutes(0);
        assertThat(RunSettings.of(step, defaults).getIdleTimeoutMinutes()).as("0: no limit").isZero();
        assertThatThrownBy(() -> step.setIdleTimeoutMinutes(-1))
                .hasMessage("idleTimeoutMinutes must be 0 (no limit) or a number of minutes, not -1");
    }

    @Test
    void theRunBudgetAndTheQuietPeriodComeFromTheStepElseTheGlobalDefaults() {
        RunDefaults defaults = new RunDefaults();
        RunSettings none = RunSettings.of(new ReadPlanStep(), defaults);
        assertThat(none.getMaxTotalBudgetUsd()).as("no cap by default").isNull();
        assertThat(none.getRateLimitQuietSeconds()).isEqualTo(60);
        defaults.maxTotalBudgetUsd = 20;
        defaults.rateLimitQuietSeconds = 120;
        assertThat(RunSettings.of(new ReadPlanStep(), defaults).getMaxTotalBudgetUsd()).isEqualTo(20.0);
        ReadPlanStep step = new ReadPlanStep();
        step.setMaxTotalBudgetUsd(0.0);
        step.setRateLimitQuietSeconds(30);
        RunSettings own = RunSettings.of(step, defaults);
        assertThat(own.getMaxTotalBudgetUsd()).as("0: this run has no cap").isNull();
        assertThat(own.getRateLimitQuietSeconds()).isEqualTo(30);
        assertThatThrownBy(() -> step.setMaxTotalBudgetUsd(-1.0))
                .hasMessage("maxTotalBudgetUsd must be a positive number of dollars (0 for no cap), not -1.0");
        assertThatThrownBy(() -> step.setMaxTotalBudgetUsd(Double.NaN))
                .hasMessage("maxTotalBudgetUsd must be a positive number of dollars (0 for no cap), not NaN");
        assertThatThrownBy(() -> step.setRateLimitQuietSeconds(0)).hasMessage("rateLimitQuietSeconds must be between 1"
                + " and 3600 (seconds without a rate limit before one more worker starts at once), not 0");
    }

    @Test
    void aClaudeWorkersOwnCapIsWhatItsWorkstreamsReserve() {
        ClaudeWorker claude = new ClaudeWorker();
        assertThat(claude.budgetCapUsd()).as("0 is no cap: an even share of the run's is reserved").isNull();
        claude.setMaxBudgetUsd(0.05);
        assertThat(claude.budgetCapUsd()).isEqualTo(0.05);
    }
}
