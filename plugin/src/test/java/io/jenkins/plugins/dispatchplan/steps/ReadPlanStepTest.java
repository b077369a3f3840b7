package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.Plan;
import io.jenkins.plugins.dispatchplan.Describables;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.config.GlobalDefaultChoice;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ReadPlanStepTest {
    public static final String PLAN = """
            feature: shop
            baseBranch: main
            workstreams:
              - {id: api, title: REST API, label: big, timeoutMinutes: 30}
              - {id: ui, dependsOn: [api]}
            """;

    @Test
    void needsExactlyOneOfAFileOrText() {
        assertThatThrownBy(() -> new ReadPlanStep().checkSource()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readDispatchPlan needs the plan: plan: 'path/in/repo.md' or text: '...'");
        ReadPlanStep both = new ReadPlanStep();
        both.setPlan("a.md");
        both.setText("# plan");
        assertThatThrownBy(both::checkSource).hasMessage("readDispatchPlan takes plan: (a file) or text: (the plan itself), not both");
    }

    @Test
    void normalizeNeedsAPlanFileReadFromACheckout() {
        ReadPlanStep fromText = new ReadPlanStep();
        fromText.setText("# A plan in prose\n");
        fromText.setNormalize(true);
        assertThatThrownBy(fromText::checkSource).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalize: true writes the plan beside its document in the workspace")
                .hasMessageEndingWith("not text:");
        ReadPlanStep fromRepository = new ReadPlanStep();
        fromRepository.setPlan("docs/plan.md");
        fromRepository.setRepository("https://github.com/acme/shop.git");
        fromRepository.setNormalize(true);
        assertThatThrownBy(fromRepository::checkSource).hasMessageEndingWith("not repository: without baseCommit:");
        ReadPlanStep fromCheckout = new ReadPlanStep();
        fromCheckout.setPlan("docs/plan.md");
        fromCheckout.setRepository("https://github.com/acme/shop.git");
        fromCheckout.setBaseCommit("0123456789abcdef");
        fromCheckout.setNormalize(true);
        fromCheckout.checkSource();
        assertThat(fromCheckout.isNormalize()).isTrue();
    }

    @Test
    void aRepositoryUrlCarryingATokenIsRefusedAndNotRepeated() {
        for (String withToken : new String[] {"https://x-access-token:ghs_0123456789abcdef@github.com/acme/shop.git",
                "https://ghp_0123456789abcdefghij@github.com/acme/shop.git", "ssh://git:hunter2secret@git.example.com/shop.git"}) {
            ReadPlanStep step = new ReadPlanStep();
            step.setText(PLAN);
            step.setRepository(withToken);
            assertThatThrownBy(step::checkSource).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("carries credentials").hasMessageContaining("gitCredentialsId")
                    .hasMessageContaining("****@").hasMessageNotContaining("0123456789").hasMessageNotContaining("hunter2");
        }
        for (String fine : new String[] {"https://github.com/acme/shop.git", "ssh://git@github.com/acme/shop.git",
                "git@github.com:acme/shop.git", "/srv/git/shop.git", "file:///srv/git/shop.git"}) {
            ReadPlanStep step = new ReadPlanStep();
            step.setText(PLAN);
            step.setRepository(fine);
            step.checkSource();
        }
    }

    @Test
    void aBadPlanFailsWithTheReadersMessageNamingWhereAndWhat() {
        String cycle = """
                workstreams:
                  - {id: a, dependsOn: [b]}
                  - {id: b, dependsOn: [a]}
                """;
        ReadPlanStep step = new ReadPlanStep();
        step.setStrictCycles(true);
        assertThatThrownBy(() -> step.parse(cycle, "plan.yaml")).isExactlyInstanceOf(PlanException.class)
                .hasMessageStartingWith("plan.yaml").hasMessageContaining("a -> b -> a");
    }

    @Test
    void baseBranchOptionOverridesThePlans() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setBaseBranch(" develop ");
        Plan plan = step.parse(PLAN, "plan.yaml");
        assertThat(plan.baseBranch()).isEqualTo("develop");
        assertThat(new ReadPlanStep().parse(PLAN, "plan.yaml").baseBranch()).isEqualTo("main");
    }

    @Test
    void rejectsOptionsThatCannotWorkWithAMessageSayingWhy() {
        ReadPlanStep step = new ReadPlanStep();
        assertThatThrownBy(() -> step.setMaxParallel(0))
                .hasMessage("maxParallel must be between 1 and 256 (workers running at once), not 0");
        assertThatThrownBy(() -> step.setTimeoutMinutes(-5))
                .hasMessage("timeoutMinutes must be 0 (no timeout) or a number of minutes, not -5");
        assertThatThrownBy(() -> step.setGranularity("coarse"))
                .hasMessage("readDispatchPlan: granularity must be 'auto' or 'fine', not 'coarse'");
        assertThatThrownBy(() -> step.setBaseCommit("main; rm -rf /"))
                .hasMessage("readDispatchPlan: baseCommit must be a commit id (hex), not 'main; rm -rf /'");
    }

    @Test
    void optionalTextOptionsAreTrimmedAndBlankMeansNotGiven() {
        ReadPlanStep step = new ReadPlanStep();
        step.setLabel("  ");
        step.setCredentialsId(" key ");
        step.setGranularity(null);
        step.setMaxParallel(null);
        assertThat(step.getLabel()).isNull();
        assertThat(step.getCredentialsId()).isEqualTo("key");
        assertThat(step.getGranularity()).isEqualTo("auto");
        assertThat(step.getMaxParallel()).isNull();
    }

    @Test
    void fineGranularityReachesTheReader() {
        ReadPlanStep step = new ReadPlanStep();
        step.setGranularity("FINE");
        assertThat(step.getGranularity()).isEqualTo("fine");
        assertThat(step.planOptions().granularity().name()).isEqualTo("FINE");
    }

    @Test
    void worktreeSetupOptionsAreCheckedAndSplit() {
        ReadPlanStep step = new ReadPlanStep();
        assertThatThrownBy(() -> step.setBasePort(70000)).hasMessage("readDispatchPlan: basePort must be a port (1-65535), not 70000");
        assertThatThrownBy(() -> step.setPortSpan(0)).hasMessage("readDispatchPlan: portSpan must be at least 1, not 0");
        step.setInclude(".env, config/local.yml\n.npmrc");
        assertThat(step.includePatterns()).containsExactly(".env", "config/local.yml", ".npmrc");
        step.setBasePort(3000);
        step.setSetup("  npm ci  ");
        RunSettings settings = RunSettings.of(step, new RunDefaults());
        assertThat(settings.getBasePort()).isEqualTo(3000);
        assertThat(settings.getPortSpan()).isEqualTo(10);
        assertThat(settings.getSetup()).isEqualTo("npm ci");
        assertThat(settings.getInclude()).containsExactly(".env", "config/local.yml", ".npmrc");
    }

    /** The Snippet Generator's form as Stapler submits it, with every field left as it first appears. */
    private static Map<String, Object> untouchedForm() {
        Map<String, Object> form = new HashMap<>();
        form.put("plan", "specs/shop.md");
        form.put("text", "");
        form.put("label", "");
        form.put("maxParallel", "");
        form.put("failFast", false);
        form.put("credentialsId", "");
        form.put("feature", "");
        form.put("strictCycles", false);
        form.put("granularity", "auto");
        form.put("rerun", "");
        form.put("gitCredentialsId", "");
        form.put("push", false);
        form.put("timeoutMinutes", "");
        form.put("idleTimeoutMinutes", "");
        form.put("keepWorktrees", GlobalDefaultChoice.UNSET);
        form.put("basePort", "");
        form.put("portSpan", "10");
        form.put("setup", "");
        form.put("include", "");
        return form;
    }

    @Test
    void theSnippetGeneratorWritesOnlyWhatTheUserSet() {
        Map<String, Object> form = untouchedForm();
        GlobalDefaultChoice.dropUnset(form, "keepWorktrees");
        ReadPlanStep step = Describables.bindForm(ReadPlanStep.class, form);

        assertThat(Describables.uninstantiate(step)).containsExactly(Map.entry("plan", "specs/shop.md"));
        assertThat(step.getKeepWorktrees()).as("unset, so the global default applies").isNull();
        assertThat(RunSettings.of(step, new RunDefaults()).isKeepWorktrees()).isFalse();
    }

    @Test
    void keepWorktreesFromTheFormIsWrittenWhenChosen() {
        for (String choice : new String[] {"true", "false"}) {
            Map<String, Object> form = untouchedForm();
            form.put("keepWorktrees", choice);
            GlobalDefaultChoice.dropUnset(form, "keepWorktrees");
            ReadPlanStep step = Describables.bindForm(ReadPlanStep.class, form);

            assertThat(Describables.uninstantiate(step)).containsEntry("keepWorktrees", Boolean.valueOf(choice));
            assertThat(step.getKeepWorktrees()).isEqualTo(Boolean.valueOf(choice));
        }
    }

    @Test
    void theGlobalDefaultChoiceIsNeededBecauseStaplerMakesAnEmptyYesNoFalse() {
        ReadPlanStep bound = Describables.bindForm(ReadPlanStep.class, untouchedForm());

        assertThat(bound.getKeepWorktrees()).isFalse();
        assertThat(Describables.uninstantiate(bound)).containsEntry("keepWorktrees", false);
        assertThat(GlobalDefaultChoice.choices("keep them", "remove them", true)).extracting(GlobalDefaultChoice.Choice::value)
                .containsExactly(GlobalDefaultChoice.UNSET, "true", "false");
        assertThat(GlobalDefaultChoice.choices("keep them", "remove them", true).get(0).label())
                .isEqualTo("The global default (now: keep them)");
    }

    @Test
    void aClaudeWorkerLeftEmptyInTheFormHasNoLimitsAndWritesNone() {
        Map<String, Object> form = new HashMap<>();
        form.put("model", "sonnet");
        form.put("permissionMode", "acceptEdits");
        form.put("maxBudgetUsd", "");
        form.put("maxTurns", "");
        form.put("allowedTools", "");
        form.put("executable", "claude");
        form.put("bare", false);
        form.put("trustRepositorySettings", false);
        ClaudeWorker claude = Describables.bindForm(ClaudeWorker.class, form);

        assertThat(claude.getMaxBudgetUsd()).isNull();
        assertThat(claude.getMaxTurns()).isNull();
        assertThat(Describables.uninstantiate(claude)).containsExactly(Map.entry("model", "sonnet"));
        form.put("maxBudgetUsd", "5");
        assertThat(Describables.uninstantiate(Describables.bindForm(ClaudeWorker.class, form))).containsEntry("maxBudgetUsd", 5.0);
    }
}
