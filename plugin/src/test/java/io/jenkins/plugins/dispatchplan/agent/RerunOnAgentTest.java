package io.jenkins.plugins.dispatchplan.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.testsupport.TempRepo;
import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;
import io.jenkins.plugins.dispatchplan.run.EarlierBuilds;
import io.jenkins.plugins.dispatchplan.run.PlannedBuild;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.steps.CollectedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.IntegrateWorkstreamsStep;
import io.jenkins.plugins.dispatchplan.steps.IntegrationReport;
import io.jenkins.plugins.dispatchplan.steps.PreparedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds 1, 2, 3 of the same job, the way the nightly run goes: each build records per workstream the head it ended
 * at, its status and its results; the next continues from that. Real git, real agent caches, workers run by a real
 * shell, the bundles archived and copied the way the stash and the artifact archive carry them.
 */
class RerunOnAgentTest {
    static final String PLAN = """
            feature: shop
            workstreams:
              - {id: api}
              - {id: ui, dependsOn: [api]}
              - {id: e2e, dependsOn: [ui]}
              - {id: docs}
            """;

    @TempDir
    Path tmp;
    TempRepo origin;
    final GitCli git = new GitCli();
    Path ranLog;
    Path worker;

    @BeforeEach
    void repository() throws Exception {
        origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("README.md", "shop\n", "app.txt", "v1\n"));
        ranLog = tmp.resolve("ran.log");
        worker = tmp.resolve("worker.sh");
        // Each workstream writes its file and commits; ui fails while fail-ui exists (its half-done file stays).
        // A re-run of ui finds that file: it goes on from its kept branch.
        Files.writeString(worker, """
                echo "$WORKSTREAM_ID" >> '%s'
                if [ "$WORKSTREAM_ID" = ui ] && [ -e '%s' ]; then echo half > ui-draft.txt; exit 1; fi
                if [ "$WORKSTREAM_ID" = ui ] && [ -e ui-draft.txt ]; then echo "ui resumed" >> '%s'; fi
                if [ "$WORKSTREAM_ID" = e2e ] && [ ! -e ui.txt ]; then exit 9; fi
                echo "$WORKSTREAM_ID" > "$WORKSTREAM_ID.txt" && git add "$WORKSTREAM_ID.txt" && git commit -qm "$WORKSTREAM_ID work"
                echo "$WORKSTREAM_ID delivered" > "$RESULTS_FILE"
                """.formatted(ranLog, tmp.resolve("fail-ui"), ranLog));
        Files.writeString(ranLog, "");
    }

    /** One build's record, continuing {@code earlier} (build {@code earlierNumber}) when given. */
    /** Set for builds with {@code push: true}. */
    BranchPusher pusher;

    DispatchPlanAction build(String base, DispatchPlanAction earlier, int earlierNumber, String rerun) throws Exception {
        ReadPlanStep step = new ReadPlanStep();
        step.setPush(pusher != null);
        step.setRepository(origin.fileUrl());
        step.setBaseCommit(base);
        step.setWorker(new CommandWorker("sh " + worker));
        step.setRerun(rerun);
        DispatchPlanAction action = new DispatchPlanAction(step.parse(PLAN, "plan.yaml"), RunSettings.of(step, new RunDefaults()));
        if (earlier != null) {
            EarlierBuilds.carry(earlier, earlierNumber, action);
        }
        return action;
    }

    /**
     * Runs the build's workstreams in dependency order on {@code agent} as the Groovy global does (a dependent of one
     * that did not succeed is skipped), archiving each branch bundle under {@code archive/<number>}.
     */
    void runWorkstreams(DispatchPlanAction action, int number, String agent) throws Exception {
        Path workspace = tmp.resolve(agent + "/workspace/job");
        for (String id : DependencyGraph.of(step().parse(PLAN, "plan.yaml")).topologicalOrder()) {
            WorkstreamRecord row = action.workstream(id);
            boolean blocked = row.getDependsOn().stream().anyMatch(d -> !action.workstream(d).getStatus().equals("SUCCEEDED"));
            if (blocked) {
                row.ended("SKIPPED", "a dependency did not succeed", 1);
                continue;
            }
            WorkstreamSetup setup = PlannedBuild.setup(action, "folder/job", id, "test");
            if (setup.priorHead != null) {
                // The controller's copy of the earlier build's archived bundle (EarlierBundles.send).
                Path archived = tmp.resolve("archive/" + setup.priorBuild + "/" + WorkstreamCollection.bundlePath(id));
                if (Files.exists(archived)) {
                    Path to = workspace.resolve(".dispatch-plan/prior/" + id + ".bundle");
                    Files.createDirectories(to.getParent());
                    Files.copy(archived, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            PreparedWorkstream prepared = new WorkstreamPreparation(tmp.resolve(agent + "/cache"), null).prepare(setup, workspace);
            if (prepared.isDone()) {
                row.carriedOver(prepared.doneHead(), prepared.doneCommits(), prepared.doneReason());
                setup = PlannedBuild.setup(action, "folder/job", id, "test");
            } else {
                starts.put(id, prepared.getStart());
            }
            int exit = prepared.isDone() ? 0 : WorkstreamOnAgentTest.runAsSh(prepared);
            CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workspace, exit, pusher, 1);
            if (row.getCarriedFromBuild() == null) {
                row.branchTip(collected.getHeadSha(), collected.getCommits());
                row.results(collected.isResultsWritten() ? "workstreams/" + id + "/RESULTS.md" : null, collected.resultsMarkdown());
            }
            row.ended(switch (collected.getStatus()) {
                case "SUCCESS" -> "SUCCEEDED";
                case "UNSTABLE" -> "UNSTABLE";
                default -> "FAILED";
            }, collected.getReason(), 2);
            if (collected.getBundle() != null) {
                Path bundle = workspace.resolve(".dispatch-plan").resolve(collected.getBundle());
                for (Path to : List.of(tmp.resolve("archive/" + number + "/" + collected.getBundle()),
                        tmp.resolve("integration/workspace/job/.dispatch-plan/" + collected.getBundle()))) {
                    Files.createDirectories(to.getParent());
                    Files.copy(bundle, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    final Map<String, String> starts = new java.util.HashMap<>();

    static ReadPlanStep step() {
        return new ReadPlanStep();
    }

    IntegrationReport integrate(DispatchPlanAction action, String base) throws Exception {
        IntegrateWorkstreamsStep.Selection selection = IntegrateWorkstreamsStep.select(action,
                DependencyGraph.of(step().parse(PLAN, "plan.yaml")).topologicalOrder());
        IntegrationSetup setup = new IntegrationSetup(origin.fileUrl(), "shop", base, selection.branches(), false);
        setup.job = "folder/job";
        return new IntegrationOnAgent(tmp.resolve("integration/cache"), null).integrate(setup,
                tmp.resolve("integration/workspace/job"));
    }

    List<String> ran() throws Exception {
        return Files.readAllLines(ranLog);
    }

    @Test
    void aSecondAndThirdBuildWithNothingChangedRunNothingAndIntegrate() throws Exception {
        String base = origin.head();
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        assertThat(integrate(first, base).getMerged()).containsExactly("api", "ui", "e2e", "docs");
        Files.writeString(ranLog, "");

        DispatchPlanAction second = build(base, first, 1, null);
        runWorkstreams(second, 2, "agent1");
        IntegrationReport report = integrate(second, base);

        assertThat(ran()).as("no worker ran").isEmpty();
        for (String id : List.of("api", "ui", "e2e", "docs")) {
            WorkstreamRecord row = second.workstream(id);
            assertThat(row.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(row.getCarriedFromBuild()).isEqualTo(1);
            assertThat(row.getReason()).startsWith("done in build #1 (its branch is still at ");
            assertThat(row.getHeadSha()).isEqualTo(first.workstream(id).getHeadSha());
            assertThat(row.getResultsArtifact()).isEqualTo("workstreams/" + id + "/RESULTS.md");
            assertThat(row.getResultsBuild()).isEqualTo(1);
        }
        assertThat(report.getMerged()).containsExactly("api", "ui", "e2e", "docs");
        assertThat(report.getNotMerged()).isEmpty();

        DispatchPlanAction third = build(base, second, 2, null);
        runWorkstreams(third, 3, "agent1");
        assertThat(ran()).isEmpty();
        assertThat(third.workstream("ui").getCarriedFromBuild()).isEqualTo(2);
        assertThat(third.workstream("ui").getResultsBuild()).as("results stay linked where first archived").isEqualTo(1);
        assertThat(integrate(third, base).getMerged()).containsExactly("api", "ui", "e2e", "docs");
    }

    @Test
    void aBuildAfterAFailureRunsOnlyTheFailedWorkstreamAndItsDependentsGoingOnFromItsBranch() throws Exception {
        String base = origin.head();
        Files.writeString(tmp.resolve("fail-ui"), "");
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        assertThat(first.workstream("ui").getStatus()).isEqualTo("FAILED");
        assertThat(first.workstream("e2e").getStatus()).isEqualTo("SKIPPED");
        Files.delete(tmp.resolve("fail-ui"));
        Files.writeString(ranLog, "");

        DispatchPlanAction second = build(base, first, 1, null);
        runWorkstreams(second, 2, "agent1");

        assertThat(ran()).containsExactly("ui", "ui resumed", "e2e");
        assertThat(second.workstream("api").getCarriedFromBuild()).isEqualTo(1);
        assertThat(second.workstream("docs").getCarriedFromBuild()).isEqualTo(1);
        assertThat(second.workstream("ui").getStatus()).isEqualTo("SUCCEEDED");
        assertThat(second.workstream("ui").getCarriedFromBuild()).isNull();
        assertThat(second.workstream("e2e").getStatus()).isEqualTo("SUCCEEDED");
        assertThat(integrate(second, base).getMerged()).containsExactly("api", "ui", "e2e", "docs");
    }

    @Test
    void withRerunAllEveryWorkstreamRunsAgain() throws Exception {
        String base = origin.head();
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        Files.writeString(ranLog, "");

        DispatchPlanAction second = build(base, first, 1, "all");
        runWorkstreams(second, 2, "agent1");

        assertThat(ran()).containsExactlyInAnyOrder("api", "docs", "ui", "e2e");
        assertThat(second.workstream("api").getCarriedFromBuild()).isNull();
    }

    @Test
    void onAnAgentThatNeverSawTheBranchesTheyComeBackFromTheArchivedBundles() throws Exception {
        String base = origin.head();
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        Files.writeString(ranLog, "");

        DispatchPlanAction second = build(base, first, 1, null);
        runWorkstreams(second, 2, "agent2");

        assertThat(ran()).isEmpty();
        assertThat(second.getWorkstreams()).allSatisfy(row -> assertThat(row.getCarriedFromBuild()).isEqualTo(1));
        assertThat(integrate(second, base).getMerged()).containsExactly("api", "ui", "e2e", "docs");
    }

    @Test
    void afterTheBaseMovedAKeptBranchGetsTheNewBaseAndIntegrationStartsFromIt() throws Exception {
        String oldBase = origin.head();
        Files.writeString(tmp.resolve("fail-ui"), "");
        DispatchPlanAction first = build(oldBase, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        Files.delete(tmp.resolve("fail-ui"));
        Files.writeString(origin.dir().resolve("main.txt"), "main moved\n");
        String base = git.commitAll(origin.dir(), "main moves on", io.dispatchplan.git.CommitIdentity.DEFAULT).orElseThrow();

        DispatchPlanAction second = build(base, first, 1, null);
        runWorkstreams(second, 2, "agent1");
        IntegrationReport report = integrate(second, base);

        assertThat(starts.get("ui")).contains("kept from an earlier run")
                .contains("with the new base " + base.substring(0, 12) + " merged in");
        assertThat(second.workstream("api").getCarriedFromBuild()).isEqualTo(1);
        assertThat(report.getMerged()).containsExactly("api", "ui", "e2e", "docs");
        Path integration = Path.of(report.getPath());
        assertThat(integration.resolve("main.txt")).hasContent("main moved");
        assertThat(integration.resolve("ui.txt")).hasContent("ui");
        assertThat(integration.resolve("api.txt")).hasContent("api");
        assertThat(git.isAncestor(integration, base, report.getHeadSha())).isTrue();
    }

    @Test
    void aBranchAPersonMovedOnIsHonouredAndMergedAsItIs() throws Exception {
        String base = origin.head();
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        Path repo = jobRepository("agent1");
        String fix = addCommit(repo, "shop/docs", "docs-fix.txt");
        Files.writeString(ranLog, "");

        DispatchPlanAction second = build(base, first, 1, null);
        runWorkstreams(second, 2, "agent1");

        assertThat(ran()).isEmpty();
        assertThat(second.workstream("docs").getReason()).contains("1 commit(s) made after that build, honoured and merged as it is");
        assertThat(second.workstream("docs").getHeadSha()).isEqualTo(fix);
        Path integration = Path.of(integrate(second, base).getPath());
        assertThat(integration.resolve("docs-fix.txt")).exists();
    }

    @Test
    void withPushCommitsAPersonPushedOnTopAreHonouredEvenOnAFreshAgent() throws Exception {
        pusher = new BranchPusher.Cli();
        String base = origin.head();
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        assertThat(origin.revParse("refs/heads/shop/docs")).isEqualTo(first.workstream("docs").getHeadSha());
        // A person fixes docs by hand and pushes.
        Path clone = tmp.resolve("person");
        git.run(tmp, "clone", "-q", "-b", "shop/docs", origin.fileUrl(), clone.toString());
        Files.writeString(clone.resolve("docs-fix.txt"), "by hand\n");
        String fix = git.commitAll(clone, "fix docs by hand", io.dispatchplan.git.CommitIdentity.DEFAULT).orElseThrow();
        git.run(clone, "push", "-q", "origin", "shop/docs");
        Files.writeString(ranLog, "");

        DispatchPlanAction second = build(base, first, 1, null);
        runWorkstreams(second, 2, "agent2");

        assertThat(ran()).isEmpty();
        assertThat(second.workstream("docs").getHeadSha()).isEqualTo(fix);
        assertThat(second.workstream("docs").getReason()).contains("honoured and merged as it is");
        assertThat(second.workstream("api").getReason()).startsWith("done in build #1 (its branch is still at");
        assertThat(Path.of(integrate(second, base).getPath()).resolve("docs-fix.txt")).hasContent("by hand");
    }

    @Test
    void aBranchThisJobDidNotLeaveIsRefusedNamingBothCommits() throws Exception {
        String base = origin.head();
        Files.writeString(tmp.resolve("fail-ui"), "");
        DispatchPlanAction first = build(base, null, 0, null);
        runWorkstreams(first, 1, "agent1");
        String recorded = first.workstream("ui").getHeadSha();
        Path repo = jobRepository("agent1");
        // Someone points the branch at other work (not built on what build 1 recorded).
        git.run(repo, "branch", "-f", "shop/ui", base);
        String planted = addCommit(repo, "shop/ui", "planted.txt");
        DispatchPlanAction second = build(base, first, 1, null);
        WorkstreamSetup ui = PlannedBuild.setup(second, "folder/job", "ui", "test");
        ui.dependencies.clear();

        assertThatThrownBy(() -> new WorkstreamPreparation(tmp.resolve("agent1/cache"), null)
                .prepare(ui, tmp.resolve("agent1/workspace/job")))
                .hasMessageContaining(planted).hasMessageContaining(recorded).hasMessageContaining("build #1")
                .hasMessageContaining("branch -m shop/ui shop/ui-kept");
        assertThat(git.revParse(repo, "refs/heads/shop/ui")).as("nothing moved").isEqualTo(planted);
    }

    /** The job's own repository in the agent's cache (where its branches live). */
    Path jobRepository(String agent) throws Exception {
        Path worktree = tmp.resolve(agent + "/workspace/job/shop/api");
        if (Files.isDirectory(worktree)) {
            return Path.of(git.output(worktree, "rev-parse", "--path-format=absolute", "--git-common-dir"));
        }
        try (var found = Files.walk(tmp.resolve(agent + "/cache"), 6)) {
            return found.filter(p -> p.getFileName().toString().equals("refs") && Files.isDirectory(p.resolve("heads/shop")))
                    .map(Path::getParent).findFirst().orElseThrow();
        }
    }

    /** A commit on {@code branch} in the bare {@code repo}, made without a worktree; returns it. */
    String addCommit(Path repo, String branch, String file) throws Exception {
        Path worktree = tmp.resolve("by-hand-" + file);
        git.run(repo, "worktree", "add", "-q", worktree.toString(), branch);
        Files.writeString(worktree.resolve(file), "by hand\n");
        String commit = git.commitAll(worktree, "by hand", io.dispatchplan.git.CommitIdentity.DEFAULT).orElseThrow();
        git.run(repo, "worktree", "remove", worktree.toString());
        return commit;
    }
}
