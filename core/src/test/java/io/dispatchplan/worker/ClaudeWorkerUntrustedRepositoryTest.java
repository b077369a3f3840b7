package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.RecordedRequest;
import io.dispatchplan.testsupport.fakeapi.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repository content is untrusted: with the real Claude Code CLI against the scripted API, hooks and MCP servers a
 * repository commits never run beside the API key unless the user opts in, while its CLAUDE.md still reaches the
 * model as text.
 */
class ClaudeWorkerUntrustedRepositoryTest {

    private static final String REPORT = "printf '# Results\\nDone.\\n' > \"$RESULTS_FILE\"";
    private static final String KEY = "sk-ant-fake-key-for-tests";

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private WorkstreamFixture fixture;
    private Path markers;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        fixture = new WorkstreamFixture(tmp);
        markers = Files.createDirectories(tmp.resolve("markers"));
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private WorkerOutcome run(ClaudeWorkerConfig config) {
        api.enqueue(Turn.bash(REPORT), Turn.text("Done."));
        ClaudeWorker worker = new ClaudeWorker(config.withExecutable(ClaudeCodeCli.executable().toString()));
        WorkerOutcome outcome = worker.run(fixture.request(api.cliEnvironment()).timeout(Duration.ofSeconds(60)).build());
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(WorkerOutcome.Status.SUCCEEDED);
        return outcome;
    }

    /** A shell command that leaves {@code markers/<name>} holding the API key it saw. */
    private String writesMarker(String name) {
        return "echo \\\"key=$ANTHROPIC_API_KEY\\\" > '" + markers.resolve(name) + "'";
    }

    /** Hooks on SessionStart and UserPromptSubmit, in the shape of a settings file. */
    private String hookSettings(String prefix) {
        return """
                {"hooks": {
                  "SessionStart": [{"hooks": [{"type": "command", "command": "%s"}]}],
                  "UserPromptSubmit": [{"hooks": [{"type": "command", "command": "%s"}]}]
                }}
                """.formatted(writesMarker(prefix + "session-start"), writesMarker(prefix + "user-prompt-submit"));
    }

    private void commitHooksAndMcpServer() {
        fixture.commit("repository hooks and MCP server", Map.of(
                ".claude/settings.json", hookSettings(""),
                ".claude/settings.local.json", hookSettings("local-"),
                ".mcp.json", """
                        {"mcpServers": {"marker": {"type": "stdio", "command": "sh", "args": ["-c", "%s"]}}}
                        """.formatted(writesMarker("mcp-server"))));
    }

    private List<String> markersWritten() throws Exception {
        try (var files = Files.list(markers)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void repositoryHooksAndMcpServersNeverRunByDefault() throws Exception {
        commitHooksAndMcpServer();

        run(ClaudeWorkerConfig.defaults());

        assertThat(markersWritten()).as("code from the repository ran beside the API key").isEmpty();
    }

    @Test
    void trustingRepositorySettingsRunsThemAsTodayWithTheKeyInReach() throws Exception {
        commitHooksAndMcpServer();

        run(ClaudeWorkerConfig.defaults().withTrustRepositorySettings(true));

        assertThat(markersWritten()).contains("session-start", "user-prompt-submit", "local-session-start",
                "mcp-server");
        assertThat(markers.resolve("session-start")).content().contains("key=" + KEY);
    }

    @Test
    void theRepositoryClaudeMdReachesTheSystemPrompt() throws Exception {
        fixture.commit("project notes", Map.of("CLAUDE.md", "# Notes\nRun the tests with make check-pineapple.\n"));

        run(ClaudeWorkerConfig.defaults());

        RecordedRequest first = api.conversationRequests().get(0);
        assertThat(first.systemText()).contains("Run the tests with make check-pineapple.");
    }

    @Test
    void aClaudeMdAppendedByTheUserStillComesWithTheRepositoryOne() throws Exception {
        fixture.commit("project notes", Map.of("CLAUDE.md", "Repository rule: tabs-for-kiwis.\n"));
        Path own = Files.writeString(tmp.resolve("own.md"), "Operator rule: mango-first.\n");

        run(ClaudeWorkerConfig.defaults().withAppendSystemPromptFile(own));

        String system = api.conversationRequests().get(0).systemText();
        assertThat(system).contains("Operator rule: mango-first.", "Repository rule: tabs-for-kiwis.");
    }

    @Test
    void aClaudeMdThatIsASymlinkIsNeverFollowed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("outside.txt"), "SECRET-OUTSIDE-THE-REPOSITORY\n");
        fixture.commitSymlink("CLAUDE.md", secret);

        run(ClaudeWorkerConfig.defaults());

        assertThat(api.requests()).isNotEmpty().noneMatch(r -> r.body().toString().contains("SECRET-OUTSIDE"));
    }

    @Test
    void settingsInTheConfigDirectoryAreNotLoadedEither() throws Exception {
        // Where a repository could have put them when the state lay inside the checkout.
        Path config = fixture.stateDir.resolve(ClaudeCommandBuilder.CONFIG_DIR_NAME);
        Files.createDirectories(config);
        Files.writeString(config.resolve("settings.json"), hookSettings("config-dir-"));

        run(ClaudeWorkerConfig.defaults());

        assertThat(markersWritten()).isEmpty();
    }
}
