package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import io.dispatchplan.worktree.PortBlock;
import io.dispatchplan.worktree.SetupOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repository content is untrusted: a symbolic link committed to it (or planted by a worker) never makes a run read
 * or write the file it points at. Each test aims a link at a canary outside the repository and checks the canary is
 * neither written nor copied into the run's files, with the error or replacement as designed.
 */
class SymlinksAreNeverFollowedTest {
    static final String SECRET = "CANARY-SECRET-7f3a";

    @TempDir
    Path dir;
    TempRepo repo;
    Path home;
    Path canary;

    @BeforeEach
    void repositoryAndCanary() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        canary = Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = " + SECRET + "\n");
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "shop\n"));
    }

    private void commitLink(String name, Path target) throws IOException {
        Path link = repo.dir().resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
        repo.commit("link " + name);
    }

    private static CommandWorker worker(String script) {
        return CommandWorker.shell(script);
    }

    private static final String WRITES_RESULTS = "echo work > work.txt && git add work.txt && git commit -qm work"
            + " && echo '# Results' > RESULTS.md";

    private RunResult run(String planYaml, CommandWorker worker, java.util.function.Consumer<RunOptions.Builder> options)
            throws Exception {
        RunOptions.Builder builder = RunOptions.builder(repo.dir(), repo.dir().resolve(".dispatch-plan/runs/shop"), worker)
                .retry(RetryPolicy.none()).keepWorktrees(true);
        options.accept(builder);
        return new LocalDispatcher().run(Plans.yaml(planYaml), builder.build(), RunListener.NONE);
    }

    private RunResult runOne(CommandWorker worker) throws Exception {
        return run("feature: shop\nworkstreams: [{id: api, title: REST API}]", worker, o -> { });
    }

    private Path worktree(String id) {
        return repo.dir().resolve(".dispatch-plan/runs/shop/worktrees/shop").resolve(id);
    }

    private Path archive(String id) {
        return repo.dir().resolve(".dispatch-plan/runs/shop/workstreams").resolve(id);
    }

    /** The canary is as it was, and no file the run wrote holds its content. */
    private void assertCanaryNeitherWrittenNorRead() throws IOException {
        assertThat(canary).hasContent("[user]\n\tname = " + SECRET);
        try (Stream<Path> files = Files.walk(repo.dir())) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (!file.toString().contains("/.git/")) {
                    assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).as(file.toString())
                            .doesNotContain(SECRET);
                }
            }
        }
    }

    private static WorkstreamReport only(RunResult result) {
        return result.report().workstreams().get(0);
    }

    @Test
    void aCommittedTasksMdLinkIsReplacedByTheTasksNeverWrittenThrough() throws Exception {
        commitLink("TASKS.md", canary);

        RunResult result = runOne(worker(WRITES_RESULTS));

        assertThat(only(result).status()).as(only(result).reason()).isEqualTo("SUCCEEDED");
        assertThat(Files.isSymbolicLink(worktree("api").resolve("TASKS.md"))).isFalse();
        assertThat(worktree("api").resolve("TASKS.md")).content().contains("REST API");
        assertThat(archive("api").resolve("TASKS.md")).content().contains("REST API");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aResultsMdLinkIsNeverArchivedAndMakesTheWorkstreamUnstable() throws Exception {
        RunResult result = runOne(worker("echo work > work.txt && git add work.txt && git commit -qm work"
                + " && ln -s '" + canary + "' RESULTS.md"));

        WorkstreamReport api = only(result);
        assertThat(api.status()).isEqualTo("UNSTABLE");
        assertThat(api.reason()).contains(worktree("api").resolve("RESULTS.md") + " is a symbolic link")
                .contains("not archived");
        assertThat(archive("api").resolve("RESULTS.md")).doesNotExist();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedResultsMdLinkIsNeitherArchivedNorSetAsideAsAnEarlierResult() throws Exception {
        commitLink("RESULTS.md", canary);

        RunResult result = runOne(worker("echo work > work.txt && git add work.txt && git commit -qm work"));

        assertThat(only(result).status()).isEqualTo("UNSTABLE");
        assertThat(archive("api").resolve("RESULTS.md")).doesNotExist();
        assertThat(archive("api").resolve("RESULTS.previous.md")).doesNotExist();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCoordinationMdLinkIsReplacedAndALinkLeftByAWorkerIsNotArchived() throws Exception {
        Files.createDirectories(worktree("api").getParent());
        Files.createSymbolicLink(worktree("api").resolveSibling("COORDINATION.md"), canary);

        RunResult result = runOne(worker(WRITES_RESULTS + " && rm \"$COORDINATION_FILE\" && ln -s '" + canary
                + "' \"$COORDINATION_FILE\""));

        assertThat(only(result).status()).as(only(result).reason()).isEqualTo("SUCCEEDED");
        assertThat(repo.dir().resolve(".dispatch-plan/runs/shop/COORDINATION.md")).doesNotExist();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedTemplateLinkAtTheBaseIsAnErrorNamingIt() throws Exception {
        commitLink(".dispatch-plan/TASKS.md.template", canary);

        assertThatThrownBy(() -> runOne(worker(WRITES_RESULTS)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(".dispatch-plan/TASKS.md.template").hasMessageContaining("symbolic link");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedTemplateDirectoryLinkAtTheBaseIsAnErrorNamingIt() throws Exception {
        Files.writeString(home.resolve("TASKS.md.template"), SECRET);
        commitLink(".dispatch-plan", home);

        assertThatThrownBy(() -> runOne(worker(WRITES_RESULTS)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(".dispatch-plan").hasMessageContaining("symbolic link");
        assertThat(home).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("runs"));
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedEnvLinkGetsNoPortWrittenThroughIt() throws Exception {
        commitLink(".env", canary);

        RunResult result = run("feature: shop\nworkstreams: [{id: api}]", worker(WRITES_RESULTS),
                o -> o.setup(SetupOptions.none().withPorts(new PortBlock(4000, 10, 0)), null));

        WorkstreamReport api = only(result);
        assertThat(api.status()).isEqualTo("FAILED");
        assertThat(api.reason()).contains(worktree("api").resolve(".env") + " is a symbolic link");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aWorktreeincludeLinkIsAnErrorAndLinkedUntrackedFilesAreNotCopied() throws Exception {
        Files.writeString(home.resolve("include"), ".env\n");
        Files.createSymbolicLink(repo.dir().resolve(".worktreeinclude"), home.resolve("include"));

        RunResult result = run("feature: shop\nworkstreams: [{id: api}]", worker(WRITES_RESULTS),
                o -> o.setup(SetupOptions.none().withSource(repo.dir()), null));

        assertThat(only(result).status()).isEqualTo("FAILED");
        assertThat(only(result).reason()).contains(repo.dir().resolve(".worktreeinclude") + " is a symbolic link");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void anUntrackedLinkIsNotCopiedIntoTheWorktree() throws Exception {
        Files.createSymbolicLink(repo.dir().resolve(".env"), canary);
        Files.writeString(repo.dir().resolve("local.properties"), "debug=true\n");

        RunResult result = run("feature: shop\nworkstreams: [{id: api}]", worker(WRITES_RESULTS),
                o -> o.setup(SetupOptions.none().withSource(repo.dir(), ".env", "local.properties"), null));

        assertThat(only(result).status()).as(only(result).reason()).isEqualTo("SUCCEEDED");
        assertThat(worktree("api").resolve("local.properties")).hasContent("debug=true");
        assertThat(worktree("api").resolve(".env")).doesNotExist();
        assertThat(Files.isSymbolicLink(worktree("api").resolve(".env"))).isFalse();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void anUntrackedFileIsNotCopiedThroughADirectoryLinkCommittedInTheWorktree() throws Exception {
        Path config = Files.createDirectories(home.resolve("config"));
        commitLink("config", config);
        // The user's checkout has a real config/ directory with an untracked file the worktree would get.
        Files.delete(repo.dir().resolve("config"));
        Files.createDirectories(repo.dir().resolve("config"));
        Files.writeString(repo.dir().resolve("config/app.env"), "KEY=value\n");

        RunResult result = run("feature: shop\nworkstreams: [{id: api}]", worker(WRITES_RESULTS),
                o -> o.setup(SetupOptions.none().withSource(repo.dir(), "config/app.env"), null));

        assertThat(only(result).status()).isEqualTo("FAILED");
        assertThat(only(result).reason()).contains(worktree("api").resolve("config") + " is a symbolic link");
        assertThat(config.resolve("app.env")).doesNotExist();
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aCommittedDispatchPlanLinkLeadsNoRunFileOutOfTheRepository() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        commitLink(".dispatch-plan", elsewhere);

        assertThatThrownBy(() -> runOne(worker(WRITES_RESULTS)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(repo.dir().resolve(".dispatch-plan") + " is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aFeatureDirectoryLinkPutsNoWorktreeOutsideTheWorktreeRoot() throws Exception {
        Path gitConfig = Files.createDirectories(home.resolve(".config/git"));
        Files.createDirectories(worktree("api").getParent().getParent());
        Files.createSymbolicLink(worktree("api").getParent(), gitConfig);

        assertThatThrownBy(() -> runOne(worker(WRITES_RESULTS)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(worktree("api").getParent() + " is a symbolic link");
        try (Stream<Path> written = Files.list(gitConfig)) {
            assertThat(written).isEmpty();
        }
    }

    /** report.json is read back by a re-run: a link there is refused by that reader already, so it is not planted. */
    @Test
    void runFilesAndWorkerLogsThatAreLinksAreReplacedNotWrittenThrough() throws Exception {
        Path out = repo.dir().resolve(".dispatch-plan/runs/shop");
        Files.createDirectories(archive("api"));
        List<Path> planted = List.of(out.resolve("plan.json"), out.resolve("plan.mmd"),
                out.resolve("INTEGRATION.md"), archive("api").resolve("worker.stdout.log"),
                archive("api").resolve("worker.stderr.log"), archive("api").resolve("worker-result.json"),
                archive("api").resolve("TASKS.md"), archive("api").resolve("RESULTS.md"));
        for (Path link : planted) {
            Files.createSymbolicLink(link, canary);
        }

        RunResult result = runOne(worker(WRITES_RESULTS + " && echo to-stdout"));

        assertThat(only(result).status()).as(only(result).reason()).isEqualTo("SUCCEEDED");
        for (Path file : planted) {
            assertThat(Files.isSymbolicLink(file)).as(file.toString()).isFalse();
            assertThat(file).as(file.toString()).isRegularFile();
        }
        assertThat(archive("api").resolve("worker.stdout.log")).hasContent("to-stdout");
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void aLogTheWorkerSwappedForALinkIsNotReadIntoTheReport() throws Exception {
        Path stderrLog = archive("api").resolve("worker.stderr.log");

        RunResult result = runOne(worker("echo failing >&2; ln -sf '" + canary + "' '" + stderrLog + "'; exit 3"));

        assertThat(only(result).status()).isEqualTo("FAILED");
        assertThat(only(result).reason()).doesNotContain(SECRET);
        assertCanaryNeitherWrittenNorRead();
    }

    @Test
    void anArchiveDirectoryLinkIsNotWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("archive"));
        Files.createDirectories(archive("api").getParent());
        Files.createSymbolicLink(archive("api"), elsewhere);

        RunResult result = runOne(worker(WRITES_RESULTS));

        assertThat(only(result).status()).isEqualTo("FAILED");
        assertThat(only(result).reason()).contains(archive("api") + " is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aPlanFileThatIsALinkIsRefusedNamingIt() throws Exception {
        Files.createSymbolicLink(repo.dir().resolve("plan.md"), canary);

        assertThatThrownBy(() -> PlanReader.read(repo.dir().resolve("plan.md"), PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("plan.md").hasMessageContaining("symbolic link")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aPlanFileBelowADirectoryLinkInTheRepositoryIsRefusedNamingIt() throws Exception {
        Path specs = Files.createDirectories(home.resolve("specs"));
        Files.writeString(specs.resolve("plan.yaml"), "workstreams: [{id: " + SECRET.toLowerCase() + "}]\n");
        commitLink("specs", specs);

        assertThatThrownBy(() -> PlanReader.read(repo.dir(), repo.dir().resolve("specs/plan.yaml"), PlanOptions.defaults()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining(repo.dir().resolve("specs") + " is a symbolic link");
    }

    @Test
    void theNormalFlowWithoutLinksStillArchivesEverything() throws Exception {
        repo.write(".dispatch-plan/TASKS.md.template", "# Own template for {{id}}\n").commit("template");
        Files.writeString(repo.dir().resolve(".env"), "PORT=1\n");

        RunResult result = run("feature: shop\nworkstreams: [{id: api}]", worker(WRITES_RESULTS),
                o -> o.setup(SetupOptions.none().withSource(repo.dir(), ".env").withPorts(new PortBlock(4000, 10, 0)), null));

        assertThat(only(result).status()).as(only(result).reason()).isEqualTo("SUCCEEDED");
        assertThat(worktree("api").resolve("TASKS.md")).hasContent("# Own template for api");
        assertThat(worktree("api").resolve(".env")).hasContent("PORT=4000");
        assertThat(archive("api").resolve("RESULTS.md")).hasContent("# Results");
        assertThat(archive("api").resolve("TASKS.md")).hasContent("# Own template for api");
        assertThat(repo.dir().resolve(".dispatch-plan/runs/shop/plan.json")).isRegularFile();
        assertThat(repo.dir().resolve(".dispatch-plan/runs/shop/COORDINATION.md")).isRegularFile();
        Plan plan = PlanReader.read(repo.dir(), repo.dir().resolve(".dispatch-plan/runs/shop/plan.json"),
                PlanOptions.defaults());
        assertThat(plan.ids()).containsExactly("api");
    }
}
