package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When verify fails on the integrated tree, the integration finds the merges that break it (bisection over the merge
 * sequence), leaves them out with their dependents, and ends on a branch where verify passes. Real git, and verify is
 * a real {@code sh} running checks against a small shell library.
 */
class VerifyCulpritsTest {

    private static final CommitIdentity ROBOT = new CommitIdentity("Dispatch Robot", "robot@dispatch-plan.invalid");

    /** Runs every check; each sources the library and calls its functions, so a call to a gone function fails. */
    static final String CHECK = """
            for f in checks/*.sh; do
              sh -e "$f" || { echo "FAILED: $f"; exit 1; }
            done
            echo "all checks passed"
            """;

    /**
     * A shell library with one function, a check that calls it, and {@link #CHECK}; {@code more} are further paths
     * and contents.
     */
    static Map<String, String> libraryWithChecks(String... more) {
        Map<String, String> files = new java.util.LinkedHashMap<>(files(
                "lib.sh", "greet() { echo \"hello $1\"; }\n",
                "checks/main.sh", ". ./lib.sh\ngreet world\n",
                "check.sh", CHECK));
        files.putAll(files(more));
        return files;
    }

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final Integrator integrator = new Integrator(git, new ProcessRunner());
    private TempRepo repo;
    private String base;
    private Path integrationWorktree;
    private Path counter;

    @BeforeEach
    void setUp() {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), libraryWithChecks());
        base = repo.head();
        integrationWorktree = tmp.resolve("work/chat/integration");
        counter = tmp.resolve("verify-runs.txt");
    }

    /** A workstream branch from {@code from} with one commit of {@code changes}. */
    private String workstream(String id, String from, Map<String, String> changes) {
        repo.branch("chat/" + id, from).checkout("chat/" + id);
        String tip = repo.commitFiles("work of " + id, changes);
        repo.checkout("main");
        return tip;
    }

    /** Renames greet to say_hello and updates every caller the base has. */
    private String renamer(String id) {
        return workstream(id, base, files("lib.sh", "say_hello() { echo \"hello $1\"; }\n",
                "checks/main.sh", ". ./lib.sh\nsay_hello world\n"));
    }

    /** Adds a check that calls greet by its old name. */
    private String oldNameCaller(String id) {
        return workstream(id, base, files("checks/" + id + ".sh", ". ./lib.sh\ngreet " + id + "\n"));
    }

    private String harmless(String id) {
        return workstream(id, base, files("docs/" + id + ".txt", id + "\n"));
    }

    private static BranchToMerge branch(String id, String... dependsOn) {
        return new BranchToMerge(id, "chat/" + id, false, List.of(dependsOn));
    }

    private IntegrationRequest request(BranchToMerge... branches) {
        return new IntegrationRequest(repo.dir(), "chat", base, null, List.of(branches), ConflictPolicy.SKIP,
                List.of("sh", "-c", "echo run >> '" + counter + "' && sh check.sh"), null, integrationWorktree, ROBOT);
    }

    private long verifyProcesses() throws IOException {
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    private List<String> firstParentSubjects() {
        return repo.git("log", "--first-parent", "--format=%s", base + "..chat/integration").lines().toList();
    }

    private static MergeRecord merge(IntegrationResult result, String id) {
        return result.merges().stream().filter(m -> m.workstreamId().equals(id)).findFirst().orElseThrow();
    }

    /** Nothing mid-merge, nothing changed, no conflict marker: and verify passes on it when run again by hand. */
    private void assertPristine() {
        assertThat(git.output(integrationWorktree, "status", "--porcelain")).isEmpty();
        assertThat(git.gitPath(integrationWorktree, "MERGE_HEAD")).doesNotExist();
        assertThat(git.currentBranch(integrationWorktree)).contains("chat/integration");
        assertThat(git.tryRun(repo.dir(), List.of("grep", "-n", "-E", "^(<<<<<<<|>>>>>>>)( |$)", "chat/integration"))
                .exitCode()).isEqualTo(1);
    }

    @Test
    void findsTheMergeThatBreaksVerifyAndRebuildsTheBranchWithoutIt() throws Exception {
        harmless("a");
        renamer("rename");
        String callerTip = oldNameCaller("caller");
        harmless("d");

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("rename"), branch("caller"),
                branch("d")));

        // Each alone is fine; together, caller calls a function rename removed.
        MergeRecord caller = merge(result, "caller");
        assertThat(caller.status()).isEqualTo(MergeStatus.BREAKS_VERIFY);
        assertThat(caller.message()).contains("breaks verify");
        assertThat(caller.mergeCommit()).isNull();
        assertThat(caller.verifyOutput()).contains("greet").contains("FAILED: checks/caller.sh");
        assertThat(List.of("a", "rename", "d")).allSatisfy(id ->
                assertThat(merge(result, id).status()).isEqualTo(MergeStatus.MERGED));
        assertThat(repo.revParse("chat/caller")).as("the culprit's branch is untouched").isEqualTo(callerTip);
        assertThat(firstParentSubjects()).containsExactly("Merge workstream d (chat/d)",
                "Merge workstream rename (chat/rename)", "Merge workstream a (chat/a)");
        assertThat(repo.filesAt("chat/integration")).doesNotContain("checks/caller.sh");
        assertThat(result.headSha()).isEqualTo(repo.revParse("chat/integration"));
        assertThat(merge(result, "d").mergeCommit()).isEqualTo(result.headSha());

        // Verify passes on the final branch: its last run is on the head.
        assertThat(result.verify().passed()).isTrue();
        VerifyRun last = result.verifyRuns().get(result.verifyRuns().size() - 1);
        assertThat(last.commit()).isEqualTo(result.headSha());
        assertThat(last.passed()).isTrue();
        assertThat(last.outputTail()).contains("all checks passed");
        assertThat(result.verifyMessage()).contains("caller breaks verify");
        assertThat(result.clean()).as("a workstream is left out").isFalse();

        // 4 merges, one culprit: the full run, log2(4) = 2 bisection steps, the rebuilt branch.
        assertThat(result.verifyRuns()).hasSize(4);
        assertThat(verifyProcesses()).isEqualTo(4);
        assertThat(result.verifyRuns()).extracting(VerifyRun::passed).containsExactly(false, true, false, true);
        assertThat(result.verifyRuns()).extracting(VerifyRun::number).containsExactly(1, 2, 3, 4);
        assertThat(result.verifyRuns().get(0).merged()).containsExactly("a", "rename", "caller", "d");
        assertThat(result.verifyRuns().get(1).merged()).containsExactly("a", "rename");
        assertThat(result.verifyRuns().get(2).merged()).containsExactly("a", "rename", "caller");
        assertThat(result.verifyRuns().get(3).merged()).containsExactly("a", "rename", "d");
        for (VerifyRun run : result.verifyRuns()) {
            assertThat(run.logFile()).exists();
            assertThat(git.hasCommit(repo.dir(), run.commit())).isTrue();
        }
        assertThat(result.verifyRuns().get(0).logFile()).isEqualTo(tmp.resolve("work/chat/integration-verify.log"));
        assertThat(result.verifyRuns().get(1).logFile()).isEqualTo(tmp.resolve("work/chat/integration-verify-2.log"));
        assertPristine();
    }

    @Test
    void theVerifyRunsStayNearLogNPlusTwoForOneCulpritAmongEight() throws Exception {
        List<String> ids = List.of("a", "b", "c", "d", "e", "caller", "g", "h");
        renamer("a");
        for (String id : ids.subList(1, ids.size())) {
            if (id.equals("caller")) {
                oldNameCaller(id);
            } else {
                harmless(id);
            }
        }

        IntegrationResult result = integrator.integrate(request(ids.stream().map(id -> branch(id))
                .toArray(BranchToMerge[]::new)));

        assertThat(merge(result, "caller").status()).isEqualTo(MergeStatus.BREAKS_VERIFY);
        assertThat(result.merges()).filteredOn(m -> m.status() == MergeStatus.MERGED).hasSize(7);
        assertThat(result.verify().passed()).isTrue();
        // Full run, log2(8) = 3 bisection steps, the rebuilt branch.
        assertThat(result.verifyRuns()).hasSize(5);
        assertThat(verifyProcesses()).isEqualTo(5);
        assertPristine();
    }

    @Test
    void verifyFailingOnTheBaseAloneQuarantinesNothing() throws Exception {
        repo.commitFile("checks/broken.sh", "no_such_function\n", "a check that always fails");
        base = repo.head();
        harmless("a");
        harmless("b");
        harmless("c");

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("b"), branch("c")));

        assertThat(result.merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(firstParentSubjects()).hasSize(3);
        assertThat(result.headSha()).isEqualTo(merge(result, "c").mergeCommit());
        assertThat(result.verify().passed()).isFalse();
        assertThat(result.verifyMessage()).contains("verify fails on the base alone").contains("nothing was left out");
        assertThat(result.verifyRuns()).anySatisfy(run -> {
            assertThat(run.commit()).isEqualTo(base);
            assertThat(run.tested()).isEqualTo("the base alone");
            assertThat(run.passed()).isFalse();
        });
        assertThat(result.verifyRuns()).allSatisfy(run -> assertThat(run.passed()).isFalse());
        assertThat(result.verifyRuns().size()).isLessThanOrEqualTo(4);
        assertThat(result.clean()).isFalse();
        assertPristine();
    }

    @Test
    void aDependentOfACulpritIsLeftOutWithItsReason() throws Exception {
        harmless("a");
        // lib renames the function but forgets the caller the base has: verify fails with lib alone.
        String libTip = workstream("lib", base, files("lib.sh", "say_hello() { echo \"hello $1\"; }\n"));
        // ext builds on lib (declared); late holds lib's work without saying so.
        String extTip = workstream("ext", libTip, files("docs/ext.txt", "ext\n"));
        workstream("late", libTip, files("docs/late.txt", "late\n"));
        harmless("z");

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("lib"), branch("ext", "lib"),
                branch("late"), branch("z")));

        assertThat(merge(result, "lib").status()).isEqualTo(MergeStatus.BREAKS_VERIFY);
        assertThat(merge(result, "lib").verifyOutput()).contains("FAILED: checks/main.sh");
        MergeRecord ext = merge(result, "ext");
        assertThat(ext.status()).isEqualTo(MergeStatus.LEFT_OUT);
        assertThat(ext.message()).isEqualTo("left out: depends on lib, which breaks verify");
        assertThat(ext.mergeCommit()).isNull();
        assertThat(merge(result, "late").status()).isEqualTo(MergeStatus.LEFT_OUT);
        assertThat(merge(result, "late").message()).contains("lib, which breaks verify");
        assertThat(merge(result, "a").status()).isEqualTo(MergeStatus.MERGED);
        assertThat(merge(result, "z").status()).isEqualTo(MergeStatus.MERGED);
        assertThat(firstParentSubjects()).containsExactly("Merge workstream z (chat/z)", "Merge workstream a (chat/a)");
        assertThat(repo.revParse("chat/ext")).isEqualTo(extTip);
        assertThat(repo.revParse("chat/lib")).isEqualTo(libTip);
        assertThat(result.verify().passed()).isTrue();
        assertThat(result.verifyMessage()).contains("lib breaks verify").contains("ext").contains("late");
        assertPristine();
    }

    @Test
    void verifyEachRunsAfterEveryMergeAndUndoesOneThatBreaksIt() throws Exception {
        harmless("a");
        renamer("rename");
        String callerTip = oldNameCaller("caller");
        workstream("more", callerTip, files("docs/more.txt", "more\n"));
        harmless("d");

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("rename"), branch("caller"),
                branch("more", "caller"), branch("d")).withVerifyEach(true));

        assertThat(result.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED,
                MergeStatus.MERGED, MergeStatus.BREAKS_VERIFY, MergeStatus.LEFT_OUT, MergeStatus.MERGED);
        assertThat(merge(result, "caller").verifyOutput()).contains("FAILED: checks/caller.sh");
        assertThat(merge(result, "more").message()).isEqualTo("left out: depends on caller, which breaks verify");
        assertThat(firstParentSubjects()).containsExactly("Merge workstream d (chat/d)",
                "Merge workstream rename (chat/rename)", "Merge workstream a (chat/a)");
        assertThat(repo.revParse("chat/caller")).isEqualTo(callerTip);
        // One run after each of the four merges; the one before caller's is known to pass, the dependent never merged.
        assertThat(verifyProcesses()).isEqualTo(4);
        assertThat(result.verifyRuns()).extracting(VerifyRun::passed).containsExactly(true, true, false, true);
        assertThat(result.verifyRuns().get(2).merged()).containsExactly("a", "rename", "caller");
        assertThat(result.verify().passed()).isTrue();
        assertThat(result.verifyRuns().get(3).commit()).isEqualTo(result.headSha());
        assertPristine();
    }

    @Test
    void verifyEachOnABaseThatFailsBlamesNoMerge() throws Exception {
        repo.commitFile("checks/broken.sh", "no_such_function\n", "a check that always fails");
        base = repo.head();
        harmless("a");
        harmless("b");

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("b")).withVerifyEach(true));

        assertThat(result.merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(firstParentSubjects()).hasSize(2);
        assertThat(result.verify().passed()).isFalse();
        assertThat(result.verifyMessage()).contains("verify fails on the base alone");
        assertThat(result.verifyRuns()).extracting(VerifyRun::tested).contains("the base alone");
        assertPristine();
    }

    @Test
    void aVerifyThatCommitsStopsTheSearchAndNothingItMadeIsLost() {
        harmless("a");
        harmless("b");
        String commitAndFail = "git -c user.name=v -c user.email=v@x.invalid commit -q --allow-empty -m 'made by verify'"
                + " && exit 1";

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("b"))
                .withVerify(List.of("sh", "-c", commitAndFail), null));

        assertThat(result.verifyRuns()).hasSize(1);
        assertThat(result.verify().passed()).isFalse();
        assertThat(result.verifyMessage()).contains("verify moved the integration worktree")
                .contains("must not commit");
        assertThat(repo.git("log", "-1", "--format=%s", "chat/integration")).isEqualTo("made by verify");
        assertThat(result.headSha()).isEqualTo(repo.revParse("chat/integration"));
    }

    @Test
    void verifyThatPassesAtOnceRunsOnce() throws Exception {
        harmless("a");
        renamer("rename");

        IntegrationResult result = integrator.integrate(request(branch("a"), branch("rename")));

        assertThat(result.verify().passed()).isTrue();
        assertThat(result.verifyRuns()).hasSize(1);
        assertThat(result.verifyRuns().get(0).tested()).isEqualTo("every merge");
        assertThat(result.verifyMessage()).isNull();
        assertThat(verifyProcesses()).isEqualTo(1);
        assertThat(result.clean()).isTrue();
    }
}
