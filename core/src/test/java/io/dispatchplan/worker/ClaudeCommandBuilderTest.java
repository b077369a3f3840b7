package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.worker.ClaudeCommandBuilder.SessionMode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClaudeCommandBuilderTest {

    private static final UUID SESSION = UUID.fromString("0f1e2d3c-4b5a-5968-8776-655443322110");
    private static final Path WORKTREE = Path.of("/agents/ws/feat/api");

    private final WorkerRequest request = WorkerRequest.builder("feat", "api", WORKTREE)
            .job("nightly").title("API $(rm -rf /)").port(20100)
            .env("ANTHROPIC_API_KEY", "sk-secret")
            .stateDir(Path.of("/agents/state/feat/api"))
            .build();

    @Test
    void putsThePromptRightAfterPrintAndTheVariadicToolListLast() {
        ClaudeWorkerConfig config = ClaudeWorkerConfig.defaults()
                .withModel("sonnet")
                .withMaxBudgetUsd(5.0)
                .withMaxTurns(40)
                .withAllowedTools(List.of("Bash", "Edit", "Bash(git *)"))
                .withAppendSystemPromptFile(Path.of("/repo/.dispatch/system.md"))
                .withExtraArgs(List.of("--fallback-model", "haiku"));

        List<String> argv = ClaudeCommandBuilder.argv(config, "do the task", SESSION, SessionMode.NEW);

        assertThat(argv).containsExactly("claude", "-p", "do the task", "--output-format", "stream-json",
                "--verbose", "--session-id", SESSION.toString(), "--setting-sources", "", "--strict-mcp-config",
                "--permission-mode", "acceptEdits", "--model", "sonnet",
                "--max-budget-usd", "5", "--max-turns", "40",
                "--append-system-prompt-file", "/repo/.dispatch/system.md",
                "--fallback-model", "haiku",
                "--allowedTools", "Bash", "Edit", "Bash(git *)");
    }

    @Test
    void loadsNoSettingsOrMcpServersFromTheRepositoryUnlessTrusted() {
        List<String> untrusted = ClaudeCommandBuilder.argv(ClaudeWorkerConfig.defaults(), "p", SESSION, SessionMode.NEW);
        List<String> trusted = ClaudeCommandBuilder.argv(ClaudeWorkerConfig.defaults().withTrustRepositorySettings(true),
                "p", SESSION, SessionMode.NEW);

        assertThat(untrusted).containsSequence("--setting-sources", "", "--strict-mcp-config");
        assertThat(trusted).doesNotContain("--setting-sources", "--strict-mcp-config");
    }

    @Test
    void resumesWithResumeInsteadOfSessionId() {
        List<String> argv = ClaudeCommandBuilder.argv(ClaudeWorkerConfig.defaults(), "go on", SESSION,
                SessionMode.RESUME);

        assertThat(argv).containsSequence("--resume", SESSION.toString()).doesNotContain("--session-id");
    }

    @Test
    void writesBudgetsAsPlainDecimalsAndAddsBareOnlyWhenAsked() {
        ClaudeWorkerConfig config = ClaudeWorkerConfig.defaults().withMaxBudgetUsd(0.0000125).withBare(true)
                .withAllowedTools(List.of());

        List<String> argv = ClaudeCommandBuilder.argv(config, "p", SESSION, SessionMode.NEW);

        assertThat(argv).containsSequence("--max-budget-usd", "0.0000125").contains("--bare")
                .doesNotContain("--allowedTools", "--model", "--max-turns");
        assertThat(ClaudeCommandBuilder.argv(ClaudeWorkerConfig.defaults(), "p", SESSION, SessionMode.NEW))
                .doesNotContain("--bare");
    }

    @Test
    void givesEachWorkstreamItsOwnConfigDirAndKeepsTheKeyInTheEnvironmentOnly() {
        ClaudeWorker worker = new ClaudeWorker(ClaudeWorkerConfig.defaults(), new io.dispatchplan.process.ProcessRunner(),
                false);

        WorkerCommand command = worker.command(request, SessionMode.NEW);

        assertThat(command.environment()).containsEntry("CLAUDE_CONFIG_DIR", "/agents/state/feat/api/claude-config")
                .containsEntry("ANTHROPIC_API_KEY", "sk-secret")
                .containsEntry("WORKSTREAM_TITLE", "API $(rm -rf /)")
                .doesNotContainKey("IS_SANDBOX");
        assertThat(command.argv()).noneMatch(arg -> arg.contains("sk-secret"));
        assertThat(command.argv()).noneMatch(arg -> arg.contains("rm -rf"));
        assertThat(command.workingDir()).isEqualTo(WORKTREE);
        assertThat(command.toString()).doesNotContain("sk-secret");
        assertThat(request.toString()).doesNotContain("sk-secret").contains("ANTHROPIC_API_KEY");
    }

    @Test
    void setsIsSandboxOnlyForBypassPermissionsAsRoot() {
        ClaudeWorkerConfig bypass = ClaudeWorkerConfig.defaults()
                .withPermissionMode(ClaudePermissionMode.BYPASS_PERMISSIONS);

        assertThat(ClaudeCommandBuilder.environment(bypass, request, true)).containsEntry("IS_SANDBOX", "1");
        assertThat(ClaudeCommandBuilder.environment(bypass, request, false)).doesNotContainKey("IS_SANDBOX");
        assertThat(ClaudeCommandBuilder.environment(ClaudeWorkerConfig.defaults(), request, true))
                .doesNotContainKey("IS_SANDBOX");
    }

    @Test
    void thePromptNamesTheFilesNotThePlanText() {
        String prompt = ClaudePrompts.render(ClaudeWorkerConfig.defaults(), request, false);
        String resume = ClaudePrompts.render(ClaudeWorkerConfig.defaults(), request, true);

        assertThat(prompt).contains("/agents/ws/feat/api/TASKS.md", "/agents/ws/feat/api/COORDINATION.md",
                "/agents/ws/feat/api/RESULTS.md", "workstream api").doesNotContain("rm -rf");
        assertThat(resume).startsWith("Continue the work of workstream api").contains("/agents/ws/feat/api/RESULTS.md");
        assertThat(ClaudePrompts.render(ClaudeWorkerConfig.defaults().withPrompts("Do {tasksFile} for {feature}", null),
                request, false)).isEqualTo("Do /agents/ws/feat/api/TASKS.md for feat");
    }

    @Test
    void refusesOptionsThatWouldBreakTheCommandLine() {
        ClaudeWorkerConfig config = ClaudeWorkerConfig.defaults();

        assertThatThrownBy(() -> config.withExtraArgs(List.of("--resume", "x")))
                .hasMessage("extraArgs may not contain --resume: the worker sets the prompt, output format and "
                        + "session itself");
        assertThatThrownBy(() -> config.withExtraArgs(List.of("--output-format=text")))
                .hasMessageContaining("may not contain --output-format");
        assertThatThrownBy(() -> config.withExtraArgs(List.of("--setting-sources", "project")))
                .hasMessage("extraArgs may not contain --setting-sources: use trustRepositorySettings");
        assertThatThrownBy(() -> config.withExtraArgs(List.of("--append-system-prompt-file=x.md")))
                .hasMessage("extraArgs may not contain --append-system-prompt-file: use appendSystemPromptFile");
        assertThatThrownBy(() -> config.withAllowedTools(List.of("--dangerously-skip-permissions")))
                .hasMessageContaining("is not a tool name");
        assertThatThrownBy(() -> config.withModel("--bare")).hasMessageContaining("starts with '-'");
        assertThatThrownBy(() -> config.withMaxBudgetUsd(0.0)).hasMessageContaining("positive number of dollars");
        assertThatThrownBy(() -> config.withMaxTurns(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> config.withPrompts("-x", null)).hasMessageContaining("may not start with '-'");
    }

    @Test
    void parsesPermissionModesAsUsersWriteThem() {
        assertThat(ClaudePermissionMode.parse("acceptEdits")).isEqualTo(ClaudePermissionMode.ACCEPT_EDITS);
        assertThat(ClaudePermissionMode.parse("ACCEPT_EDITS")).isEqualTo(ClaudePermissionMode.ACCEPT_EDITS);
        assertThat(ClaudePermissionMode.parse("bypasspermissions")).isEqualTo(ClaudePermissionMode.BYPASS_PERMISSIONS);
        assertThat(ClaudePermissionMode.parse("dont-ask")).isEqualTo(ClaudePermissionMode.DONT_ASK);
        assertThat(ClaudePermissionMode.parse("default")).isEqualTo(ClaudePermissionMode.DEFAULT);
        assertThatThrownBy(() -> ClaudePermissionMode.parse("yolo"))
                .hasMessage("unknown permissionMode 'yolo': use one of acceptEdits, bypassPermissions, dontAsk, default, plan");
    }

    @Test
    void splitsAToolListAtCommasAndBlanksButNotInsidePatterns() {
        assertThat(ClaudeWorkerConfig.splitTools(" Bash, Edit Read,,Bash(git commit:*)  Bash(npm run test *)"))
                .containsExactly("Bash", "Edit", "Read", "Bash(git commit:*)", "Bash(npm run test *)");
        assertThat(ClaudeWorkerConfig.splitTools("")).isEmpty();
        assertThat(ClaudeWorkerConfig.splitTools(null)).isEmpty();
    }

    @Test
    void defaultsToAcceptEditsWithBash() {
        ClaudeWorkerConfig config = ClaudeWorkerConfig.defaults();

        assertThat(config.executable()).isEqualTo("claude");
        assertThat(config.permissionMode()).isEqualTo(ClaudePermissionMode.ACCEPT_EDITS);
        assertThat(config.allowedTools()).containsExactly("Bash");
        assertThat(config.model()).isNull();
        assertThat(config.maxBudgetUsd()).isNull();
        assertThat(config.maxTurns()).isNull();
        assertThat(config.bare()).isFalse();
        assertThat(config.trustRepositorySettings()).isFalse();
    }
}
