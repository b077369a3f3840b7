package io.jenkins.plugins.dispatchplan;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GroovyObject;
import groovy.lang.GroovySystem;
import io.dispatchplan.plan.Plan;
import io.jenkins.plugins.dispatchplan.RecordingPipelineSteps.Call;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jenkinsci.plugins.pipeline.modeldefinition.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the shipped {@code DispatchPlan.groovy} with Groovy 2.4 (the version in Jenkins 2.528.3) against
 * {@link RecordingPipelineSteps} and checks what it expands to: the stage tree, branch names, the
 * dependency waits and the order of calls.
 */
class DispatchPlanGroovyTest {

    @BeforeEach
    void forgetMarkedStages() {
        Utils.MARKED_SKIPPED.clear();
    }

    @Test
    void runsOnTheGroovyVersionJenkinsShips() {
        assertThat(GroovySystem.getVersion()).isEqualTo("2.4.21");
    }

    @Test
    void expandsToPlanThenOneParallelBranchAndStagePerWorkstreamThenIntegration() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of());

        List<Call> topStages = steps.calls().stream().filter(c -> c.step().equals("stage") && c.stages().isEmpty()).toList();
        assertThat(topStages).extracting(Call::detail).containsExactly("Plan", "Workstreams", "Integration");
        assertThat(only(steps, c -> c.step().equals("parallel")).path()).isEqualTo("Workstreams");
        assertThat(only(steps, c -> c.step().equals("parallel")).detail()).isEqualTo("a,b,c,d,e");
        for (String id : List.of("a", "b", "c", "d", "e")) {
            // Branch name == stage name, and the whole branch (the wait included) is inside that stage.
            Call stage = only(steps, c -> c.step().equals("stage") && c.detail().equals(id));
            assertThat(stage.path()).isEqualTo("Workstreams");
            Call gate = only(steps, c -> c.step().equals("waitForWorkstream") && c.detail().equals(id));
            assertThat(gate.path()).isEqualTo("Workstreams/" + id);
            Call prepare = only(steps, c -> c.step().equals("prepareWorkstream") && c.detail().equals(id));
            assertThat(prepare.path()).isEqualTo("Workstreams/" + id);
            Call node = lastBefore(steps, prepare, c -> c.step().equals("node"));
            assertThat(node.path()).as("node inside the stage, after the gate").isEqualTo("Workstreams/" + id);
            assertThat(node.seq()).isGreaterThan(gate.seq());
            Call report = only(steps, c -> c.step().equals("reportWorkstream") && c.detail().startsWith(id + " "));
            assertThat(report.detail()).isEqualTo(id + " SUCCESS");
            assertThat(report.path()).isEqualTo("Workstreams/" + id);
        }
        Call read = only(steps, c -> c.step().equals("readDispatchPlan"));
        assertThat(read.path()).isEqualTo("Plan");
        assertThat(read.args()).containsEntry("plan", "specs/shop.md").containsEntry("maxParallel", 4)
                .containsEntry("repository", "https://git.example.invalid/shop.git")
                .containsEntry("baseCommit", "0123456789abcdef0123456789abcdef01234567")
                .containsEntry("gitCredentialsId", "git-bot");
        assertThat(only(steps, c -> c.step().equals("checkout")).seq()).isLessThan(read.seq());
        assertThat(only(steps, c -> c.step().equals("integrateWorkstreams")).path()).isEqualTo("Integration");
        assertThat(steps.calls()).noneMatch(c -> c.step().equals("echo") && c.detail().contains("skipped"));
    }

    @Test
    void aWorkstreamStartsOnlyAfterEveryDependencyReported() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of());

        assertThat(passed(steps, "b").seq()).isGreaterThan(reported(steps, "a").seq());
        assertThat(passed(steps, "c").seq()).isGreaterThan(reported(steps, "a").seq());
        assertThat(passed(steps, "d").seq()).isGreaterThan(reported(steps, "b").seq())
                .isGreaterThan(reported(steps, "c").seq());
        assertThat(steps.schedule().states().values()).allMatch(s -> s.name().equals("SUCCEEDED"));
    }

    @Test
    void maxParallelCapsHowManyWorkersRunAtOnce() throws Exception {
        Map<String, Object> options = options();
        options.put("maxParallel", 1);
        RecordingPipelineSteps steps = run("independent.yaml", options, Map.of());

        assertThat(steps.mostRunningAtOnce()).isEqualTo(1);
        assertThat(steps.calls().stream().filter(c -> c.step().equals("reportWorkstream"))).hasSize(3);
    }

    @Test
    void aFailedWorkstreamSkipsItsDependentsOthersGoOnAndIntegrationStillRuns() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of("a", 3));

        assertThat(reported(steps, "a").detail()).isEqualTo("a FAILURE");
        assertThat(reported(steps, "a").args()).containsEntry("reason", "worker exited with 3");
        Call caught = only(steps, c -> c.step().equals("caught"));
        assertThat(caught.path()).as("the failure is caught inside the workstream's own stage").isEqualTo("Workstreams/a");
        assertThat(only(steps, c -> c.step().equals("catchError") && c.path().equals("Workstreams/a")).detail())
                .isEqualTo("UNSTABLE/FAILURE");
        for (String id : List.of("b", "c", "d")) {
            assertThat(passed(steps, id).detail()).startsWith(id + " skipped:");
            assertThat(steps.calls()).noneMatch(c -> c.step().equals("prepareWorkstream") && c.detail().equals(id));
            assertThat(steps.calls()).noneMatch(c -> c.step().equals("reportWorkstream") && c.detail().startsWith(id + " "));
        }
        assertThat(passed(steps, "b").detail()).isEqualTo("b skipped: dependency a failed");
        assertThat(Utils.MARKED_SKIPPED).containsExactlyInAnyOrder("b", "c", "d");
        // The reason is a step of the skipped stage (Pipeline Graph View, the console), and, since Blue Ocean shows no
        // step of a stage marked skipped, also the name of a stage inside it, with the same line as its step.
        assertThat(only(steps, c -> c.step().equals("echo") && c.path().equals("Workstreams/b")).detail())
                .isEqualTo("b skipped: dependency a failed");
        Call reasonStage = only(steps, c -> c.step().equals("stage") && c.path().equals("Workstreams/b"));
        assertThat(reasonStage.detail()).isEqualTo("skipped: dependency a failed");
        assertThat(only(steps, c -> c.step().equals("echo") && c.path().equals("Workstreams/b/skipped: dependency a failed"))
                .detail()).isEqualTo("b skipped: dependency a failed");
        assertThat(reasonStage.seq()).as("after the stage was marked skipped").isGreaterThan(passed(steps, "b").seq());
        assertThat(reported(steps, "e").detail()).isEqualTo("e SUCCESS");
        assertThat(only(steps, c -> c.step().equals("integrateWorkstreams")).path()).isEqualTo("Integration");
    }

    @Test
    void theWorkerRunsAsShInItsWorktreeWithItsEnvironmentTheApiKeyBoundAndItsTimeout() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of());

        Call sh = only(steps, c -> c.step().equals("sh") && c.path().equals("Workstreams/c"));
        assertThat(sh.detail()).isEqualTo("'claude' '-p' 'Read TASKS.md'");
        assertThat(sh.args()).containsEntry("returnStatus", true);
        List<Call> around = steps.calls().stream()
                .filter(c -> c.path().equals("Workstreams/c") && c.seq() < sh.seq()).toList();
        assertThat(around).extracting(Call::step).containsSubsequence("node", "prepareWorkstream", "withEnv", "dir",
                "withCredentials", "timeout");
        assertThat(lastBefore(steps, sh, c -> c.step().equals("withCredentials")).detail())
                .contains("credentialsId=anthropic-api-key").contains("variable=ANTHROPIC_API_KEY");
        assertThat(lastBefore(steps, sh, c -> c.step().equals("dir")).detail()).isEqualTo("shop/c");
        assertThat(lastBefore(steps, sh, c -> c.step().equals("withEnv")).detail()).contains("WORKSTREAM_ID=c");
        assertThat(lastBefore(steps, sh, c -> c.step().equals("timeout")).detail()).as("c's own timeout").isEqualTo("30 MINUTES");
        Call shA = only(steps, c -> c.step().equals("sh") && c.path().equals("Workstreams/a"));
        assertThat(lastBefore(steps, shA, c -> c.step().equals("timeout")).detail()).isEqualTo("120 MINUTES");
        assertThat(only(steps, c -> c.step().equals("collectWorkstream") && c.detail().startsWith("c ")).seq())
                .isGreaterThan(sh.seq());
    }

    @Test
    void eachWorkstreamRunsOnItsOwnLabelOrThePlanLabel() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of());

        assertThat(lastBefore(steps, prepared(steps, "b"), c -> c.step().equals("node")).detail()).isEqualTo("big-agents");
        assertThat(lastBefore(steps, prepared(steps, "a"), c -> c.step().equals("node")).detail()).isEqualTo("ai-workers");
        assertThat(only(steps, c -> c.step().equals("node") && c.path().equals("Plan")).detail()).isEqualTo("ai-workers");
        assertThat(only(steps, c -> c.step().equals("node") && c.path().equals("Integration")).detail()).isEqualTo("ai-workers");
    }

    @Test
    void withoutCredentialsTheWorkerRunsWithNoBinding() throws Exception {
        Map<String, Object> options = options();
        options.remove("credentialsId");
        RecordingPipelineSteps steps = run("diamond.yaml", options, Map.of());

        assertThat(steps.calls()).noneMatch(c -> c.step().equals("withCredentials"));
        assertThat(steps.calls().stream().filter(c -> c.step().equals("sh"))).hasSize(5);
    }

    @Test
    void aWorkstreamNamedFailFastGetsABranchNameParallelDoesNotReserve() throws Exception {
        RecordingPipelineSteps steps = run("independent.yaml", options(), Map.of());

        Call parallel = only(steps, c -> c.step().equals("parallel"));
        assertThat(parallel.detail()).isEqualTo("lint,failfast-2,deps");
        assertThat(reported(steps, "failfast-2").detail()).isEqualTo("failfast-2 SUCCESS");
    }

    @Test
    void failFastStopsNewStartsAfterTheFirstFailure() throws Exception {
        Map<String, Object> options = options();
        options.put("maxParallel", 1);
        options.put("failFast", true);
        RecordingPipelineSteps steps = run("independent.yaml", options, Map.of("lint", 1));

        assertThat(reported(steps, "lint").detail()).isEqualTo("lint FAILURE");
        for (String id : List.of("failfast-2", "deps")) {
            assertThat(passed(steps, id).detail()).isEqualTo(id + " not started: lint failed and failFast is on");
        }
        assertThat(Utils.MARKED_SKIPPED).containsExactlyInAnyOrder("failfast-2", "deps");
    }

    @Test
    void eachVerifyRunTheIntegrationAsksForIsAShInItsWorktreeRecordedBeforeTheIntegrationGoesOn() throws Exception {
        Map<String, Object> options = options();
        options.put("verify", "mvn -B verify");
        RecordingPipelineSteps steps = steps("diamond.yaml", options)
                .verifyRunsAsked("verify 1: every merge", "verify 2: the merges up to b", "verify 3: the merges up to c")
                .verifyExitsInTurn(1, 0, 0);
        load(steps).invokeMethod("call", new Object[] {options});

        List<Call> integration = steps.calls().stream().filter(c -> c.path().equals("Integration")
                && List.of("integrateWorkstreams", "sh", "recordVerification").contains(c.step())).toList();
        assertThat(integration).extracting(c -> c.step() + " " + c.detail()).containsExactly(
                "integrateWorkstreams null",
                "sh script of verify 1: every merge", "recordVerification 1", "integrateWorkstreams null",
                "sh script of verify 2: the merges up to b", "recordVerification 0", "integrateWorkstreams null",
                "sh script of verify 3: the merges up to c", "recordVerification 0", "integrateWorkstreams null");
        List<Call> shells = integration.stream().filter(c -> c.step().equals("sh")).toList();
        for (Call sh : shells) {
            assertThat(sh.args()).containsEntry("returnStatus", true);
            assertThat(sh.args().get("label")).isEqualTo(sh.detail().substring("script of ".length()));
            assertThat(lastBefore(steps, sh, c -> c.step().equals("dir")).detail()).isEqualTo("shop/integration");
        }
        assertThat(steps.calls()).noneMatch(c -> c.step().equals("unstable"));
        assertThat(only(steps, c -> c.step().equals("archiveArtifacts") && c.path().equals("Integration")).seq())
                .isGreaterThan(integration.get(integration.size() - 1).seq());
    }

    @Test
    void withoutAVerifyCommandTheIntegrationIsOneCall() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of());

        assertThat(only(steps, c -> c.step().equals("integrateWorkstreams")).path()).isEqualTo("Integration");
        assertThat(steps.calls()).noneMatch(c -> c.path().equals("Integration") && c.step().equals("sh"));
        assertThat(steps.calls()).noneMatch(c -> c.step().equals("recordVerification"));
    }

    @Test
    void verifyEachAndTheResolverReachReadDispatchPlanAsTheyWereGiven() throws Exception {
        Map<String, Object> options = options();
        options.put("verify", "make test");
        options.put("verifyEach", true);
        io.jenkins.plugins.dispatchplan.config.ClaudeWorker resolver = new io.jenkins.plugins.dispatchplan.config.ClaudeWorker();
        resolver.setMaxBudgetUsd(2.0);
        options.put("resolveConflicts", resolver);
        options.put("resolverMayEditOtherFiles", true);
        RecordingPipelineSteps steps = run("diamond.yaml", options, Map.of());

        Call read = only(steps, c -> c.step().equals("readDispatchPlan"));
        assertThat(read.args()).containsEntry("verifyEach", true).containsEntry("resolveConflicts", resolver)
                .containsEntry("resolverMayEditOtherFiles", true);
        RunSettings settings = settings(options);
        assertThat(settings.isVerifyEach()).isTrue();
        assertThat(settings.getResolveConflicts()).isSameAs(resolver);
        assertThat(settings.isResolverMayEditOtherFiles()).isTrue();
    }

    @Test
    void aRetryableFailureRunsTheWorkerAgainAfterTheDelayInTheSameNode() throws Exception {
        RecordingPipelineSteps steps = steps("diamond.yaml", options()).workerExitsInTurn("e", 75, 0);
        load(steps).invokeMethod("call", new Object[] {options()});

        List<Call> inE = steps.calls().stream().filter(c -> c.path().equals("Workstreams/e")).toList();
        assertThat(inE).extracting(Call::step).containsSubsequence("node", "prepareWorkstream", "sh", "collectWorkstream",
                "sleep", "prepareWorkstream", "sh", "collectWorkstream", "reportWorkstream");
        assertThat(inE.stream().filter(c -> c.step().equals("node"))).hasSize(1);
        assertThat(inE.stream().filter(c -> c.step().equals("collectWorkstream")).map(c -> c.args().get("attempt")))
                .containsExactly(1, 2);
        assertThat(only(steps, c -> c.step().equals("sleep")).detail()).isEqualTo("30 SECONDS");
        assertThat(reported(steps, "e").detail()).isEqualTo("e SUCCESS");
    }

    @Test
    void aWorkstreamAnEarlierBuildFinishedRunsNoWorkerButIsCollectedArchivedAndStashed() throws Exception {
        RecordingPipelineSteps steps = steps("diamond.yaml", options()).doneInAnEarlierBuild("a");
        load(steps).invokeMethod("call", new Object[] {options()});

        List<Call> inA = steps.calls().stream().filter(c -> c.path().equals("Workstreams/a")).toList();
        assertThat(inA).extracting(Call::step).containsSubsequence("node", "prepareWorkstream", "collectWorkstream",
                "archiveArtifacts", "stash", "reportWorkstream");
        assertThat(inA).noneMatch(c -> c.step().equals("sh"));
        assertThat(only(steps, c -> c.step().equals("collectWorkstream") && c.detail().startsWith("a ")).detail())
                .isEqualTo("a exit 0");
        assertThat(steps.calls()).anyMatch(c -> c.step().equals("sh") && c.path().equals("Workstreams/b"));
    }

    @Test
    void retriesStopAtTheThirdAttempt() throws Exception {
        RecordingPipelineSteps steps = steps("diamond.yaml", options()).workerExitsInTurn("e", 75, 75, 75, 0);
        load(steps).invokeMethod("call", new Object[] {options()});

        assertThat(steps.calls().stream().filter(c -> c.step().equals("sh") && c.path().equals("Workstreams/e"))).hasSize(3);
        assertThat(reported(steps, "e").detail()).isEqualTo("e FAILURE");
    }

    @Test
    void eachBranchTravelsToTheIntegrationNodeAsAStashedBundle() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of("c", 1));

        for (String id : List.of("a", "b", "e")) {
            Call stash = only(steps, c -> c.step().equals("stash") && c.detail().startsWith("dispatch-plan-branch-" + id + " "));
            assertThat(stash.detail()).isEqualTo("dispatch-plan-branch-" + id + " bundles/" + id + ".bundle");
            assertThat(stash.path()).isEqualTo("Workstreams/" + id);
            Call unstash = only(steps, c -> c.step().equals("unstash") && c.detail().equals("dispatch-plan-branch-" + id)
                    && c.path().equals("Integration"));
            assertThat(unstash.seq()).isLessThan(only(steps, c -> c.step().equals("integrateWorkstreams")).seq());
        }
        assertThat(steps.calls()).as("failed c has no bundle; d was skipped")
                .noneMatch(c -> c.step().endsWith("stash") && (c.detail().contains("-c") || c.detail().contains("-d")));
    }

    @Test
    void aDependentUnstashesItsDependenciesBundlesOnItsOwnNodeBeforePrepare() throws Exception {
        RecordingPipelineSteps steps = run("diamond.yaml", options(), Map.of());

        for (String[] edge : new String[][] {{"b", "a"}, {"c", "a"}, {"d", "b"}, {"d", "c"}}) {
            String dependent = edge[0];
            String dependency = edge[1];
            Call prepare = prepared(steps, dependent);
            Call unstash = only(steps, c -> c.step().equals("unstash") && c.detail().equals("dispatch-plan-branch-" + dependency)
                    && c.path().equals("Workstreams/" + dependent));
            Call node = lastBefore(steps, prepare, c -> c.step().equals("node"));
            assertThat(unstash.seq()).as(dependency + "'s bundle on " + dependent + "'s node, before prepare")
                    .isGreaterThan(node.seq()).isLessThan(prepare.seq());
            assertThat(lastBefore(steps, unstash, c -> c.step().equals("dir")).detail()).isEqualTo(RunSettings.ARTIFACTS_DIR);
            assertThat(unstash.seq()).as("after " + dependency + " stashed it")
                    .isGreaterThan(only(steps, c -> c.step().equals("stash") && c.detail().startsWith("dispatch-plan-branch-"
                            + dependency + " ")).seq());
        }
        assertThat(steps.calls()).as("a workstream without dependencies unstashes nothing")
                .noneMatch(c -> c.step().equals("unstash") && (c.path().equals("Workstreams/a") || c.path().equals("Workstreams/e")));
        assertThat(steps.calls()).as("b unstashes only its own dependency")
                .noneMatch(c -> c.step().equals("unstash") && c.path().equals("Workstreams/b") && !c.detail().endsWith("-a"));
    }

    /** A sandboxed script can call any method of the trusted class, private ones too: only call(Map) may exist. */
    @Test
    void onlyCallIsReachableFromAScript() throws Exception {
        GroovyObject dsl = load(steps("diamond.yaml", options()));
        for (String helper : List.of("markSkipped", "onNode", "runWorkstream", "runWorker", "integrate", "stashName",
                "withApiKey", "withTimeout", "checkoutRepository", "scmCredentialsId", "unstashDependencies")) {
            assertThatThrownBy(() -> dsl.invokeMethod(helper, new Object[] {"Security scan", "x"}))
                    .as(helper).isInstanceOf(groovy.lang.MissingMethodException.class);
        }
        List<String> declared = java.util.Arrays.stream(dsl.getClass().getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.getName().startsWith("$") && !m.getName().contains("MetaClass")
                        && !List.of("invokeMethod", "getProperty", "setProperty").contains(m.getName()))
                .map(java.lang.reflect.Method::getName).distinct().toList();
        assertThat(declared).containsExactly("call");
    }

    @Test
    void aVerifyThatStillFailsMakesTheBuildUnstableWithTheIntegrationsReason() throws Exception {
        Map<String, Object> options = options();
        options.put("verify", "make test");
        RecordingPipelineSteps steps = steps("diamond.yaml", options).verifyRunsAsked("verify 1: every merge")
                .verifyExitsInTurn(2);
        load(steps).invokeMethod("call", new Object[] {options});

        assertThat(only(steps, c -> c.step().equals("recordVerification")).detail()).isEqualTo("2");
        assertThat(only(steps, c -> c.step().equals("unstable")).detail()).isEqualTo("verify fails on shop/integration");
    }

    @Test
    void integrationRunsEvenWhenTheWorkstreamsStageFails() throws Exception {
        Map<String, Object> options = options();
        RecordingPipelineSteps steps = steps("diamond.yaml", options).gateFails("e", "controller shutting down");

        assertThatThrownBy(() -> load(steps).invokeMethod("call", new Object[] {options}))
                .hasMessageContaining("controller shutting down");
        assertThat(only(steps, c -> c.step().equals("integrateWorkstreams")).path()).isEqualTo("Integration");
        assertThat(only(steps, c -> c.step().equals("integrateWorkstreams")).seq())
                .isGreaterThan(reported(steps, "d").seq());
    }

    @Test
    void onlyCallIsPublic() throws Exception {
        Class<?> dsl = load(steps("diamond.yaml", options())).getClass();
        List<String> declared = java.util.Arrays.stream(dsl.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .filter(m -> !m.isSynthetic())
                .map(java.lang.reflect.Method::getName)
                .filter(n -> !n.startsWith("$") && !n.startsWith("this$") && !n.startsWith("super$") && !n.equals("getMetaClass") && !n.equals("setMetaClass")
                        && !n.equals("invokeMethod") && !n.equals("getProperty") && !n.equals("setProperty"))
                .distinct().toList();
        assertThat(declared).containsExactly("call");
    }

    // ---- helpers ----

    private static Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("plan", "specs/shop.md");
        options.put("label", "ai-workers");
        options.put("maxParallel", 4);
        options.put("credentialsId", "anthropic-api-key");
        return options;
    }

    private static RecordingPipelineSteps run(String planFile, Map<String, Object> options, Map<String, Integer> exits)
            throws Exception {
        RecordingPipelineSteps steps = steps(planFile, options);
        exits.forEach(steps::workerExits);
        load(steps).invokeMethod("call", new Object[] {options});
        return steps;
    }

    private static RecordingPipelineSteps steps(String planFile, Map<String, Object> options) throws Exception {
        return new RecordingPipelineSteps(plan(planFile), settings(options));
    }

    private static Plan plan(String planFile) throws Exception {
        return new ReadPlanStep().parse(resource(planFile), planFile);
    }

    /** The settings readDispatchPlan would make of these options (the real step, its setters and defaults). */
    private static RunSettings settings(Map<String, Object> options) {
        ReadPlanStep step = new ReadPlanStep();
        step.setPlan((String) options.get("plan"));
        step.setLabel((String) options.get("label"));
        step.setMaxParallel((Integer) options.get("maxParallel"));
        step.setFailFast(Boolean.TRUE.equals(options.get("failFast")));
        step.setCredentialsId((String) options.get("credentialsId"));
        step.setVerify((String) options.get("verify"));
        step.setVerifyEach(Boolean.TRUE.equals(options.get("verifyEach")));
        step.setResolveConflicts((io.jenkins.plugins.dispatchplan.config.WorkerConfig) options.get("resolveConflicts"));
        step.setResolverMayEditOtherFiles(Boolean.TRUE.equals(options.get("resolverMayEditOtherFiles")));
        return RunSettings.of(step, new RunDefaults());
    }

    private static GroovyObject load(RecordingPipelineSteps steps) throws Exception {
        GroovyObject dsl = JenkinsfileRunner.dispatchPlan(steps);
        assertThat(dsl.getClass().getName()).isEqualTo(DispatchPlanDSL.GROOVY_CLASS);
        return dsl;
    }

    private static String resource(String name) throws IOException {
        return JenkinsfileRunner.resource(DispatchPlanGroovyTest.class, name);
    }

    private static Call only(RecordingPipelineSteps steps, Predicate<Call> which) {
        List<Call> found = steps.calls().stream().filter(which).toList();
        assertThat(found).as("exactly one such call in %s", steps.calls()).hasSize(1);
        return found.get(0);
    }

    private static Call lastBefore(RecordingPipelineSteps steps, Call call, Predicate<Call> which) {
        Optional<Call> found = steps.calls().stream()
                .filter(c -> c.seq() < call.seq() && c.path().equals(call.path()) && which.test(c))
                .reduce((a, b) -> b);
        assertThat(found).as("a call before %s", call).isPresent();
        return found.get();
    }

    private static Call passed(RecordingPipelineSteps steps, String id) {
        return only(steps, c -> c.step().equals("gate passed") && c.detail().startsWith(id + " "));
    }

    private static Call reported(RecordingPipelineSteps steps, String id) {
        return only(steps, c -> c.step().equals("reportWorkstream") && c.detail().startsWith(id + " "));
    }

    private static Call prepared(RecordingPipelineSteps steps, String id) {
        return only(steps, c -> c.step().equals("prepareWorkstream") && c.detail().equals(id));
    }
}
