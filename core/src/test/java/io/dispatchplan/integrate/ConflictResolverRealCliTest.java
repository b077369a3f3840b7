package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.RecordedRequest;
import io.dispatchplan.testsupport.fakeapi.Turn;
import io.dispatchplan.worker.ClaudeWorker;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (pinned, installed by the build) as the conflict resolver, against a scripted Messages API
 * on 127.0.0.1: it resolves the conflict with a Bash turn in the integration worktree, the merge is committed with
 * its session id, its cost is counted, and the repository's own hooks never run beside the API key.
 */
class ConflictResolverRealCliTest {

    private static final String RESOLVE = "printf 'line 1\\nline 2 by a and b\\nline 3\\n' > shared.txt"
            + " && git add shared.txt";

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private FakeAnthropicApi api;
    private TempRepo repo;
    private String base;
    private Path worktree;
    private Path hookRan;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        hookRan = tmp.resolve("hook-ran");
        String hook = "touch '" + hookRan + "'";
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), files(
                "shared.txt", "line 1\nline 2\nline 3\n",
                ".claude/settings.json", """
                        {"hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": "%s"}]}],
                          "UserPromptSubmit": [{"hooks": [{"type": "command", "command": "%s"}]}]}}
                        """.formatted(hook, hook)));
        base = repo.head();
        worktree = tmp.resolve("work/chat/integration");
        for (String id : List.of("a", "b")) {
            repo.branch("chat/" + id, base).checkout("chat/" + id);
            repo.commitFiles("work of " + id, files("shared.txt", "line 1\nline 2 by " + id + "\nline 3\n"));
            repo.checkout("main");
        }
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void claudeResolvesTheConflictWithABashTurnAndTheMergeRecordsItsSession() throws Exception {
        api.enqueue(Turn.bash(RESOLVE), Turn.text("Resolved shared.txt: line 2 keeps both."));
        Map<String, String> env = new LinkedHashMap<>(api.cliEnvironment());
        env.putAll(TestGit.environment());
        ClaudeWorker claude = new ClaudeWorker(ResolverPrompt.forClaude(ClaudeWorkerConfig.defaults()
                .withExecutable(ClaudeCodeCli.executable().toString())), new ProcessRunner());
        ResolverOptions resolver = ResolverOptions.of(claude, tmp.resolve("run/resolver"))
                .withTimeout(Duration.ofSeconds(90)).withRun(env, "job", null);

        IntegrationResult result = new Integrator(git, new ProcessRunner()).integrate(new IntegrationRequest(
                repo.dir(), "chat", base, null, List.of(new BranchToMerge("a", "chat/a", false),
                        new BranchToMerge("b", "chat/b", false)), ConflictPolicy.SKIP, null, null, worktree, null)
                .withResolver(resolver));

        ResolverRun run = result.resolverRuns().get(0);
        assertThat(run.accepted()).as(run.reason()).isTrue();
        MergeRecord merged = result.merges().get(1);
        assertThat(merged.status()).isEqualTo(MergeStatus.MERGED);
        assertThat(merged.resolvedBy()).isEqualTo("claude");
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("line 1\nline 2 by a and b\nline 3\n");
        assertThat(run.sessionId()).isNotBlank();
        assertThat(run.costUsd()).isPositive();
        assertThat(result.resolverCostUsd()).isEqualTo(run.costUsd());
        String message = repo.git("log", "-1", "--format=%B", merged.mergeCommit());
        assertThat(message).contains("Resolved-by: dispatch-plan resolver (claude)\n",
                "Resolver-session: " + run.sessionId());

        List<RecordedRequest> conversation = api.conversationRequests();
        assertThat(conversation).hasSize(2);
        assertThat(conversation.get(0).sessionHeader()).isEqualTo(run.sessionId());
        assertThat(conversation.get(0).mentions(run.directory().resolve("RESOLVE.md").toString())).isTrue();
        assertThat(conversation.get(0).mentions("do not commit or abort the merge")).isTrue();
        assertThat(conversation.get(1).bashCommands()).containsExactly(RESOLVE);
        assertThat(hookRan).as("the repository's hooks ran beside the API key").doesNotExist();
        assertThat(git.output(worktree, "status", "--porcelain", "--untracked-files=all")).isEmpty();
        assertThat(Files.readString(run.directory().resolve("worker.stdout.log")))
                .doesNotContain(api.cliEnvironment().get("ANTHROPIC_API_KEY"));
    }
}
