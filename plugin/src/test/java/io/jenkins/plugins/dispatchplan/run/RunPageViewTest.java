package io.jenkins.plugins.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.integrate.VerifyRun;
import io.dispatchplan.plan.Plan;
import io.jenkins.plugins.dispatchplan.BuildXml;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import java.nio.file.Path;
import java.time.Duration;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The run page as it is shown, from the data {@code api/json} serves. */
class RunPageViewTest {
    static final String PLAN = """
            feature: shop
            workstreams:
              - {id: schema, title: "Database <script>alert(1)</script> schema"}
              - {id: docs}
              - {id: api, dependsOn: [schema, docs]}
              - {id: web, dependsOn: [api]}
            """;

    static final String BUILD = "job/shop/12/";

    /** schema succeeded, docs failed, api was skipped for it, web never started; the build is over. */
    static DispatchPlanAction finishedRun() throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        Plan plan = step.parse(PLAN, "plan.yaml");
        DispatchPlanAction action = new DispatchPlanAction(plan, RunSettings.of(step, new RunDefaults()));
        WorkstreamRecord schema = action.workstream("schema");
        schema.started(1_000);
        schema.ranOn("agent-1");
        schema.ended("SUCCEEDED", null, 1_000 + 65_000);
        schema.worker(0.42, "3f1c0f6e-0000-5000-8000-000000000000");
        schema.branchTip("0123456789abcdef0123456789abcdef01234567", 2);
        schema.results("workstreams/schema/RESULTS.md", "# done");
        WorkstreamRecord docs = action.workstream("docs");
        docs.started(1_000);
        docs.ended("FAILED", "the command exited with code 1", 3_000);
        action.workstream("api").ended("SKIPPED", "skipped: dependency docs failed", 3_000);
        return action;
    }

    static final List<String> ARCHIVED = List.of(".dispatch-plan/plan.json", "workstreams/schema/RESULTS.md",
            "workstreams/schema/TASKS.md", "workstreams/schema/worker-result.json", "workstreams/schema/worker.events.jsonl",
            "workstreams/docs/TASKS.md", "workstreams/docs/worker-result.json", "workstreams/docs/worker.stderr.log",
            "workstreams/docs/worker.stdout.log", "integration/INTEGRATION.md");

    @Test
    void everyRowShowsTheStatusApiJsonGivesWithJenkinsOwnStatusSymbol() throws Exception {
        DispatchPlanAction action = finishedRun();
        RunPageView view = RunPageView.of(action, BUILD, ARCHIVED, false);

        List<Map<String, Object>> exported = workstreams(action);
        assertThat(view.getRows()).extracting(RunPageView.Row::getId)
                .containsExactlyElementsOf(exported.stream().map(w -> (String) w.get("id")).toList());
        for (int i = 0; i < exported.size(); i++) {
            RunPageView.Row row = view.getRows().get(i);
            assertThat(row.getLook().getSymbol()).isEqualTo(StatusLook.of((String) exported.get(i).get("status"), false).getSymbol());
            assertThat(row.getReason()).isEqualTo(exported.get(i).get("reason"));
        }
        assertThat(view.getRows()).extracting(r -> r.getLook().getSymbol()).containsExactly("symbol-status-blue",
                "symbol-status-red", "symbol-status-nobuilt", "symbol-status-aborted");
        assertThat(view.getRows()).extracting(r -> r.getLook().getLabel())
                .containsExactly("Succeeded", "Failed", "Skipped", "Never started");
        assertThat(RunPageView.of(action, BUILD, ARCHIVED, true).getRows().get(3).getLook().getLabel())
                .as("while the build runs, a waiting workstream may still start").isEqualTo("Waiting");
    }

    @Test
    void aRunningRowShowsItsWorkersTurnsAndLastActivitySoFarAsApiJsonDoes() throws Exception {
        DispatchPlanAction action = finishedRun();
        WorkstreamRecord web = action.workstream("web");
        web.started(10_000);
        web.ranOn("agent-2");
        // As trackWorkstream records it while the worker runs.
        web.activity(3, "turn 3: Bash: npm test -- orders", 1_796_114_683_000L);

        RunPageView.Row row = row(RunPageView.of(action, BUILD, ARCHIVED, true), "web");
        Map<String, Object> exported = workstreams(action).get(3);

        assertThat(row.getLook().getLabel()).isEqualTo("Running");
        assertThat(row.getActivity()).isEqualTo("3 turns · turn 3: Bash: npm test -- orders");
        assertThat(row.getActivityTime()).isEqualTo("2026-12-01 08:44:43 UTC");
        assertThat(exported).containsEntry("status", "RUNNING").containsEntry("turns", 3)
                .containsEntry("lastActivity", "turn 3: Bash: npm test -- orders")
                .containsEntry("lastActivityAt", 1_796_114_683_000L);
    }

    @Test
    void everyWorkstreamLinksTheFilesItArchivedFailedOnesToo() throws Exception {
        RunPageView view = RunPageView.of(finishedRun(), BUILD, ARCHIVED, false);

        assertThat(links(view, "schema")).containsExactly(
                "RESULTS.md -> job/shop/12/artifact/workstreams/schema/RESULTS.md",
                "TASKS.md -> job/shop/12/artifact/workstreams/schema/TASKS.md",
                "worker.events.jsonl -> job/shop/12/artifact/workstreams/schema/worker.events.jsonl",
                "worker-result.json -> job/shop/12/artifact/workstreams/schema/worker-result.json");
        assertThat(links(view, "docs")).as("a failed workstream: its task, its logs and its result object")
                .containsExactly("TASKS.md -> job/shop/12/artifact/workstreams/docs/TASKS.md",
                        "worker.stderr.log -> job/shop/12/artifact/workstreams/docs/worker.stderr.log",
                        "worker.stdout.log -> job/shop/12/artifact/workstreams/docs/worker.stdout.log",
                        "worker-result.json -> job/shop/12/artifact/workstreams/docs/worker-result.json");
        assertThat(links(view, "api")).as("skipped: nothing archived, nothing linked").isEmpty();
        assertThat(links(RunPageView.of(finishedRun(), BUILD, List.of("workstreams/api/attempt #2 log.txt"), false), "api"))
                .containsExactly("attempt #2 log.txt -> job/shop/12/artifact/workstreams/api/attempt%20%232%20log.txt");
        assertThat(links(RunPageView.of(finishedRun(), BUILD, List.of(), false), "schema"))
                .as("the RESULTS.md its row names, when the artifacts cannot be listed")
                .containsExactly("RESULTS.md -> job/shop/12/artifact/workstreams/schema/RESULTS.md");
    }

    @Test
    void theGraphDrawsEveryDependencyApiJsonListsAsAnArrowAndEachBoxInItsStatusColour() throws Exception {
        DispatchPlanAction action = finishedRun();
        String svg = RunPageView.of(action, BUILD, ARCHIVED, false).getGraphSvg();

        List<String> expectedEdges = new ArrayList<>();
        for (Map<String, Object> w : workstreams(action)) {
            for (Object dependency : (List<?>) w.get("dependsOn")) {
                expectedEdges.add(dependency + "->" + w.get("id"));
            }
        }
        assertThat(edges(svg)).containsExactlyInAnyOrderElementsOf(expectedEdges)
                .containsExactlyInAnyOrder("schema->api", "docs->api", "api->web");
        assertThat(svg).startsWith("<svg ").endsWith("</svg>").contains("aria-label=\"Plan graph: 4 workstreams, 3 dependencies\"");
        assertThat(box(svg, "schema")).contains("data-status=\"succeeded\"").contains("stroke=\"var(--success-color, #1ea64b)\"")
                .contains("href=\"#workstream-schema\"");
        assertThat(box(svg, "docs")).contains("data-status=\"failed\"").contains("stroke=\"var(--red, #e6001f)\"");
        assertThat(box(svg, "api")).contains("data-status=\"skipped\"");
    }

    @Test
    void planTextInTheGraphIsEscaped() throws Exception {
        String svg = RunPageView.of(finishedRun(), BUILD, ARCHIVED, false).getGraphSvg();

        assertThat(svg).doesNotContain("<script").contains("Database &lt;script&gt;alert(1)&lt;/script&gt; schema");
        assertThat(PlanGraphSvg.escape("a\"b'c&d\u0000e")).isEqualTo("a&quot;b&#39;c&amp;d e");
    }

    @Test
    void listsAreShownAsText() throws Exception {
        DispatchPlanAction action = finishedRun();
        action.integration(new IntegrationRecord("shop/integration", List.of("schema", "docs"), List.of("api: skipped"),
                "PARTIAL", "integration/INTEGRATION.md"));
        RunPageView view = RunPageView.of(action, BUILD, ARCHIVED, false);

        assertThat(row(view, "api").getAfter()).isEqualTo("schema, docs");
        assertThat(row(view, "schema").getAfter()).isEmpty();
        assertThat(view.getIntegration().getMerged()).isEqualTo("schema, docs");
        assertThat(view.getIntegration().getNotMerged()).containsExactly("api: skipped");
        assertThat(view.getIntegration().getSummary()).isEqualTo("Partial.");
        assertThat(view.getIntegration().getLook().getSymbol()).isEqualTo("symbol-status-yellow");
        assertThat(view.getIntegration().getReport()).hasToString("INTEGRATION.md -> job/shop/12/artifact/integration/INTEGRATION.md");
        assertThat(row(view, "schema").getCommits()).isEqualTo("2 commits");
        assertThat(row(view, "schema").getTitle()).isEqualTo("Database <script>alert(1)</script> schema");
        assertThat(row(view, "docs").getTitle()).as("a title that only repeats the id").isNull();
    }

    @Test
    void theIntegrationSectionSaysWhatHappened() throws Exception {
        DispatchPlanAction action = finishedRun();
        assertThat(RunPageView.of(action, BUILD, ARCHIVED, true).getIntegration().getSummary()).isEqualTo("Not run yet.");
        assertThat(RunPageView.of(action, BUILD, ARCHIVED, false).getIntegration().getSummary())
                .startsWith("Did not run: the build ended before the Integration stage recorded a result");

        action.integration(IntegrationRecord.failed("shop/integration", "the integration branch shop/integration from an"
                + " earlier run holds 1 commit(s) that no workstream branch being merged has"));
        IntegrationView failed = RunPageView.of(action, BUILD, ARCHIVED, false).getIntegration();
        assertThat(failed.getSummary()).isEqualTo("Ran and failed: the integration branch shop/integration from an earlier"
                + " run holds 1 commit(s) that no workstream branch being merged has");
        assertThat(failed.getLook().getSymbol()).isEqualTo("symbol-status-red");
        assertThat(failed.getMerged()).isNull();
        assertThat(ExportedData.of(action.getIntegration())).containsEntry("status", "FAILED")
                .containsEntry("reason", failed.getSummary().substring("Ran and failed: ".length()));

        IntegrationRecord complete = new IntegrationRecord("shop/integration", List.of("schema"), List.of(), "COMPLETE",
                "integration/INTEGRATION.md");
        complete.verified(2);
        action.integration(complete);
        IntegrationView done = RunPageView.of(action, BUILD, Set.of(), false).getIntegration();
        assertThat(done.getSummary()).isEqualTo("Complete.");
        assertThat(done.getMerged()).isEqualTo("schema");
        assertThat(done.getVerify()).isEqualTo("The verify command failed with exit status 2.");
        assertThat(done.getReport()).as("recorded, and the artifacts cannot be listed").isNotNull();
        assertThat(RunPageView.of(action, BUILD, List.of("plan.json"), false).getIntegration().getReport())
                .as("listed, and INTEGRATION.md is not among them").isNull();
    }

    static final String KEY = "sk-ant-0123456789abcdef";
    static final String FAILED_RUN = "1111111111111111111111111111111111111111";
    static final String PASSED_RUN = "2222222222222222222222222222222222222222";
    static final String RESOLVED_MERGE = "3333333333333333333333333333333333333333";

    /**
     * schema and api merged (api's conflict resolved by the resolver), web's resolution rejected; verify failed with
     * every merge (run 1) and passed without docs (run 2), so docs breaks verify. As the engine returns it.
     */
    static IntegrationResult integrationWithRuns() {
        Path logs = Path.of("/agent/ws/.dispatch-plan/integration");
        List<VerifyRun> verifyRuns = List.of(
                new VerifyRun(1, FAILED_RUN, "every merge", List.of("schema", "api", "docs"), false, 1, false,
                        Duration.ofSeconds(12), logs.resolve("verify.log"), "FAILED: checks/docs.sh"),
                new VerifyRun(2, PASSED_RUN, "the merges up to api", List.of("schema", "api"), true, 0, false,
                        Duration.ofMillis(3_400), logs.resolve("verify-2.log"), ""));
        List<ResolverRun> resolverRuns = List.of(
                new ResolverRun(1, "api", "claude", List.of("src/routes.ts"), true,
                        "conflicts in src/routes.ts resolved by the resolver (claude)", RESOLVED_MERGE, 0.42,
                        "6f2c0d1e-5b8a-5a3e-9d4c-2b7f0e1a9c33", Duration.ofSeconds(65), Path.of("/agent/resolver/api")),
                new ResolverRun(2, "web", "claude", List.of("src/<app>.ts"), false,
                        "the resolver's resolution was rejected: conflict markers are left in src/<app>.ts; it printed "
                                + KEY, null, 0.31, "0a1b2c3d-0000-5000-8000-000000000000", Duration.ofSeconds(123),
                        Path.of("/agent/resolver/web")));
        List<MergeRecord> merges = List.of(
                new MergeRecord("schema", "shop/schema", MergeStatus.MERGED, "4444444444444444444444444444444444444444",
                        List.of(), false, "merged"),
                new MergeRecord("api", "shop/api", MergeStatus.MERGED, RESOLVED_MERGE, List.of("src/routes.ts"), false,
                        "merged", List.of("schema"), null, "claude"),
                new MergeRecord("docs", "shop/docs", MergeStatus.BREAKS_VERIFY, null, List.of(), false,
                        "breaks verify: verify failed with it (run 1) and passes without it; left out, its branch is kept"
                                + " as it is", List.of(), "FAILED: checks/docs.sh"),
                new MergeRecord("web", "shop/web", MergeStatus.CONFLICT, null, List.of("src/<app>.ts"), false,
                        "not merged", List.of("api"), null));
        return new IntegrationResult("shop/integration", PASSED_RUN, merges, verifyRuns.get(1).asResult(), false,
                "5555555555555555555555555555555555555555", null, verifyRuns, "docs breaks verify", resolverRuns);
    }

    /** The record integrateWorkstreams keeps for {@link #integrationWithRuns()}: the runs as the controller keeps them. */
    static IntegrationRecord recordWithRuns() {
        IntegrationRecord record = new IntegrationRecord("shop/integration", List.of("schema", "api"),
                List.of("docs: breaks verify", "web: conflict in src/<app>.ts"), "PARTIAL", "integration/INTEGRATION.md");
        record.verified(0);
        record.runs(IntegrationRuns.of(integrationWithRuns()).checked(RunSecrets.of("ANTHROPIC_API_KEY", KEY)));
        return record;
    }

    @Test
    void theIntegrationListsItsVerifyRunsTheBranchTheyFoundToBreakVerifyAndItsResolverRunsAsIntegrationMdWordsThem()
            throws Exception {
        DispatchPlanAction action = finishedRun();
        action.integration(recordWithRuns());

        IntegrationRunsView runs = RunPageView.of(action, BUILD, List.of("integration/INTEGRATION.md",
                "integration/verify.log", "integration/verify-2.log"), false).getIntegration().getRuns();

        assertThat(runs.getVerifyRuns()).extracting(IntegrationRunsView.Line::toString).containsExactly(
                "1. Every merge (schema, api, docs) at 111111111111: failed with exit code 1 in 12s."
                        + " [log -> job/shop/12/artifact/integration/verify.log]",
                "2. The merges up to api (schema, api) at 222222222222: passed in 3s."
                        + " [log -> job/shop/12/artifact/integration/verify-2.log]");
        assertThat(runs.getBreaksVerify()).containsExactly("docs (shop/docs): breaks verify: verify failed with it"
                + " (run 1) and passes without it; left out, its branch is kept as it is");
        assertThat(runs.getResolverRuns()).extracting(IntegrationRunsView.Line::toString).containsExactly(
                "1. api, src/routes.ts: accepted as 333333333333 (claude, session 6f2c0d1e-5b8a-5a3e-9d4c-2b7f0e1a9c33,"
                        + " $0.42, 1m 5s). Conflicts in src/routes.ts resolved by the resolver (claude).",
                "2. web, src/<app>.ts: rejected (claude, session 0a1b2c3d-0000-5000-8000-000000000000, $0.31, 2m 3s)."
                        + " The resolver's resolution was rejected: conflict markers are left in src/<app>.ts; it"
                        + " printed ****.");
        assertThat(runs.getResolverCost()).isEqualTo("The resolver cost $0.73 in all, counted in the run's cost.");
        assertThat(RunPageView.of(action, BUILD, List.of("integration/INTEGRATION.md"), false).getIntegration()
                .getRuns().getVerifyRuns()).as("logs not archived are not linked")
                .allSatisfy(line -> assertThat(line.getLog()).isNull());
    }

    @Test
    @SuppressWarnings("unchecked")
    void apiJsonServesTheSameVerifyAndResolverRunsAndTheBuildKeepsThem() throws Exception {
        DispatchPlanAction action = finishedRun();
        action.integration(recordWithRuns());

        for (DispatchPlanAction a : List.of(action, BuildXml.roundTrip(action))) {
            Map<String, Object> integration = (Map<String, Object>) ExportedData.of(a).get("integration");
            List<Map<String, Object>> verify = (List<Map<String, Object>>) integration.get("verifyRuns");
            assertThat(verify).hasSize(2);
            assertThat(verify.get(0)).containsEntry("number", 1).containsEntry("commit", FAILED_RUN)
                    .containsEntry("tested", "every merge").containsEntry("merged", List.of("schema", "api", "docs"))
                    .containsEntry("passed", false).containsEntry("exitCode", 1).containsEntry("timedOut", false)
                    .containsEntry("durationMillis", 12_000L).containsEntry("logArtifact", "integration/verify.log");
            assertThat(verify.get(1)).containsEntry("number", 2).containsEntry("passed", true)
                    .containsEntry("tested", "the merges up to api").containsEntry("logArtifact", "integration/verify-2.log");
            assertThat((List<String>) integration.get("breaksVerify")).isEqualTo(a.getIntegration().getBreaksVerify())
                    .singleElement().asString().startsWith("docs (shop/docs): breaks verify");
            List<Map<String, Object>> resolver = (List<Map<String, Object>>) integration.get("resolverRuns");
            assertThat(resolver.get(0)).containsEntry("number", 1).containsEntry("workstreamId", "api")
                    .containsEntry("accepted", true).containsEntry("mergeCommit", RESOLVED_MERGE)
                    .containsEntry("files", List.of("src/routes.ts")).containsEntry("worker", "claude")
                    .containsEntry("costUsd", 0.42).containsEntry("durationMillis", 65_000L)
                    .containsEntry("sessionId", "6f2c0d1e-5b8a-5a3e-9d4c-2b7f0e1a9c33");
            assertThat(resolver.get(1)).containsEntry("accepted", false).containsEntry("mergeCommit", null)
                    .containsEntry("reason", "the resolver's resolution was rejected: conflict markers are left in"
                            + " src/<app>.ts; it printed ****");
            assertThat((Double) integration.get("resolverCostUsd")).isCloseTo(0.73, within(1e-9));
            IntegrationRunsView runs = RunPageView.of(a, BUILD, List.of(), false).getIntegration().getRuns();
            assertThat(runs.getVerifyRuns()).extracting(IntegrationRunsView.Line::getNumber)
                    .containsExactlyElementsOf(verify.stream().map(v -> (Integer) v.get("number")).toList());
            assertThat(runs.getResolverRuns()).extracting(IntegrationRunsView.Line::getNumber).containsExactly(1, 2);
        }
    }

    @Test
    void anIntegrationWithoutRunsOrRecordedBeforeTheyWereKeptListsNone() throws Exception {
        DispatchPlanAction action = finishedRun();
        IntegrationRecord plain = new IntegrationRecord("shop/integration", List.of("schema"), List.of(), "COMPLETE",
                "integration/INTEGRATION.md");
        plain.runs(IntegrationRuns.of(new IntegrationResult("shop/integration", PASSED_RUN, List.of(),
                null, false)).checked(io.dispatchplan.secrets.Secrets.NONE));
        action.integration(plain);
        IntegrationRunsView none = RunPageView.of(action, BUILD, ARCHIVED, false).getIntegration().getRuns();
        assertThat(none.getVerifyRuns()).isEmpty();
        assertThat(none.getBreaksVerify()).isEmpty();
        assertThat(none.getResolverRuns()).isEmpty();
        assertThat(none.getResolverCost()).isNull();

        // A build.xml written before the runs were kept: no runs element at all.
        action.integration(new IntegrationRecord("shop/integration", List.of("schema"), List.of(), "COMPLETE", null));
        DispatchPlanAction old = BuildXml.read(BuildXml.of(action));
        assertThat(BuildXml.of(action)).doesNotContain("<runs");
        assertThat(old.getIntegration().getVerifyRuns()).isEmpty();
        assertThat(old.getIntegration().getResolverRuns()).isEmpty();
        assertThat(old.getIntegration().getResolverCostUsd()).isNull();
        assertThat(RunPageView.of(old, BUILD, ARCHIVED, false).getIntegration().getRuns().getVerifyRuns()).isEmpty();
        assertThat(RunPageView.of(finishedRun(), BUILD, ARCHIVED, true).getIntegration().getRuns().getVerifyRuns())
                .as("not run yet").isEmpty();
    }

    @Test
    void aRerunShowsWhatWasCarriedOverWithItsResultsWhereTheyWereArchivedAndWhatRanAgainAfterWhat() throws Exception {
        DispatchPlanAction action = finishedRun();
        String head = "0123456789abcdef0123456789abcdef01234567";
        WorkstreamRecord schema = action.workstream("schema");
        schema.prior(new PriorOutcome(11, "SUCCEEDED", head, head, "workstreams/schema/RESULTS.md", 10, "# done", null));
        schema.carriedOver(head, 2, "done in build #11 (its branch is still at 0123456789ab)");
        WorkstreamRecord docs = action.workstream("docs");
        docs.prior(new PriorOutcome(11, "FAILED", head, head, null, 11, null, null));
        docs.outputTail("npm ERR! missing script: docs");
        docs.startedFrom("0123456789ab (kept from an earlier run, with the new base 9f2e1d0c3b4a merged in)");

        RunPageView view = RunPageView.of(action, BUILD, List.of("workstreams/docs/TASKS.md"), false);

        RunPageView.Row carried = row(view, "schema");
        assertThat(carried.getCarriedFrom()).hasToString("done in build #11 -> job/shop/11/");
        assertThat(carried.getRunAgainAfter()).isNull();
        assertThat(links(view, "schema")).as("its RESULTS.md where build #10 archived it, none of this build's")
                .containsExactly("RESULTS.md (build #10) -> job/shop/10/artifact/workstreams/schema/RESULTS.md");
        RunPageView.Row again = row(view, "docs");
        assertThat(again.getRunAgainAfter()).hasToString("after build #11: failed -> job/shop/11/");
        assertThat(again.getCarriedFrom()).isNull();
        assertThat(again.getOutputTail()).isEqualTo("npm ERR! missing script: docs");
        assertThat(again.getStart()).startsWith("0123456789ab (kept from an earlier run");
        assertThat(RunPageView.jobUrl("job/folder/job/shop/12/")).isEqualTo("job/folder/job/shop/");
    }

    @Test
    void theIntegrationBranchCanBeFetchedWithTheLineOnThePage() throws Exception {
        DispatchPlanAction action = finishedRun();
        IntegrationRecord record = new IntegrationRecord("shop/integration", List.of("schema"), List.of(), "COMPLETE",
                "integration/INTEGRATION.md");
        String fetch = "git fetch https://ci.example/job/shop/12/artifact/integration/integration.bundle"
                + " shop/integration:shop/integration";
        record.reachableBy("integration/integration.bundle", fetch);
        action.integration(record);

        IntegrationView integration = RunPageView.of(action, BUILD, List.of("integration/INTEGRATION.md",
                "integration/integration.bundle"), false).getIntegration();

        assertThat(integration.getFetchCommand()).isEqualTo(fetch);
        assertThat(integration.getBundle()).hasToString("the branch as a git bundle -> job/shop/12/artifact/integration/integration.bundle");
    }

    @Test
    void statusesALaterVersionRecordsAreShownNotDropped() {
        assertThat(StatusLook.of("CARRIED_OVER", true).getLabel()).isEqualTo("Carried over");
        assertThat(StatusLook.of("CARRIED_OVER", true).getSymbol()).isEqualTo("symbol-status-nobuilt");
        assertThat(StatusLook.of(null, true).getLabel()).isEqualTo("Unknown");
        assertThat(StatusLook.of("RUNNING", true).getSymbol()).isEqualTo("symbol-status-nobuilt-anime");
        assertThat(StatusLook.of("UNSTABLE", false).getSymbol()).isEqualTo("symbol-status-yellow");
        assertThat(StatusLook.of("ABORTED", false).getSymbol()).isEqualTo("symbol-status-aborted");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> workstreams(DispatchPlanAction action) {
        return (List<Map<String, Object>>) ExportedData.of(action).get("workstreams");
    }

    private static RunPageView.Row row(RunPageView view, String id) {
        return view.getRows().stream().filter(r -> r.getId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> links(RunPageView view, String id) {
        return row(view, id).getLinks().stream().map(RunPageView.Link::toString).toList();
    }

    static List<String> edges(String svg) {
        List<String> edges = new ArrayList<>();
        Matcher m = Pattern.compile("class=\"dispatch-plan-edge\" data-from=\"([^\"]*)\" data-to=\"([^\"]*)\"").matcher(svg);
        while (m.find()) {
            edges.add(m.group(1) + "->" + m.group(2));
        }
        return edges;
    }

    private static String box(String svg, String id) {
        int start = svg.indexOf("data-id=\"" + id + "\"");
        assertThat(start).as("a box for " + id).isPositive();
        return svg.substring(svg.lastIndexOf("<a ", start), svg.indexOf("</a>", start));
    }
}
