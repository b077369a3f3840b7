package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worker.CommandWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration as a Jenkins build drives it: each call ends at the next verify run, which the caller makes itself
 * (here a real {@code sh} running {@link VerifyRequest#script}), then calls again with what it found. The outcome is
 * the one a single call finds, with no tree verified twice, no resolver run twice, and no branch left behind.
 */
class ResumableIntegrationTest {

    private static final CommitIdentity ROBOT = new CommitIdentity("Dispatch Robot", "robot@dispatch-plan.invalid");
    private static final Instant BUILD_START = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private final Integrator integrator = new Integrator(git, new ProcessRunner());
    private TempRepo repo;
    private String base;
    private Path counter;

    @BeforeEach
    void setUp() {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"),
                VerifyCulpritsTest.libraryWithChecks("shared.txt", "line 1\nline 2\nline 3\n"));
        base = repo.head();
        counter = tmp.resolve("verify-runs.txt");
    }

    private void workstream(String id, Map<String, String> changes) {
        repo.branch("chat/" + id, base).checkout("chat/" + id);
        repo.commitFiles("work of " + id, changes);
        repo.checkout("main");
    }

    /** Two branches that break verify together: rename renames greet, caller still calls it; a and d are harmless. */
    private List<BranchToMerge> renameAndCaller() {
        workstream("a", files("docs/a.txt", "a\n"));
        workstream("rename", files("lib.sh", "say_hello() { echo \"hello $1\"; }\n",
                "checks/main.sh", ". ./lib.sh\nsay_hello world\n"));
        workstream("caller", files("checks/caller.sh", ". ./lib.sh\ngreet caller\n"));
        workstream("d", files("docs/d.txt", "d\n"));
        return List.of(branch("a"), branch("rename"), branch("caller"), branch("d"));
    }

    private static BranchToMerge branch(String id) {
        return new BranchToMerge(id, "chat/" + id, false);
    }

    private IntegrationRequest request(String worktreeName, List<BranchToMerge> branches) {
        return new IntegrationRequest(repo.dir(), "chat", base, "chat/" + worktreeName, branches, ConflictPolicy.SKIP,
                List.of("sh", "check.sh"), null, tmp.resolve("work/chat/" + worktreeName), ROBOT);
    }

    /** The verify command as the user gives it to Jenkins: shell source. */
    private static final String VERIFY = "sh check.sh";

    /** Drives the calls as the Jenkins steps do; returns the final call and counts every call in {@code calls}. */
    private ResumedIntegration driveToTheEnd(IntegrationRequest request, List<VerifyRequest> calls) throws IOException {
        ResumableIntegration state = ResumableIntegration.startingAt(BUILD_START);
        while (true) {
            ResumedIntegration call = integrator.integrateResumably(request, state, merge -> { });
            if (call.pending() == null) {
                return call;
            }
            VerifyRequest pending = call.pending();
            calls.add(pending);
            assertThat(git.revParse(request.integrationWorktree(), "HEAD")).isEqualTo(pending.commit());
            assertThat(git.output(request.integrationWorktree(), "status", "--porcelain")).isEmpty();
            Files.writeString(counter, "run\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessResult ran = new ProcessRunner().run(ProcessSpec.of(List.of("sh", "-c", pending.script(VERIFY)))
                    .in(request.integrationWorktree()));
            List<RecordedVerify> verified = new ArrayList<>(state.verified());
            verified.add(pending.recorded(ran.exitCode(), ran.duration()));
            state = new ResumableIntegration(state.commitDate(), call.head(), verified, call.resolutions());
        }
    }

    @Test
    void findsTheCulpritWithOneVerifyRunPerCallAndTheSameOutcomeAsOneCall() throws IOException {
        List<BranchToMerge> branches = renameAndCaller();
        IntegrationResult direct = integrator.integrate(request("direct", branches));
        List<VerifyRequest> calls = new ArrayList<>();

        ResumedIntegration last = driveToTheEnd(request("integration", branches), calls);

        IntegrationResult result = last.result();
        assertThat(result.merges()).extracting(MergeRecord::status)
                .containsExactlyElementsOf(direct.merges().stream().map(MergeRecord::status).toList());
        assertThat(result.merges().get(2).status()).isEqualTo(MergeStatus.BREAKS_VERIFY);
        assertThat(result.merges().get(2).verifyOutput()).contains("FAILED: checks/caller.sh");
        assertThat(result.verifyRuns()).extracting(VerifyRun::tested)
                .containsExactlyElementsOf(direct.verifyRuns().stream().map(VerifyRun::tested).toList());
        assertThat(result.verifyRuns()).extracting(VerifyRun::passed).containsExactly(false, true, false, true);
        assertThat(calls).as("one call per verify run, each on a tree not verified before").hasSize(4)
                .extracting(VerifyRequest::tree).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(counter)).hasSize(4);
        assertThat(result.verifyMessage()).isEqualTo(direct.verifyMessage().replace("chat/direct", "chat/integration"));
        assertThat(result.verify().passed()).isTrue();
        assertThat(result.headSha()).isEqualTo(repo.revParse("chat/integration"));
        assertThat(result.replacedHead()).isNull();
        assertThat(repo.git("branch", "--list", "chat/integration-*")).as("no branch kept aside per call").isBlank();
        // The log of each run has its output; the report has its last lines.
        VerifyRun failed = result.verifyRuns().get(0);
        assertThat(Files.readString(failed.logFile())).contains("FAILED: checks/caller.sh");
        assertThat(failed.outputTail()).contains("FAILED: checks/caller.sh");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.commit()).isEqualTo(calls.get(0).commit());
    }

    @Test
    void theSameCommitsAreMadeOnEveryCall() throws IOException {
        List<BranchToMerge> branches = renameAndCaller();
        List<VerifyRequest> calls = new ArrayList<>();
        ResumedIntegration first = driveToTheEnd(request("integration", branches), calls);

        ResumedIntegration again = driveToTheEnd(request("integration", branches), new ArrayList<>());

        assertThat(again.head()).isEqualTo(first.head());
        assertThat(again.result().verifyRuns()).extracting(VerifyRun::commit)
                .containsExactlyElementsOf(first.result().verifyRuns().stream().map(VerifyRun::commit).toList());
        assertThat(repo.git("log", "-1", "--format=%ad %cd", "--date=unix", "chat/integration").strip())
                .isEqualTo(BUILD_START.getEpochSecond() + " " + BUILD_START.getEpochSecond());
    }

    @Test
    void theResolverRunsOnceAndItsResolutionIsVerifiedByTheCaller() throws IOException {
        workstream("x", files("shared.txt", "line 1\nline 2 by x\nline 3\n"));
        workstream("y", files("shared.txt", "line 1\nline 2 by y\nline 3\n"));
        Path resolutions = tmp.resolve("resolutions.txt");
        ResolverOptions resolver = ResolverOptions.of(CommandWorker.shell("echo run >> '" + resolutions + "';"
                + " printf 'line 1\\nline 2 by x and y\\nline 3\\n' > shared.txt && git add shared.txt"),
                tmp.resolve("run/resolver")).withRun(TestGit.environment(), "job", null);
        List<VerifyRequest> calls = new ArrayList<>();

        ResumedIntegration last = driveToTheEnd(request("integration", List.of(branch("x"), branch("y")))
                .withResolver(resolver), calls);

        IntegrationResult result = last.result();
        assertThat(result.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED,
                MergeStatus.MERGED);
        assertThat(result.merges().get(1).resolvedBy()).isEqualTo("command");
        assertThat(Files.readAllLines(resolutions)).as("the resolver ran once over all calls").hasSize(1);
        assertThat(calls).extracting(VerifyRequest::tested).containsExactly("the resolution of y's conflicts");
        assertThat(result.resolverRuns()).singleElement().satisfies(run -> {
            assertThat(run.accepted()).isTrue();
            assertThat(run.mergeCommit()).isEqualTo(result.headSha());
        });
        assertThat(last.resolutions()).singleElement()
                .satisfies(r -> assertThat(r.run().mergeCommit()).isEqualTo(result.headSha()));
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("line 1\nline 2 by x and y\nline 3\n");
        assertThat(repo.git("log", "-1", "--format=%B", "chat/integration")).contains("Resolved-by: dispatch-plan "
                + "resolver (command)");
    }

    @Test
    void theVerifyScriptPrintsAndLogsTheOutputAndExitsWithItsStatus() throws IOException {
        Path log = tmp.resolve("verify.log");
        VerifyRequest request = new VerifyRequest(1, base, "tree", "every merge", List.of(), log);

        ProcessResult ran = new ProcessRunner().run(ProcessSpec.of(List.of("sh", "-c",
                request.script("echo \"it's out\"; echo err >&2; exit 7 # a comment"))).in(repo.dir()));

        assertThat(ran.exitCode()).isEqualTo(7);
        assertThat(ran.stdout()).contains("it's out", "err");
        assertThat(Files.readString(log)).contains("it's out", "err");
        RecordedVerify recorded = request.recorded(ran.exitCode(), Duration.ofSeconds(2));
        assertThat(recorded.passed()).isFalse();
        assertThat(recorded.outputTail()).isEqualTo("it's out\nerr");
    }
}
