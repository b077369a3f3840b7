package io.jenkins.plugins.dispatchplan.config;

import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan is untrusted: it chooses branches, agents and timeouts only within what the Jenkinsfile allows. */
class PlanPolicyTest {
    static final String PLAN = """
            feature: shop
            baseBranch: main
            workstreams:
              - {id: api, branch: feature/api, label: gpu, timeoutMinutes: 120}
              - {id: ui}
            """;

    private static List<String> problems(ReadPlanStep step, String planText) throws Exception {
        Plan plan = step.parse(planText, "plan.yaml");
        return PlanPolicy.problems(plan, RunSettings.of(step, new RunDefaults()), step.getFeature() != null);
    }

    @Test
    void aPlanCannotChooseBranchesAgentsOrTimeoutsTheJenkinsfileDoesNotAllow() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setLabel("ai");
        step.setTimeoutMinutes(60);

        List<String> problems = problems(step, PLAN);

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("'feature/api', outside 'shop/'")
                .contains("allowedBranchPrefixes: ['feature/']");
        assertThat(problems.get(1)).contains("agent label 'gpu'").contains("allowedLabels: ['gpu']");
        assertThat(problems.get(2)).contains("120 minutes").contains("timeoutMinutes: 60");
    }

    @Test
    void whatTheJenkinsfileAllowsIsAccepted() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setLabel("ai");
        step.setTimeoutMinutes(180);
        step.setAllowedBranchPrefixes(List.of("feature/"));
        step.setAllowedLabels(List.of("gpu"));

        assertThat(problems(step, PLAN)).isEmpty();
    }

    @Test
    void theBaseAndIntegrationBranchesAreNeverAWorkstreamsEvenWithAnAllowedPrefix() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setAllowedBranchPrefixes(List.of("ma", "shop/"));
        step.setBaseBranch("main");

        List<String> problems = problems(step, """
                feature: shop
                workstreams:
                  - {id: api, branch: main}
                """);

        assertThat(problems).singleElement().asString().contains("'main', which is the base branch");
    }

    @Test
    void pushingNeedsTheFeatureFromTheJenkinsfile() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setPush(true);
        assertThat(problems(step, "feature: release\nworkstreams: [{id: api}]\n")).singleElement().asString()
                .contains("push: true needs feature: in the Jenkinsfile").contains("'release'");

        step.setFeature("nightly");
        assertThat(problems(step, "feature: release\nworkstreams: [{id: api}]\n")).isEmpty();
    }
}
