package io.dispatchplan.worker;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the {@code claude} command line and environment for one attempt. */
public final class ClaudeCommandBuilder {

    /** Where, under a workstream's state directory, its Claude Code configuration and transcripts live. */
    public static final String CONFIG_DIR_NAME = "claude-config";

    /** {@code --setting-sources} with no source: neither user, project nor local settings files. */
    static final String NO_SETTING_SOURCES = "";

    /** Whether to start the conversation or continue the transcript an earlier run left. */
    public enum SessionMode {
        /** {@code --session-id <uuid>}: a new conversation under our id. */
        NEW,
        /** {@code --resume <uuid>}: continue the conversation with that id. */
        RESUME
    }

    private ClaudeCommandBuilder() {
    }

    /** The argv with the config's own {@code appendSystemPromptFile} as the file to append. */
    public static List<String> argv(ClaudeWorkerConfig config, String prompt, UUID sessionId, SessionMode mode) {
        return argv(config, prompt, sessionId, mode, config.appendSystemPromptFile());
    }

    /**
     * The argv. Output is {@code stream-json --verbose}: one event a line as the worker goes, the result last. The
     * prompt comes right after {@code -p}: {@code --allowedTools} is variadic and would swallow a
     * prompt placed after it. Unless the config trusts the repository, no setting source is loaded (the
     * repository's {@code .claude/settings*.json} carry hooks; checked with the real CLI 2.1.328, an empty list
     * also skips project skills, agents, commands and CLAUDE.md) and only MCP servers given by flag start (not
     * the repository's {@code .mcp.json}).
     *
     * @param appendFile the file for {@code --append-system-prompt-file}, or null
     */
    public static List<String> argv(ClaudeWorkerConfig config, String prompt, UUID sessionId, SessionMode mode,
            Path appendFile) {
        List<String> argv = new ArrayList<>();
        argv.add(config.executable());
        argv.add("-p");
        argv.add(prompt);
        // One event a line as it happens (the live progress); the last one is the result object that judges the run.
        argv.add("--output-format");
        argv.add("stream-json");
        argv.add("--verbose");
        argv.add(mode == SessionMode.RESUME ? "--resume" : "--session-id");
        argv.add(sessionId.toString());
        if (!config.trustRepositorySettings()) {
            argv.add("--setting-sources");
            argv.add(NO_SETTING_SOURCES);
            argv.add("--strict-mcp-config");
        }
        argv.add("--permission-mode");
        argv.add(config.permissionMode().cliName());
        if (config.model() != null) {
            argv.add("--model");
            argv.add(config.model());
        }
        if (config.maxBudgetUsd() != null) {
            argv.add("--max-budget-usd");
            argv.add(BigDecimal.valueOf(config.maxBudgetUsd()).stripTrailingZeros().toPlainString());
        }
        if (config.maxTurns() != null) {
            argv.add("--max-turns");
            argv.add(config.maxTurns().toString());
        }
        if (appendFile != null) {
            argv.add("--append-system-prompt-file");
            argv.add(appendFile.toString());
        }
        if (config.bare()) {
            argv.add("--bare");
        }
        argv.addAll(config.extraArgs());
        if (!config.allowedTools().isEmpty()) {
            // Last, so its variadic list ends at the end of the command line.
            argv.add("--allowedTools");
            argv.addAll(config.allowedTools());
        }
        return argv;
    }

    /**
     * The worker's environment: the standard variables, {@code CLAUDE_CONFIG_DIR} (one per workstream, kept
     * across runs so {@code --resume} finds the transcript), and {@code IS_SANDBOX=1} when the user chose
     * bypassPermissions and the worker runs as root (the CLI refuses that combination otherwise).
     */
    public static Map<String, String> environment(ClaudeWorkerConfig config, WorkerRequest request, boolean asRoot) {
        Map<String, String> env = new LinkedHashMap<>(WorkerEnvironment.of(request));
        env.put("CLAUDE_CONFIG_DIR", configDir(request).toString());
        if (config.permissionMode() == ClaudePermissionMode.BYPASS_PERMISSIONS && asRoot) {
            env.put("IS_SANDBOX", "1");
        }
        return env;
    }

    public static Path configDir(WorkerRequest request) {
        return request.stateDir().resolve(CONFIG_DIR_NAME);
    }
}
