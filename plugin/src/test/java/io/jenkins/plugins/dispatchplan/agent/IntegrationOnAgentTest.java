package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.run.IntegrationRuns;
import io.jenkins.plugins.dispatchplan.run.ResolverRunRecord;
import io.jenkins.plugins.dispatchplan.run.VerifyRunRecord;
import io.jenkins.plugins.dispatchplan.steps.CollectedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.PreparedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.IntegrationReport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workstreams prepared, run and collected on one agent, integrated on another: the branches travel as the
 * bundles collect wrote (copied here as stash and unstash would), into the integration agent's own cache.
 */
class IntegrationOnAgentTest {
    static final String PLAN = """
            feature: shop
            workstreams:
              - {id: api}
              - {id: ui, dependsOn: [api]}
              - {id: docs}
            """;

    @TempDir
    Path tmp;
    TempRepo origin;
    String base;
    String planJson;
    Path workerWorkspace;
    Path integrationWorkspace;
    CollectedWorkstream lastCollected;

    @BeforeEach
    void repository() throws Exception {
        origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("README.md", "shop\n", "app.txt", "v1\n"));
        base = origin.head();
        Plan plan = new ReadPlanStep().parse(PLAN, "plan.yaml");
        planJson = PlanJson.write(plan);
        workerWorkspace = tmp.resolve("agent1/workspace/job");
        integrationWorkspace = tmp.resolve("agent2/workspace/job");
    }

    /** Prepares, runs (like sh) and collects one workstream on agent 1; returns its branch for integration. */
    IntegrationSetup.Branch runOnAgent1(String id, String script) throws Exception {
        return runOnAgent1(id, script, null);
    }

    IntegrationSetup.Branch runOnAgent1(String id, String script, BranchPusher pusher) throws Exception {
        WorkstreamSetup setup = new WorkstreamSetup("job", planJson, "shop", id, id, "shop/" + id, origin.fileUrl(), base,
                new CommandWorker(script), Map.of());
        PreparedWorkstream prepared = new WorkstreamPreparation(tmp.resolve("agent1/cache"), null).prepare(setup, workerWorkspace);
        int exit = WorkstreamOnAgentTest.runAsSh(prepared);
        CollectedWorkstream collected = new WorkstreamCollection().collect(setup, workerWorkspace, exit, pusher, 1);
        lastCollected = collected;
        if (collected.getBundle() != null) {
            // stash on agent 1, unstash on agent 2
            Path from = workerWorkspace.resolve(collected.getArtifactsDir()).resolve(collected.getBundle());
            Path to = integrationWorkspace.resolve(collected.getArtifactsDir()).resolve(collected.getBundle());
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
        return new IntegrationSetup.Branch(id, "shop/" + id, collected.getStatus().equals("UNSTABLE"),
                collected.getHeadSha(), collected.getCommits());
    }

    IntegrationReport integrateOnAgent2(List<IntegrationSetup.Branch> branches) {
        return new IntegrationOnAgent(tmp.resolve("agent2/cache"), null)
                .integrate(new IntegrationSetup(origin.fileUrl(), "shop", base, branches, false), integrationWorkspace);
    }

    @Test
    void mergesEveryBranchNoFfInDependencyOrderOnAnotherAgent() throws Exception {
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        branches.add(runOnAgent1("api", "echo api > api.txt && git add api.txt && git commit -qm api && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("ui", "echo ui > ui.txt && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("docs", "echo docs > docs.txt"));

        IntegrationReport report = integrateOnAgent2(branches);

        assertThat(report.getBranch()).isEqualTo("shop/integration");
        assertThat(report.getMerged()).containsExactly("api", "ui", "docs (unstable)");
        assertThat(report.getNotMerged()).isEmpty();
        Path worktree = Path.of(report.getPath());
        assertThat(worktree.resolve("api.txt")).hasContent("api");
        assertThat(worktree.resolve("ui.txt")).hasContent("ui");
        assertThat(worktree.resolve("docs.txt")).hasContent("docs");
        String merges = origin.gitCli().output(worktree, "log", "--merges", "--format=%s", base + "..HEAD");
        assertThat(merges.lines().count()).as("one --no-ff merge commit per workstream").isEqualTo(3);
        assertThat(origin.gitCli().output(worktree, "rev-parse", "HEAD")).isEqualTo(report.getHeadSha());
        Path reports = integrationWorkspace.resolve(".dispatch-plan/integration");
        assertThat(Files.readString(reports.resolve("INTEGRATION.md"))).contains("shop/integration").contains("docs");
        assertThat(reports.resolve("report.json")).exists();
    }

    @Test
    void theIntegrationBranchIsArchivedAsABundleThatAFreshCloneFetchesWithTheGivenLine() throws Exception {
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        branches.add(runOnAgent1("api", "echo api > api.txt && git add api.txt && git commit -qm api && echo ok > \"$RESULTS_FILE\""));

        IntegrationReport report = integrateOnAgent2(branches);

        assertThat(report.getBundle()).isEqualTo("integration/integration.bundle");
        Path bundle = integrationWorkspace.resolve(".dispatch-plan/integration/integration.bundle");
        assertThat(bundle).isRegularFile();
        assertThat(report.getFetchCommand()).startsWith("git fetch integration.bundle shop/integration:shop/integration");
        assertThat(Files.readString(integrationWorkspace.resolve(".dispatch-plan/integration/INTEGRATION.md")))
                .contains("## Get the integration branch").contains("git fetch integration.bundle shop/integration:shop/integration");
        // A user's fresh clone, the downloaded artifact beside it, the line as given.
        Path clone = tmp.resolve("user-clone");
        origin.gitCli().run(tmp, "clone", "-q", origin.fileUrl(), clone.toString());
        Files.copy(bundle, clone.resolve("integration.bundle"));
        Process fetch = new ProcessBuilder("sh", "-c", report.getFetchCommand()).directory(clone.toFile())
                .redirectErrorStream(true).start();
        String out = new String(fetch.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(fetch.waitFor()).as(out).isZero();
        assertThat(origin.gitCli().output(clone, "rev-parse", "refs/heads/shop/integration")).isEqualTo(report.getHeadSha());
    }

    @Test
    void withTheBuildUrlTheFetchLineDownloadsTheArtifactFirst() {
        assertThat(IntegrationBundle.fetchCommand("https://ci.example.com/job/shop/7/", "shop/integration")).isEqualTo(
                "curl -fsSL -o integration.bundle 'https://ci.example.com/job/shop/7/artifact/integration/integration.bundle'"
                        + " && git fetch integration.bundle shop/integration:shop/integration");
    }

    @Test
    void aConflictingBranchIsLeftOutWithItsFilesAndTheRestMerged() throws Exception {
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        branches.add(runOnAgent1("api", "echo api-version > app.txt && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("ui", "echo ui-version > app.txt && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("docs", "echo docs > docs.txt && echo ok > \"$RESULTS_FILE\""));

        IntegrationReport report = integrateOnAgent2(branches);

        assertThat(report.getMerged()).containsExactly("api", "docs");
        assertThat(report.getNotMerged()).singleElement().asString().startsWith("ui: conflict in app.txt");
        Path worktree = Path.of(report.getPath());
        assertThat(worktree.resolve("app.txt")).hasContent("api-version");
        assertThat(Files.readString(worktree.resolve("app.txt"))).doesNotContain("<<<<<<<");
    }

    @Test
    void withPushTheWorkstreamBranchesAndTheIntegrationBranchReachTheRepository() throws Exception {
        BranchPusher pusher = new BranchPusher.Cli();
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        branches.add(runOnAgent1("api", "echo api > api.txt && echo ok > \"$RESULTS_FILE\"", pusher));
        assertThat(lastCollected.getStatus()).isEqualTo("SUCCESS");

        IntegrationReport report = new IntegrationOnAgent(tmp.resolve("agent2/cache"), null)
                .integrate(new IntegrationSetup(origin.fileUrl(), "shop", base, branches, false), integrationWorkspace, pusher);

        assertThat(report.getPushProblem()).isNull();
        assertThat(origin.revParse("refs/heads/shop/api")).isEqualTo(lastCollected.getHeadSha());
        assertThat(origin.revParse("refs/heads/shop/integration")).isEqualTo(report.getHeadSha());
    }

    @Test
    void aRejectedPushMakesTheWorkstreamUnstableWithTheReasonAndKeepsItsWork() throws Exception {
        origin.branch("shop/api").checkout("shop/api");
        origin.commitFile("other.txt", "someone else\n", "diverged");
        origin.checkout(base);

        runOnAgent1("api", "echo api > api.txt && echo ok > \"$RESULTS_FILE\"", new BranchPusher.Cli());

        assertThat(lastCollected.getStatus()).isEqualTo("UNSTABLE");
        assertThat(lastCollected.getReason()).startsWith("could not push shop/api to ");
        assertThat(lastCollected.getBundle()).as("the work still travels to integration").isNotNull();
    }

    /** Runs every check; each sources the library, so a call to a function a branch renamed fails. */
    static final String CHECK = "for f in checks/*.sh; do sh -e \"$f\" || { echo \"FAILED: $f\"; exit 1; }; done\n";

    /** What the Pipeline does with each verify run the step asks for: a real sh in the worktree, then its status. */
    static IntegrationReport driveVerifyRuns(IntegrationOnAgent agent, IntegrationSetup setup, Path workspace,
            List<String> labels) throws Exception {
        IntegrationReport report = agent.integrate(setup, workspace);
        while (report.getVerifyScript() != null) {
            labels.add(report.getVerifyLabel());
            Process sh = new ProcessBuilder("sh", "-c", report.getVerifyScript())
                    .directory(Path.of(report.getPath()).toFile()).redirectErrorStream(true).start();
            sh.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(sh.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // As the build saves and loads it (build.xml), which a controller restart between the runs goes through.
            setup.progress = io.jenkins.plugins.dispatchplan.BuildXml.roundTrip(setup.progress);
            setup.progress.verified(sh.exitValue(), System.currentTimeMillis());
            setup.progress = io.jenkins.plugins.dispatchplan.BuildXml.roundTrip(setup.progress);
            report = agent.integrate(setup, workspace);
        }
        return report;
    }

    @Test
    void theMergeThatBreaksVerifyIsFoundThroughVerifyRunsThePipelineMakes() throws Exception {
        base = origin.commitFiles("a library and its checks", Map.of("lib.sh", "greet() { echo \"hello $1\"; }\n",
                "checks/main.sh", ". ./lib.sh\ngreet world\n", "check.sh", CHECK));
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        branches.add(runOnAgent1("api", "printf 'say_hello() { echo hi; }\\n' > lib.sh && printf '. ./lib.sh\\nsay_hello"
                + " world\\n' > checks/main.sh && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("ui", "echo ui > ui.txt && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("docs", "printf '. ./lib.sh\\ngreet docs\\n' > checks/docs.sh && echo ok > \"$RESULTS_FILE\""));
        IntegrationSetup setup = new IntegrationSetup(origin.fileUrl(), "shop", base, branches, false);
        setup.verify = "sh check.sh";
        setup.progress = new io.jenkins.plugins.dispatchplan.run.IntegrationProgress(System.currentTimeMillis());
        IntegrationOnAgent agent = new IntegrationOnAgent(tmp.resolve("agent2/cache"), null);
        List<String> labels = new ArrayList<>();

        IntegrationReport report = driveVerifyRuns(agent, setup, integrationWorkspace, labels);

        assertThat(labels).containsExactly("verify 1: every merge", "verify 2: the merges up to api",
                "verify 3: the merges up to ui");
        assertThat(report.getMerged()).containsExactly("api", "ui");
        assertThat(report.getNotMerged()).singleElement().asString().startsWith("docs: breaks verify");
        assertThat(report.getVerifyPassed()).isTrue();
        assertThat(report.getVerifyMessage()).contains("docs breaks verify");
        assertThat(Path.of(report.getPath()).resolve("checks/docs.sh")).doesNotExist();
        Path reports = integrationWorkspace.resolve(".dispatch-plan/integration");
        assertThat(Files.readString(reports.resolve("INTEGRATION.md"))).contains("## Breaks verify",
                "FAILED: checks/docs.sh", "Verify runs:");
        assertThat(Files.readString(reports.resolve("verify.log"))).contains("FAILED: checks/docs.sh");
        assertThat(reports.resolve("verify-3.log")).exists();
        IntegrationRuns runs = report.takeRuns();
        assertThat(runs.verifyRuns()).extracting(r -> r.getNumber() + " " + r.getTested() + " " + r.getMerged() + " "
                + (r.isPassed() ? "passed" : "failed " + r.getExitCode())).containsExactly(
                        "1 every merge [api, ui, docs] failed 1", "2 the merges up to api [api] passed",
                        "3 the merges up to ui [api, ui] passed");
        assertThat(runs.verifyRuns()).extracting(VerifyRunRecord::getLogArtifact).allSatisfy(artifact ->
                assertThat(integrationWorkspace.resolve(".dispatch-plan").resolve(artifact)).exists());
        assertThat(runs.verifyRuns().get(2).getCommit()).isEqualTo(report.getHeadSha());
        assertThat(runs.breaksVerify()).singleElement().asString()
                .startsWith("docs (shop/docs): breaks verify: verify failed with it (run 1) and passes without it");
        assertThat(runs.resolverRuns()).isEmpty();
        assertThat(report.takeRuns()).as("taken out before the Pipeline gets the report").isNull();
        Path cacheRepository = Path.of(origin.gitCli().output(Path.of(report.getPath()), "rev-parse",
                "--path-format=absolute", "--git-common-dir"));
        assertThat(origin.gitCli().output(cacheRepository, "branch", "--list", "shop/integration-*"))
                .as("no old integration branch kept aside per verify run").isBlank();
    }

    @Test
    void aConflictIsResolvedOnTheAgentByTheResolverAndItsMergeSaysSo() throws Exception {
        List<IntegrationSetup.Branch> branches = new ArrayList<>();
        branches.add(runOnAgent1("api", "echo api-version > app.txt && echo ok > \"$RESULTS_FILE\""));
        branches.add(runOnAgent1("docs", "echo docs-version > app.txt && echo ok > \"$RESULTS_FILE\""));
        IntegrationSetup setup = new IntegrationSetup(origin.fileUrl(), "shop", base, branches, false);
        setup.resolver = new CommandWorker("cp \"$TASKS_FILE\" ../../resolve-prompt.md && echo api-and-docs > app.txt"
                + " && git add app.txt");
        setup.notes.add(new IntegrationSetup.Notes("api", "# Tasks of api\nChange the app.\n", "Changed it for the API."));
        setup.notes.add(new IntegrationSetup.Notes("docs", "# Tasks of docs\nDocument the app.\n", null));
        setup.progress = new io.jenkins.plugins.dispatchplan.run.IntegrationProgress(System.currentTimeMillis());

        IntegrationReport report = new IntegrationOnAgent(tmp.resolve("agent2/cache"), null).integrate(setup,
                integrationWorkspace);

        assertThat(report.getMerged()).containsExactly("api", "docs");
        Path worktree = Path.of(report.getPath());
        assertThat(worktree.resolve("app.txt")).hasContent("api-and-docs");
        assertThat(origin.gitCli().output(worktree, "log", "-1", "--format=%B"))
                .contains("Resolved-by: dispatch-plan resolver (command)");
        assertThat(Files.readString(integrationWorkspace.resolve("resolve-prompt.md"))).contains("Change the app.",
                "Changed it for the API.", "Document the app.", "`app.txt`");
        assertThat(Files.readString(integrationWorkspace.resolve(".dispatch-plan/integration/INTEGRATION.md")))
                .contains("## Conflict resolver", "**accepted**");
        assertThat(integrationWorkspace.resolve(".dispatch-plan/resolver/docs/RESOLVE.md")).exists();
        ResolverRunRecord resolved = report.takeRuns().resolverRuns().get(0);
        assertThat(resolved.getWorkstreamId()).isEqualTo("docs");
        assertThat(resolved.isAccepted()).isTrue();
        assertThat(resolved.getFiles()).containsExactly("app.txt");
        assertThat(resolved.getWorker()).isEqualTo("command");
        assertThat(resolved.getMergeCommit()).isEqualTo(report.getHeadSha());
        assertThat(resolved.getReason()).isEqualTo("conflicts in app.txt resolved by the resolver (command)");
    }
}
