package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worker.CommandWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conflicting merge handed to a resolver worker (here scripted commands, run for real in the integration
 * worktree): its resolution is committed with a trailer only when it holds up; otherwise the branch is left out as
 * a conflict, with no marker and no half merge anywhere.
 */
class ConflictResolverTest {

    private static final CommitIdentity ROBOT = new CommitIdentity("Dispatch Robot", "robot@dispatch-plan.invalid");
    /** What a good resolution of a's and b's line 2 looks like. */
    private static final String RESOLVED = "line 1\nline 2 by a and b\nline 3\n";
    private static final String RESOLVE = "printf 'line 1\\nline 2 by a and b\\nline 3\\n' > shared.txt"
            + " && git add shared.txt";

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final Integrator integrator = new Integrator(git, new ProcessRunner());
    private TempRepo repo;
    private String base;
    private Path worktree;
    private Path notes;

    @BeforeEach
    void setUp() throws IOException {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), files(
                "README.md", "hello\n",
                "shared.txt", "line 1\nline 2\nline 3\n"));
        base = repo.head();
        worktree = tmp.resolve("work/chat/integration");
        notes = tmp.resolve("run/workstreams");
        workstream("a", files("shared.txt", "line 1\nline 2 by a\nline 3\n", "a.txt", "a\n"));
        workstream("b", files("shared.txt", "line 1\nline 2 by b\nline 3\n", "b.txt", "b\n"));
        writeNotes("a", "Make line 2 say a.", "Line 2 now says a.");
        writeNotes("b", "Make line 2 say b.", "Line 2 now says b.");
    }

    private void workstream(String id, Map<String, String> changes) {
        repo.branch("chat/" + id, base).checkout("chat/" + id);
        repo.commitFiles("work of " + id, changes);
        repo.checkout("main");
    }

    private void writeNotes(String id, String tasks, String results) throws IOException {
        Files.createDirectories(notes.resolve(id));
        Files.writeString(notes.resolve(id).resolve("TASKS.md"), "# Tasks of " + id + "\n\n" + tasks + "\n");
        Files.writeString(notes.resolve(id).resolve("RESULTS.md"), "# Results of " + id + "\n\n" + results + "\n");
    }

    private ResolverOptions resolver(String script) {
        return ResolverOptions.of(CommandWorker.shell(script), tmp.resolve("run/resolver")).withNotesDir(notes)
                .withRun(TestGit.environment(), "job", null);
    }

    private IntegrationRequest request(ResolverOptions resolver) {
        return new IntegrationRequest(repo.dir(), "chat", base, null, List.of(
                new BranchToMerge("a", "chat/a", false), new BranchToMerge("b", "chat/b", false)),
                ConflictPolicy.SKIP, null, null, worktree, ROBOT).withResolver(resolver);
    }

    /** No conflict markers anywhere in the tree, nothing mid-merge, nothing uncommitted, on the integration branch. */
    private void assertPristine() {
        assertThat(git.tryRun(repo.dir(), List.of("grep", "-I", "-n", "-E", "^(<<<<<<<|=======|>>>>>>>)( |$)",
                "chat/integration")).exitCode()).as("conflict markers in the integration branch").isEqualTo(1);
        assertThat(git.tryRun(worktree, List.of("grep", "-I", "-n", "--untracked", "-E",
                "^(<<<<<<<|=======|>>>>>>>)( |$)")).exitCode()).as("conflict markers in the worktree").isEqualTo(1);
        assertThat(git.output(worktree, "status", "--porcelain", "--untracked-files=all")).isEmpty();
        assertThat(git.gitPath(worktree, "MERGE_HEAD")).doesNotExist();
        assertThat(git.currentBranch(worktree)).contains("chat/integration");
    }

    private String mergeMessage(String ref) {
        return repo.git("log", "-1", "--format=%B", ref);
    }

    @Test
    void aConflictResolvedByACommandWorkerIsCommittedWithATrailer() throws IOException {
        Path seen = tmp.resolve("seen");
        // What the resolver saw: the conflict in git status, markers in the file, its instructions.
        String script = "git status --porcelain > " + seen.resolve("status") + " && cp shared.txt "
                + seen.resolve("shared.txt") + " && cp \"$TASKS_FILE\" " + seen.resolve("prompt.md")
                + " && printf '%s' \"$CONFLICTED_FILES\" > " + seen.resolve("files") + " && " + RESOLVE;
        Files.createDirectories(seen);

        IntegrationResult result = integrator.integrate(request(resolver(script)));

        assertThat(result.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED,
                MergeStatus.MERGED);
        MergeRecord resolved = result.merges().get(1);
        assertThat(resolved.resolvedBy()).isEqualTo("command");
        assertThat(resolved.conflictFiles()).containsExactly("shared.txt");
        assertThat(resolved.conflictsWith()).containsExactly("a");
        assertThat(resolved.message()).contains("resolved by the resolver (command)");
        assertThat(result.clean()).isTrue();
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo(RESOLVED);
        assertThat(repo.filesAt("chat/integration")).contains("a.txt", "b.txt");
        assertThat(repo.revParse(resolved.mergeCommit() + "^2")).isEqualTo(repo.revParse("chat/b"));
        assertThat(mergeMessage(resolved.mergeCommit())).startsWith("Merge workstream b (chat/b)\n")
                .contains("\nResolved-by: dispatch-plan resolver (command)")
                .doesNotContain("Resolver-session");
        assertThat(repo.git("log", "-1", "--format=%(trailers:key=Resolved-by,valueonly)", resolved.mergeCommit())
                .strip()).isEqualTo("dispatch-plan resolver (command)");

        assertThat(Files.readString(seen.resolve("status"))).contains("UU shared.txt");
        assertThat(Files.readString(seen.resolve("shared.txt"))).contains("<<<<<<<", ">>>>>>>");
        assertThat(Files.readString(seen.resolve("files"))).isEqualTo("shared.txt");
        String prompt = Files.readString(seen.resolve("prompt.md"));
        assertThat(prompt).contains("- `shared.txt`", "`chat/b`", "chat/integration",
                "Make line 2 say a.", "Line 2 now says a.", "Make line 2 say b.", "Line 2 now says b.");

        assertThat(result.resolverRuns()).hasSize(1);
        ResolverRun run = result.resolverRuns().get(0);
        assertThat(run.accepted()).isTrue();
        assertThat(run.workstreamId()).isEqualTo("b");
        assertThat(run.worker()).isEqualTo("command");
        assertThat(run.mergeCommit()).isEqualTo(resolved.mergeCommit());
        assertThat(run.directory()).isEqualTo(tmp.resolve("run/resolver/b"));
        assertThat(run.directory().resolve("RESOLVE.md")).exists();
        assertThat(run.directory().resolve("worker-result.json")).exists();
        assertPristine();
    }

    @Test
    void aResolutionThatLeavesAMarkerIsRejectedAndTheBranchLeftOut() {
        String bTip = repo.revParse("chat/b");
        // Resolves one hunk's text but keeps the end marker, and marks the file resolved.
        String script = "printf 'line 1\\nline 2 by a and b\\n>>>>>>> chat/b\\nline 3\\n' > shared.txt"
                + " && git add shared.txt";

        IntegrationResult result = integrator.integrate(request(resolver(script)));

        assertThat(result.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED,
                MergeStatus.CONFLICT);
        MergeRecord conflict = result.merges().get(1);
        assertThat(conflict.resolvedBy()).isNull();
        assertThat(conflict.conflictFiles()).containsExactly("shared.txt");
        assertThat(conflict.message()).contains("rejected", "conflict markers are left in shared.txt");
        assertThat(result.resolverRuns()).singleElement().satisfies(run -> {
            assertThat(run.accepted()).isFalse();
            assertThat(run.mergeCommit()).isNull();
            assertThat(run.reason()).contains("conflict markers are left in shared.txt");
        });
        assertThat(repo.git("rev-list", "--count", base + "..chat/integration").strip()).isEqualTo("2");
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("line 1\nline 2 by a\nline 3\n");
        assertThat(repo.filesAt("chat/integration")).doesNotContain("b.txt");
        assertThat(repo.revParse("chat/b")).isEqualTo(bTip);
        assertPristine();
    }

    @Test
    void aResolutionThatEditsAnUnrelatedFileIsRejectedUnlessAllowed() {
        String script = RESOLVE + " && echo edited >> README.md";

        IntegrationResult rejected = integrator.integrate(request(resolver(script)));

        assertThat(rejected.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(rejected.merges().get(1).message()).contains("changed files outside the conflicts: README.md",
                "resolverMayEditOtherFiles");
        assertThat(repo.readFileAt("chat/integration", "README.md")).isEqualTo("hello\n");
        assertThat(repo.filesAt("chat/integration")).doesNotContain("b.txt");
        assertPristine();

        IntegrationResult allowed = integrator.integrate(request(resolver(script).withMayEditOtherFiles(true)));

        assertThat(allowed.merges().get(1).status()).isEqualTo(MergeStatus.MERGED);
        assertThat(repo.readFileAt("chat/integration", "README.md")).isEqualTo("hello\nedited\n");
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo(RESOLVED);
        assertPristine();
    }

    @Test
    void aResolutionThatAddsANewFileCountsAsAnEditOutsideTheConflicts() {
        IntegrationResult result = integrator.integrate(request(resolver(RESOLVE + " && cp shared.txt shared.txt.orig")));

        assertThat(result.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(result.merges().get(1).message()).contains("outside the conflicts: shared.txt.orig");
        assertThat(worktree.resolve("shared.txt.orig")).doesNotExist();
        assertPristine();
    }

    @Test
    void aFileLeftUnmergedIsRejectedEvenWithoutMarkers() {
        // The text is resolved, but git was never told (no git add).
        IntegrationResult result = integrator.integrate(request(resolver(
                "printf 'line 1\\nline 2 by a and b\\nline 3\\n' > shared.txt")));

        assertThat(result.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(result.merges().get(1).message()).contains("left shared.txt unresolved");
        assertPristine();
    }

    @Test
    void aResolverThatCommitsOrFailsIsRejectedAndNothingItDidStays() {
        IntegrationResult committed = integrator.integrate(request(resolver(RESOLVE
                + " && git -c user.name=x -c user.email=x@x.invalid commit -q --no-edit")));

        assertThat(committed.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(committed.merges().get(1).message()).contains("must not commit");
        assertThat(firstParentCount()).isEqualTo(1);
        assertPristine();

        IntegrationResult failed = integrator.integrate(request(resolver(RESOLVE + " && echo cannot >&2 && exit 3")));

        assertThat(failed.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(failed.merges().get(1).message()).contains("the resolver failed", "exited with code 3",
                "cannot");
        assertThat(firstParentCount()).isEqualTo(1);
        assertPristine();

        IntegrationResult switched = integrator.integrate(request(resolver("git merge --abort && git checkout -q -b "
                + "elsewhere && echo x > x.txt && git add x.txt && git -c user.name=x -c user.email=x@x.invalid "
                + "commit -q -m elsewhere")));

        assertThat(switched.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(switched.merges().get(1).message()).contains("moved the integration worktree");
        assertThat(firstParentCount()).isEqualTo(1);
        assertThat(repo.filesAt("chat/integration")).doesNotContain("x.txt");
        assertPristine();
    }

    private int firstParentCount() {
        return Integer.parseInt(repo.git("rev-list", "--count", "--first-parent", base + "..chat/integration").strip());
    }

    @Test
    void aResolutionThatBreaksVerifyIsRejectedAndTheVerifyRunRecorded() {
        // Verify wants line 2 to hold a's text: the resolution below drops it.
        List<String> verify = List.of("sh", "-c", "grep -q 'line 2 by a' shared.txt");

        IntegrationResult broken = integrator.integrate(request(resolver("printf 'line 1\\nline 2 by b\\nline 3\\n' "
                + "> shared.txt && git add shared.txt")).withVerify(verify, null));

        assertThat(broken.merges().get(1).status()).isEqualTo(MergeStatus.CONFLICT);
        assertThat(broken.merges().get(1).message()).contains("verify fails with its resolution (run 1) and passes "
                + "without it (run 2)");
        assertThat(broken.verifyRuns()).extracting(VerifyRun::tested).containsExactly(
                "the resolution of b's conflicts", "the merges up to a");
        assertThat(broken.verify().passed()).isTrue();
        assertPristine();

        IntegrationResult good = integrator.integrate(request(resolver(RESOLVE)).withVerify(verify, null));

        assertThat(good.merges().get(1).status()).isEqualTo(MergeStatus.MERGED);
        assertThat(good.verifyRuns()).extracting(VerifyRun::tested).containsExactly(
                "the resolution of b's conflicts");
        assertThat(good.verify().passed()).isTrue();
        assertThat(good.clean()).isTrue();
    }

    @Test
    void runningAgainRecreatesABranchWithAResolvedMergeAndKeepsTheOldOne() {
        IntegrationResult first = integrator.integrate(request(resolver(RESOLVE)));
        String resolvedMerge = first.merges().get(1).mergeCommit();

        IntegrationResult second = integrator.integrate(request(resolver(RESOLVE)));

        assertThat(second.replacedHead()).isEqualTo(first.headSha());
        assertThat(second.merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(second.resolverRuns()).singleElement()
                .satisfies(run -> assertThat(run.directory()).isEqualTo(tmp.resolve("run/resolver/b-2")));
        assertThat(git.isAncestor(repo.dir(), resolvedMerge, "chat/integration-previous-1")).isTrue();
        assertPristine();
    }

    @Test
    void aProcessTheResolverLeftRunningIsStoppedBeforeItsResolutionIsJudged() {
        // A detached child escapes the resolver's process tree, and would go on writing in the worktree.
        String script = "nohup sh -c 'sleep 2; echo late >> README.md; sleep 600' >/dev/null 2>&1 & " + RESOLVE;

        IntegrationResult result = integrator.integrate(request(resolver(script)));

        assertThat(result.merges().get(1).status()).as(result.merges().get(1).message() + " after "
                + result.resolverRuns().get(0).duration()).isEqualTo(MergeStatus.MERGED);
        assertThat(io.dispatchplan.process.WorkerProcesses.marked(ConflictResolver.MARK, worktree.toString()))
                .as("no process of the resolver is left").isEmpty();
        assertThat(repo.readFileAt("chat/integration", "README.md")).isEqualTo("hello\n");
        assertPristine();
    }

    @Test
    void theResolversLogsAndReasonsHaveItsSecretsMasked() throws IOException {
        String key = "sk-ant-secret-value-1234";
        Map<String, String> env = new HashMap<>(TestGit.environment());
        env.put("ANTHROPIC_API_KEY", key);
        ResolverOptions options = ResolverOptions.of(CommandWorker.shell(
                "echo \"key $ANTHROPIC_API_KEY\" && echo \"key $ANTHROPIC_API_KEY\" >&2 && exit 1"),
                tmp.resolve("run/resolver")).withRun(env, "job", Secrets.of(List.of(), env, Map.of()));

        IntegrationResult result = integrator.integrate(request(options));

        ResolverRun run = result.resolverRuns().get(0);
        assertThat(run.reason()).contains("key ****").doesNotContain(key);
        assertThat(result.merges().get(1).message()).doesNotContain(key);
        for (String log : List.of("worker.stdout.log", "worker.stderr.log", "worker-result.json")) {
            assertThat(Files.readString(run.directory().resolve(log))).as(log).doesNotContain(key);
        }
        assertPristine();
    }
}
