package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegratorTest {

    private static final CommitIdentity ROBOT = new CommitIdentity("Dispatch Robot", "robot@dispatch-plan.invalid");

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final Integrator integrator = new Integrator(git, new ProcessRunner());
    private TempRepo repo;
    private String base;
    private Path integrationWorktree;

    @BeforeEach
    void setUp() {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), files(
                "README.md", "hello\n",
                "shared.txt", "line 1\nline 2\nline 3\n"));
        base = repo.head();
        integrationWorktree = tmp.resolve("work/chat/integration");
    }

    /** A workstream branch from {@code from} with one commit of {@code changes} and its RESULTS.md. */
    private String workstream(String id, String from, Map<String, String> changes) {
        String branch = "chat/" + id;
        repo.branch(branch, from).checkout(branch);
        repo.commitFiles("work of " + id, changes);
        String tip = repo.commitFile("RESULTS.md", "# Results of " + id + "\n", "results of " + id);
        repo.checkout("main");
        return tip;
    }

    private static BranchToMerge branch(String id) {
        return new BranchToMerge(id, "chat/" + id, false);
    }

    private IntegrationRequest request(ConflictPolicy policy, BranchToMerge... branches) {
        return new IntegrationRequest(repo.dir(), "chat", base, null, List.of(branches), policy, null, null,
                integrationWorktree, ROBOT);
    }

    /** No conflict markers anywhere in the tree, nothing mid-merge, nothing uncommitted. */
    private void assertPristine(String ref) {
        assertThat(git.tryRun(repo.dir(), List.of("grep", "-I", "-n", "-E", "^(<<<<<<<|=======|>>>>>>>)( |$)", ref))
                .exitCode()).as("conflict markers in %s", ref).isEqualTo(1);
        assertThat(git.tryRun(repo.dir(), List.of("diff", "--check", base, ref)).exitCode()).isZero();
        assertThat(git.output(integrationWorktree, "status", "--porcelain", "--untracked-files=all")).isEmpty();
        assertThat(git.gitPath(integrationWorktree, "MERGE_HEAD")).doesNotExist();
        assertThat(git.currentBranch(integrationWorktree)).contains("chat/integration");
    }

    private List<String> firstParentSubjects(String ref) {
        return repo.git("log", "--first-parent", "--format=%s", base + ".." + ref).lines().toList();
    }

    @Test
    void mergesEveryBranchWithItsOwnMergeCommitInTheGivenOrder() {
        String a = workstream("a", base, files("a.txt", "a\n"));
        String b = workstream("b", base, files("b.txt", "b\n", "shared.txt", "line 1\nline 2\nline 3 by b\n"));
        String c = workstream("c", base, files("c/c.txt", "c\n", "shared.txt", "line 1 by c\nline 2\nline 3\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b"),
                branch("c")));

        assertThat(result.clean()).isTrue();
        assertThat(result.stopped()).isFalse();
        assertThat(result.integrationBranch()).isEqualTo("chat/integration");
        assertThat(result.baseSha()).isEqualTo(base);
        assertThat(result.replacedHead()).isNull();
        assertThat(result.merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(result.headSha()).isEqualTo(repo.revParse("chat/integration"));
        // The first-parent chain is the integration story: one merge per workstream, in order, on top of the base.
        List<String> chain = git.output(repo.dir(), "rev-list", "--first-parent", base + "..chat/integration")
                .lines().toList();
        assertThat(chain).hasSize(3);
        assertThat(firstParentSubjects("chat/integration")).containsExactly(
                "Merge workstream c (chat/c)", "Merge workstream b (chat/b)", "Merge workstream a (chat/a)");
        List<String> tips = List.of(c, b, a);
        for (int i = 0; i < 3; i++) {
            List<String> parents = List.of(git.output(repo.dir(), "rev-list", "--parents", "-n", "1", chain.get(i))
                    .split(" "));
            assertThat(parents).hasSize(3);
            assertThat(parents.get(2)).isEqualTo(tips.get(i));
            assertThat(result.merges().get(2 - i).mergeCommit()).isEqualTo(chain.get(i));
        }
        assertThat(git.revParse(repo.dir(), chain.get(2) + "^1")).isEqualTo(base);
        assertThat(repo.git("log", "-1", "--format=%an <%ae>|%cn", "chat/integration"))
                .isEqualTo("Dispatch Robot <robot@dispatch-plan.invalid>|Dispatch Robot");
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("line 1 by c\nline 2\nline 3 by b\n");
        assertThat(repo.filesAt("chat/integration")).containsExactlyInAnyOrder("README.md", "shared.txt", "a.txt",
                "b.txt", "c/c.txt");
        assertPristine("chat/integration");
    }

    @Test
    void eachBranchesResultsFileStaysOutOfTheIntegrationSoTheyNeverConflict() {
        workstream("a", base, files("a.txt", "a\n"));
        workstream("b", base, files("b.txt", "b\n"));

        IntegrationResult kept = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));

        assertThat(kept.clean()).isTrue();
        assertThat(repo.filesAt("chat/integration")).doesNotContain("RESULTS.md");

        IntegrationResult merged = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b"))
                .withReportFiles(List.of()));

        assertThat(merged.merges()).extracting(MergeRecord::status)
                .containsExactly(MergeStatus.MERGED, MergeStatus.CONFLICT);
        assertThat(merged.merges().get(1).conflictFiles()).containsExactly("RESULTS.md");
        assertPristine("chat/integration");
    }

    @Test
    void aProjectsOwnResultsFileKeepsTheIntegrationsVersion() {
        repo.commitFile("RESULTS.md", "the project's own\n", "a tracked RESULTS.md");
        base = repo.head();
        workstream("a", base, files("a.txt", "a\n"));

        integrator.integrate(request(ConflictPolicy.SKIP, branch("a")));

        assertThat(repo.readFileAt("chat/integration", "RESULTS.md")).isEqualTo("the project's own\n");
        assertThat(repo.readFileAt("chat/integration", "a.txt")).isEqualTo("a\n");
        assertPristine("chat/integration");
    }

    @Test
    void aConflictingBranchIsSkippedWithItsFilesAndTheOthersStillMerge() {
        workstream("a", base, files("shared.txt", "line 1\nline 2 by a\nline 3\n", "a.txt", "a\n"));
        String bTip = workstream("b", base, files("shared.txt", "line 1\nline 2 by b\nline 3\n", "b.txt", "b\n"));
        workstream("c", base, files("c.txt", "c\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b"),
                branch("c")));

        assertThat(result.merges()).extracting(MergeRecord::status)
                .containsExactly(MergeStatus.MERGED, MergeStatus.CONFLICT, MergeStatus.MERGED);
        MergeRecord conflict = result.merges().get(1);
        assertThat(conflict.conflictFiles()).containsExactly("shared.txt");
        assertThat(conflict.conflictsWith()).containsExactly("a");
        assertThat(conflict.mergeCommit()).isNull();
        assertThat(conflict.message()).contains("shared.txt").contains("conflicts with a");
        assertThat(result.clean()).isFalse();
        assertThat(result.stopped()).isFalse();
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("line 1\nline 2 by a\nline 3\n");
        assertThat(repo.filesAt("chat/integration")).contains("a.txt", "c.txt").doesNotContain("b.txt");
        assertThat(firstParentSubjects("chat/integration")).containsExactly("Merge workstream c (chat/c)",
                "Merge workstream a (chat/a)");
        assertThat(repo.revParse("chat/b")).isEqualTo(bTip);
        assertPristine("chat/integration");
    }

    @Test
    void theStopPolicyEndsTheIntegrationAtTheFirstConflict() {
        workstream("a", base, files("shared.txt", "A\n"));
        workstream("b", base, files("shared.txt", "B\n"));
        workstream("c", base, files("c.txt", "c\n"));
        Path marker = tmp.resolve("verify-ran");

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.STOP, branch("a"), branch("b"),
                branch("c")).withVerify(List.of("touch", marker.toString()), null));

        assertThat(result.merges()).extracting(MergeRecord::status)
                .containsExactly(MergeStatus.MERGED, MergeStatus.CONFLICT, MergeStatus.NOT_REACHED);
        assertThat(result.merges().get(2).message()).contains("stopped at the conflict of b");
        assertThat(result.stopped()).isTrue();
        assertThat(result.clean()).isFalse();
        assertThat(result.verify().ran()).isFalse();
        assertThat(marker).doesNotExist();
        assertThat(repo.filesAt("chat/integration")).doesNotContain("c.txt");
        assertPristine("chat/integration");
    }

    @Test
    void verifyRunsInTheIntegratedTreeAndLogsBothStreams() throws Exception {
        workstream("a", base, files("a.txt", "a\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a")).withVerify(
                List.of("sh", "-c", "test -f a.txt && echo verified && echo a warning >&2"), Duration.ofMinutes(1)));

        assertThat(result.verify().ran()).isTrue();
        assertThat(result.verify().passed()).isTrue();
        assertThat(result.verify().exitCode()).isZero();
        assertThat(result.verify().logFile()).isEqualTo(tmp.resolve("work/chat/integration-verify.log"));
        assertThat(Files.readString(result.verify().logFile())).contains("verified").contains("a warning");
        assertThat(result.clean()).isTrue();
    }

    @Test
    void aFailingVerifyMakesTheIntegrationUnclean() throws Exception {
        workstream("a", base, files("a.txt", "a\n"));
        Path log = tmp.resolve("out/verify.log");

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"))
                .withVerify(List.of("sh", "-c", "echo 2 tests failed; exit 3"), null).withVerifyLog(log));

        assertThat(result.verify().passed()).isFalse();
        assertThat(result.verify().exitCode()).isEqualTo(3);
        assertThat(result.verify().timedOut()).isFalse();
        assertThat(log).content().contains("2 tests failed");
        assertThat(result.merges().get(0).status()).isEqualTo(MergeStatus.MERGED);
        assertThat(result.clean()).isFalse();
    }

    @Test
    void aVerifyPastItsTimeoutIsKilledAndFails() throws Exception {
        workstream("a", base, files("a.txt", "a\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"))
                .withVerify(List.of("sh", "-c", "echo started; sleep 60"), Duration.ofMillis(500)));

        assertThat(result.verify().timedOut()).isTrue();
        assertThat(result.verify().passed()).isFalse();
        assertThat(Files.readString(result.verify().logFile())).contains("started").contains("timed out");
        assertThat(result.clean()).isFalse();
    }

    @Test
    void aVerifyProgramThatDoesNotExistFailsWithAMessageInTheLog() throws Exception {
        workstream("a", base, files("a.txt", "a\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"))
                .withVerify(List.of("no-such-verify-program-xyz", "--all"), null));

        assertThat(result.verify().passed()).isFalse();
        assertThat(result.verify().exitCode()).isEqualTo(127);
        assertThat(Files.readString(result.verify().logFile())).contains("no-such-verify-program-xyz");
    }

    @Test
    void branchesWithoutNewCommitsHaveNothingToMerge() {
        repo.branch("chat/idle", base);
        String first = workstream("a", base, files("a.txt", "a\n"));
        repo.branch("chat/part", first + "^");

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("idle"), branch("a"),
                branch("part")));

        assertThat(result.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.NOTHING_TO_MERGE,
                MergeStatus.MERGED, MergeStatus.NOTHING_TO_MERGE);
        assertThat(result.merges().get(0).message()).contains("no commits beyond the base");
        assertThat(result.merges().get(2).message()).contains("already in the integration branch");
        assertThat(result.clean()).isTrue();
        assertThat(firstParentSubjects("chat/integration")).containsExactly("Merge workstream a (chat/a)");
    }

    @Test
    void aMissingBranchIsReportedAndTheRestMerges() {
        workstream("a", base, files("a.txt", "a\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.STOP, branch("gone"), branch("a")));

        assertThat(result.merges()).extracting(MergeRecord::status)
                .containsExactly(MergeStatus.MISSING, MergeStatus.MERGED);
        assertThat(result.merges().get(0).message()).contains("chat/gone").contains("does not exist");
        assertThat(result.stopped()).isFalse();
        assertThat(result.clean()).isFalse();
    }

    @Test
    void aBranchWithAnUnrelatedHistoryFailsAloneAndTheIntegrationGoesOn() {
        repo.git("checkout", "-q", "--orphan", "chat/stranger");
        repo.commit("a history of its own");
        repo.checkout("main");
        workstream("a", base, files("a.txt", "a\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("stranger"), branch("a")));

        assertThat(result.merges()).extracting(MergeRecord::status)
                .containsExactly(MergeStatus.FAILED, MergeStatus.MERGED);
        assertThat(result.merges().get(0).message()).contains("unrelated histories")
                .contains("left as it was");
        assertPristine("chat/integration");
    }

    @Test
    void anUnstableBranchIsMergedAndFlagged() {
        workstream("a", base, files("a.txt", "a\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP,
                new BranchToMerge("a", "chat/a", true)));

        MergeRecord merge = result.merges().get(0);
        assertThat(merge.status()).isEqualTo(MergeStatus.MERGED);
        assertThat(merge.flagged()).isTrue();
        assertThat(merge.message()).contains("flagged");
        assertThat(result.clean()).isTrue();
    }

    @Test
    void aBranchStartedFromAnOlderBaseStillMerges() {
        String oldBase = base;
        workstream("old", oldBase, files("old.txt", "from the old base\n", "shared.txt",
                "line 1\nline 2\nline 3 old\n"));
        repo.commitFiles("main moved on", files("README.md", "hello again\n", "shared.txt",
                "line 1 new\nline 2\nline 3\n"));
        base = repo.head();
        workstream("new", base, files("new.txt", "new\n"));

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("old"), branch("new")));

        assertThat(result.merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(git.revParse(repo.dir(), result.merges().get(0).mergeCommit() + "^1")).isEqualTo(base);
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("line 1 new\nline 2\nline 3 old\n");
        assertThat(repo.readFileAt("chat/integration", "README.md")).isEqualTo("hello again\n");
        assertPristine("chat/integration");
    }

    @Test
    void runningAgainRecreatesTheIntegrationBranchFromTheBase() {
        workstream("a", base, files("a.txt", "a\n"));
        workstream("b", base, files("shared.txt", "B\n"));
        IntegrationResult first = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));
        // The verify of the first run left build output behind; a worker fixed b meanwhile.
        git.run(integrationWorktree, "status");
        writeFile(integrationWorktree.resolve("build/out.txt"), "old build output");
        repo.checkout("chat/b").commitFile("b.txt", "b\n", "more work of b");
        repo.checkout("main");

        IntegrationResult second = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));

        assertThat(second.replacedHead()).isEqualTo(first.headSha());
        assertThat(second.merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(firstParentSubjects("chat/integration")).containsExactly("Merge workstream b (chat/b)",
                "Merge workstream a (chat/a)");
        assertThat(repo.filesAt("chat/integration")).contains("a.txt", "b.txt");
        assertThat(integrationWorktree.resolve("build/out.txt")).doesNotExist();
        assertPristine("chat/integration");
    }

    @Test
    void nightAfterNightTheIntegrationIsReCreatedWithoutKeepingCopiesOfOurOwnMerges() {
        workstream("a", base, files("a.txt", "a\n"));
        workstream("b", base, files("b.txt", "b\n"));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));

        integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a")));

        assertThat(repo.git("branch", "--list", "chat/integration-*")).as("every commit is on a workstream branch")
                .isBlank();
        assertThat(repo.filesAt("chat/integration")).contains("a.txt").doesNotContain("b.txt");
    }

    @Test
    void workOurOwnEarlierMergesBroughtInIsNotMistakenForWorkToKeep() {
        workstream("a", base, files("a.txt", "a\n"));
        workstream("b", base, files("b.txt", "b\n"));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));
        // The next run: a failed this time (not merged), and its branch was even moved back by hand.
        repo.git("branch", "-f", "chat/a", base);

        IntegrationResult second = integrator.integrate(request(ConflictPolicy.SKIP, branch("b")));

        assertThat(second.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED);
        assertThat(repo.filesAt("chat/integration")).contains("b.txt").doesNotContain("a.txt");
        assertThat(repo.git("branch", "--list", "chat/integration-*")).as("a's work is kept reachable")
                .contains("chat/integration-previous-1");
        assertThat(repo.filesAt("chat/integration-previous-1")).contains("a.txt");
    }

    @Test
    void anIntegrationBranchWithACommitOfItsOwnIsKeptAndTheRunRefused() {
        workstream("a", base, files("a.txt", "a\n"));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a")));
        writeFile(integrationWorktree.resolve("fix.txt"), "fixed by hand\n");
        git.commitAll(integrationWorktree, "hand fix", CommitIdentity.DEFAULT);
        String tip = repo.revParse("chat/integration");

        assertThatThrownBy(() -> integrator.integrate(request(ConflictPolicy.SKIP, branch("a"))))
                .isInstanceOf(IntegrationException.class)
                .hasMessageContaining("1 commit(s) that no workstream branch")
                .hasMessageContaining("\"hand fix\"")
                .hasMessageContaining("in the repository " + repo.dir())
                .hasMessageContaining("git -C " + repo.dir() + " log --oneline " + base + "..chat/integration")
                .hasMessageContaining("git -C " + repo.dir() + " branch -m chat/integration chat/integration-kept");

        assertThat(repo.revParse("chat/integration")).isEqualTo(tip);
        assertThat(integrationWorktree.resolve("fix.txt")).exists();
    }

    @Test
    void anIntegrationBranchWithAConflictResolvedByHandIsKept() {
        workstream("a", base, files("shared.txt", "A\n"));
        workstream("b", base, files("shared.txt", "B\n"));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));
        // What INTEGRATION.md tells a human to do.
        git.tryRun(integrationWorktree, List.of("-c", "user.name=H", "-c", "user.email=h@x.invalid", "merge",
                "--no-ff", "chat/b"));
        writeFile(integrationWorktree.resolve("shared.txt"), "A and B\n");
        writeFile(integrationWorktree.resolve("RESULTS.md"), "# Results of a\n");
        git.run(integrationWorktree, "add", "-A");
        git.run(integrationWorktree, "-c", "user.name=H", "-c", "user.email=h@x.invalid", "commit", "-q",
                "--no-edit");
        String tip = repo.revParse("chat/integration");

        assertThatThrownBy(() -> integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b"))))
                .isInstanceOf(IntegrationException.class)
                .hasMessageContaining("changes files beyond what it merged")
                .hasMessageContaining("git -C " + repo.dir() + " show --cc ")
                .hasMessageContaining("git -C " + repo.dir() + " branch -m chat/integration chat/integration-kept");

        assertThat(repo.revParse("chat/integration")).isEqualTo(tip);
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("A and B\n");
    }

    @Test
    void uncommittedEditsInTheIntegrationWorktreeAreNeverDiscarded() {
        workstream("a", base, files("a.txt", "a\n"));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a")));
        writeFile(integrationWorktree.resolve("a.txt"), "edited by hand\n");

        assertThatThrownBy(() -> integrator.integrate(request(ConflictPolicy.SKIP, branch("a"))))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("uncommitted changes");

        assertThat(integrationWorktree.resolve("a.txt")).hasContent("edited by hand");
    }

    @Test
    void aMergeLeftHalfDoneByACrashedRunIsCleanedUp() {
        workstream("a", base, files("shared.txt", "A\n"));
        workstream("b", base, files("shared.txt", "B\n"));
        integrator.integrate(request(ConflictPolicy.SKIP, branch("a")));
        git.tryRun(integrationWorktree, List.of("-c", "user.name=H", "-c", "user.email=h@x.invalid", "merge",
                "--no-ff", "chat/b"));
        assertThat(git.gitPath(integrationWorktree, "MERGE_HEAD")).exists();

        IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP, branch("a"), branch("b")));

        assertThat(result.merges()).extracting(MergeRecord::status)
                .containsExactly(MergeStatus.MERGED, MergeStatus.CONFLICT);
        assertPristine("chat/integration");
    }

    @Test
    void refusesAnIntegrationBranchCheckedOutElsewhere() {
        workstream("a", base, files("a.txt", "a\n"));
        repo.branch("chat/integration", base).checkout("chat/integration");

        assertThatThrownBy(() -> integrator.integrate(request(ConflictPolicy.SKIP, branch("a"))))
                .isInstanceOf(IntegrationException.class)
                .hasMessageContaining("chat/integration is checked out in").hasMessageContaining("repo");
    }

    @Test
    void twoWorkstreamsInConflictLeaveTheLaterOneOutWhicheverOrder() {
        workstream("x", base, files("shared.txt", "X\n"));
        workstream("y", base, files("shared.txt", "Y\n"));

        List<String> statuses = new ArrayList<>();
        for (List<String> order : List.of(List.of("x", "y"), List.of("y", "x"))) {
            IntegrationResult result = integrator.integrate(request(ConflictPolicy.SKIP,
                    order.stream().map(IntegratorTest::branch).toArray(BranchToMerge[]::new)));
            statuses.add(result.merges().get(0).workstreamId() + "=" + result.merges().get(0).status() + ","
                    + result.merges().get(1).workstreamId() + "=" + result.merges().get(1).status());
            assertPristine("chat/integration");
        }

        assertThat(statuses).containsExactly("x=MERGED,y=CONFLICT", "y=MERGED,x=CONFLICT");
    }

    private static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
