package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.steps.CollectedWorkstream;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.PreparedWorkstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.PlanJson;
import io.dispatchplan.testsupport.TempRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-side code with links committed to the repository or planted in the workspace (in a multibranch job a pull
 * request's files arrive under the target branch's Jenkinsfile): each aims at a canary outside, which is neither
 * written nor read into anything archived or sent to the controller.
 */
class SymlinksOnAgentTest {
    static final String SECRET = "CANARY-SECRET-5d0e";
    static final String PLAN = "feature: shop\nworkstreams:\n  - {id: api, title: REST API}\n";

    @TempDir
    Path tmp;
    TempRepo origin;
    Path home;
    Path canary;
    Path cache;
    Path workspace;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        canary = Files.writeString(home.resolve("id_rsa"), "-----BEGIN " + SECRET + "-----\n");
        origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("README.md", "shop\n"));
        cache = tmp.resolve("agent/dispatch-plan/repositories");
        workspace = Files.createDirectories(tmp.resolve("agent/workspace/job"));
    }

    private void commitLink(String name, Path target) throws IOException {
        Path link = origin.dir().resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
        origin.commit("link " + name);
    }

    private WorkstreamSetup setup(String script) throws Exception {
        Plan plan = new ReadPlanStep().parse(PLAN, "plan.yaml");
        return new WorkstreamSetup("job", PlanJson.write(plan), "shop", "api", "REST API", "shop/api", origin.fileUrl(),
                origin.head(), new CommandWorker(script), Map.of());
    }

    private PreparedWorkstream prepare(WorkstreamSetup setup) throws Exception {
        return new WorkstreamPreparation(cache, null).prepare(setup, workspace);
    }

    private CollectedWorkstream runAndCollect(WorkstreamSetup setup) throws Exception {
        int exit = WorkstreamOnAgentTest.runAsSh(prepare(setup));
        return new WorkstreamCollection().collect(setup, workspace, exit);
    }

    /** The canary is unchanged and nothing under the agent (workspace, state, cache) holds its content. */
    private void assertCanaryNeitherWrittenNorRead() throws IOException {
        assertThat(canary).hasContent("-----BEGIN " + SECRET + "-----");
        try (Stream<Path> files = Files.walk(tmp.resolve("agent"))) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(SECRET);
            }
        }
    }

    private static final String WORK = "echo work > work.txt && git add work.txt && git commit -qm work";

    @Test
    void aCommittedTasksMdLinkIsReplacedByTheTasks() throws Exception {
        commitLink("TASKS.md", canary);

        CollectedWorkstream done = runAndCollect(setup(WORK + " && echo '# Results' > RESULTS.md"));

        assertThat(done.getStatus()).as(done.getReason()).isEqualTo("SUCCESS");
        Path archived = workspace.resolve(".dispatch-plan/workstreams/api/TASKS.md");
        assertThat(archived).content().contains("REST API");
        assertThat(Files.isSymbolicLink(archived)).isFalse();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aResultsMdLinkIsNeitherArchivedNorSentToTheController() throws Exception {
        CollectedWorkstream done = runAndCollect(setup(WORK + " && ln -s '" + canary + "' RESULTS.md"));

        assertThat(done.getStatus()).isEqualTo("UNSTABLE");
        assertThat(done.getReason()).contains("RESULTS.md is a symbolic link").doesNotContain(SECRET);
        assertThat(done.resultsMarkdown()).isNull();
        assertThat(workspace.resolve(".dispatch-plan/workstreams/api/RESULTS.md")).doesNotExist();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedTemplateLinkIsAnErrorNamingIt() throws Exception {
        commitLink(".dispatch-plan/TASKS.md.template", canary);

        assertThatThrownBy(() -> prepare(setup("true")))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("shop/api/.dispatch-plan/TASKS.md.template is a symbolic link");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedDirectoryLinkNamedLikeTheFeaturePutsNoWorktreeOutside() throws Exception {
        Path gitConfig = Files.createDirectories(home.resolve(".config/git"));
        Files.createSymbolicLink(workspace.resolve("shop"), gitConfig);

        assertThatThrownBy(() -> prepare(setup("true")))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(workspace.resolve("shop") + " is a symbolic link");
        try (Stream<Path> written = Files.list(gitConfig)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aDispatchPlanLinkInTheWorkspaceGetsNoArchiveOrBundleWrittenThroughIt() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve(".dispatch-plan"), elsewhere);
        WorkstreamSetup setup = setup(WORK + " && echo '# Results' > RESULTS.md");
        int exit = WorkstreamOnAgentTest.runAsSh(prepare(setup));

        assertThatThrownBy(() -> new WorkstreamCollection().collect(setup, workspace, exit))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(workspace.resolve(".dispatch-plan") + " is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void logsAndStateFilesThatAreLinksAreReplacedNotWrittenThrough() throws Exception {
        WorkstreamSetup setup = setup(WORK + " && echo out && echo '# Results' > RESULTS.md");
        Path state = setup.stateDir(workspace);
        Files.createDirectories(state);
        List<Path> logs = List.of(state.resolve("worker.stdout.log"), state.resolve("worker.stderr.log"),
                state.resolve("worker-result.json"));
        for (Path log : logs) {
            Files.createSymbolicLink(log, canary);
        }

        CollectedWorkstream done = runAndCollect(setup);

        assertThat(done.getStatus()).as(done.getReason()).isEqualTo("SUCCESS");
        for (Path log : logs) {
            assertThat(Files.isSymbolicLink(log)).as(log.toString()).isFalse();
        }
        assertThat(state.resolve("worker.stdout.log")).hasContent("out");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aWorktreeincludeLinkInTheWorkspaceIsAnErrorAndUntrackedLinksAreNotCopied() throws Exception {
        Files.createSymbolicLink(workspace.resolve(".env"), canary);
        WorkstreamSetup withEnv = setup("true");
        withEnv.include = new java.util.ArrayList<>(List.of(".env"));

        prepare(withEnv);
        Path worktree = workspace.resolve("shop/api");
        assertThat(Files.exists(worktree.resolve(".env"), LinkOption.NOFOLLOW_LINKS)).isFalse();

        Files.writeString(home.resolve("include"), "*\n");
        Files.createSymbolicLink(workspace.resolve(".worktreeinclude"), home.resolve("include"));
        assertThatThrownBy(() -> prepare(setup("true")))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(workspace.resolve(".worktreeinclude") + " is a symbolic link");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedEnvLinkGetsNoPortWrittenThroughIt() throws Exception {
        commitLink(".env", canary);
        WorkstreamSetup withPorts = setup("true");
        withPorts.basePort = 4000;

        assertThatThrownBy(() -> prepare(withPorts))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("shop/api/.env is a symbolic link");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void thePlanFileInTheWorkspaceIsNotReadThroughALinkAndPlanFilesReplaceLinks() throws Exception {
        Files.createSymbolicLink(workspace.resolve("plan.md"), canary);
        Files.createDirectories(workspace.resolve(".dispatch-plan"));
        Files.createSymbolicLink(workspace.resolve(".dispatch-plan/plan.json"), canary);

        assertThatThrownBy(() -> WorkspacePlanFiles.readPlan(workspace, "plan.md"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("plan.md is a symbolic link");
        assertThatThrownBy(() -> WorkspacePlanFiles.readPlan(workspace, "../../../home/id_rsa"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("is not inside " + workspace);
        WorkspacePlanFiles.write(workspace, ".dispatch-plan", Map.of("plan.json", "{}", "plan.mmd", "graph"));

        assertThat(workspace.resolve(".dispatch-plan/plan.json")).hasContent("{}");
        assertThat(Files.isSymbolicLink(workspace.resolve(".dispatch-plan/plan.json"))).isFalse();
        assertThat(WorkspacePlanFiles.readPlan(workspace, ".dispatch-plan/plan.mmd")).contains("graph");
        assertThat(WorkspacePlanFiles.readPlan(workspace, "nope.md")).isEmpty();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aDispatchPlanDirectoryLinkGetsNoPlanFilesWrittenThroughIt() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve(".dispatch-plan"), elsewhere);

        assertThatThrownBy(() -> WorkspacePlanFiles.write(workspace, ".dispatch-plan", Map.of("plan.json", "{}")))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(workspace.resolve(".dispatch-plan") + " is a symbolic link");
        assertThat(elsewhere.resolve("plan.json")).doesNotExist();
    }

    @Test
    void aPlanCommittedAsALinkIsNotReadFromTheRepository() throws Exception {
        commitLink("plans/plan.yaml", canary);

        assertThatThrownBy(() -> new RepositoryPlanSource(tmp.resolve("agent/cache"), null).read(origin.fileUrl(), null,
                "plans/plan.yaml"))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("plans/plan.yaml is a symbolic link").hasMessageNotContaining(SECRET);
    }

    @Test
    void integrationWritesNoReportAndMakesNoWorktreeThroughALink() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Path integrationWorkspace = Files.createDirectories(tmp.resolve("agent/workspace/integrate"));
        Files.createDirectories(integrationWorkspace.resolve(".dispatch-plan"));
        Files.createSymbolicLink(integrationWorkspace.resolve(".dispatch-plan/integration"), elsewhere);
        IntegrationSetup setup = new IntegrationSetup(origin.fileUrl(), "shop", origin.head(), List.of(), false);

        assertThatThrownBy(() -> new IntegrationOnAgent(tmp.resolve("agent/cache2"), null).integrate(setup,
                integrationWorkspace))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(integrationWorkspace.resolve(".dispatch-plan/integration") + " is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }

        Path secondWorkspace = Files.createDirectories(tmp.resolve("agent/workspace/integrate2"));
        Files.createSymbolicLink(secondWorkspace.resolve("shop"), elsewhere);
        assertThatThrownBy(() -> new IntegrationOnAgent(tmp.resolve("agent/cache2"), null).integrate(setup,
                secondWorkspace))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(secondWorkspace.resolve("shop") + " is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }
}
