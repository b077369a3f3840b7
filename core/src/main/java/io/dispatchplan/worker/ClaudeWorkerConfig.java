package io.dispatchplan.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run Claude Code as a worker. Immutable; change a copy with the {@code with...} methods.
 *
 * @param executable the {@code claude} program: a name looked up on the PATH, or a path
 * @param model {@code --model} (an alias such as {@code sonnet} or a full model name); null for the CLI's default
 * @param permissionMode {@code --permission-mode}
 * @param maxBudgetUsd {@code --max-budget-usd}: the run stops with {@code error_max_budget_usd} past it; null for none
 * @param maxTurns {@code --max-turns} (accepted by the CLI though not in its help); null for no limit
 * @param allowedTools {@code --allowedTools}: tools (or patterns such as {@code Bash(git *)}) allowed without asking
 * @param appendSystemPromptFile a file whose text is added to the system prompt (with the repository's CLAUDE.md,
 *     through one {@code --append-system-prompt-file}); null for none
 * @param bare {@code --bare}: no hooks, no CLAUDE.md discovery, API key auth only (the repository's CLAUDE.md still
 *     comes as text unless {@code trustRepositorySettings})
 * @param trustRepositorySettings load the repository's Claude settings, hooks, MCP servers, skills and CLAUDE.md
 *     the way an interactive {@code claude} does; off by default, because they run code beside the API key
 * @param extraArgs further arguments, appended as given (e.g. {@code --fallback-model haiku})
 * @param prompt the prompt for a new session, or null for {@link ClaudePrompts#DEFAULT_PROMPT}; placeholders
 *     {@code {tasksFile}}, {@code {coordinationFile}}, {@code {resultsFile}}, {@code {workstreamId}},
 *     {@code {feature}} are replaced
 * @param resumePrompt the prompt when resuming an earlier session, or null for {@link ClaudePrompts#DEFAULT_RESUME_PROMPT}
 */
public record ClaudeWorkerConfig(
        String executable,
        String model,
        ClaudePermissionMode permissionMode,
        Double maxBudgetUsd,
        Integer maxTurns,
        List<String> allowedTools,
        Path appendSystemPromptFile,
        boolean bare,
        boolean trustRepositorySettings,
        List<String> extraArgs,
        String prompt,
        String resumePrompt) {

    /** Flags the worker sets itself; passing them again in extraArgs would contradict it. */
    static final Set<String> RESERVED = Set.of("-p", "--print", "--output-format", "--session-id", "--resume", "-r",
            "--continue", "-c", "--fork-session", "--input-format");

    /** Flags a field of this config sets; passing them in extraArgs would silently override it. */
    static final Map<String, String> SET_BY_FIELDS = Map.of("--setting-sources", "trustRepositorySettings",
            "--append-system-prompt-file", "appendSystemPromptFile");

    public ClaudeWorkerConfig {
        executable = executable == null || executable.isBlank() ? "claude" : executable.strip();
        model = blankToNull(model);
        permissionMode = permissionMode == null ? ClaudePermissionMode.ACCEPT_EDITS : permissionMode;
        allowedTools = List.copyOf(allowedTools == null ? List.of() : allowedTools);
        extraArgs = List.copyOf(extraArgs == null ? List.of() : extraArgs);
        prompt = blankToNull(prompt);
        resumePrompt = blankToNull(resumePrompt);
        if (maxBudgetUsd != null && !(maxBudgetUsd > 0)) {
            throw new IllegalArgumentException("maxBudgetUsd must be a positive number of dollars, got " + maxBudgetUsd);
        }
        if (maxTurns != null && maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, got " + maxTurns);
        }
        if (model != null && model.startsWith("-")) {
            throw new IllegalArgumentException("model '" + model + "' starts with '-': give a model name such as sonnet");
        }
        for (String tool : allowedTools) {
            if (tool == null || tool.isBlank() || tool.startsWith("-")) {
                throw new IllegalArgumentException("allowedTools entry '" + tool
                        + "' is not a tool name: use names or patterns such as Bash, Edit or Bash(git *)");
            }
        }
        for (String arg : extraArgs) {
            String flag = arg == null ? "" : arg.split("=", 2)[0];
            if (RESERVED.contains(flag)) {
                throw new IllegalArgumentException("extraArgs may not contain " + flag
                        + ": the worker sets the prompt, output format and session itself");
            }
            if (SET_BY_FIELDS.containsKey(flag)) {
                throw new IllegalArgumentException("extraArgs may not contain " + flag + ": use "
                        + SET_BY_FIELDS.get(flag));
            }
        }
        for (String text : new String[] {prompt, resumePrompt}) {
            if (text != null && text.startsWith("-")) {
                throw new IllegalArgumentException("a prompt may not start with '-' (the CLI would read it as an option)");
            }
        }
    }

    /** acceptEdits with Bash allowed (so the worker can build, test and commit), no model, budget or turn limit. */
    public static ClaudeWorkerConfig defaults() {
        return new ClaudeWorkerConfig("claude", null, ClaudePermissionMode.ACCEPT_EDITS, null, null, List.of("Bash"),
                null, false, false, List.of(), null, null);
    }

    public ClaudeWorkerConfig withExecutable(String value) {
        return new ClaudeWorkerConfig(value, model, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withModel(String value) {
        return new ClaudeWorkerConfig(executable, value, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withPermissionMode(ClaudePermissionMode value) {
        return new ClaudeWorkerConfig(executable, model, value, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withMaxBudgetUsd(Double value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, value, maxTurns, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withMaxTurns(Integer value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, value, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withAllowedTools(List<String> value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, maxTurns, value,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withAppendSystemPromptFile(Path value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                value, bare, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withBare(boolean value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, value, trustRepositorySettings, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withTrustRepositorySettings(boolean value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, bare, value, extraArgs, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withExtraArgs(List<String> value) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, value, prompt, resumePrompt);
    }

    public ClaudeWorkerConfig withPrompts(String newPrompt, String newResumePrompt) {
        return new ClaudeWorkerConfig(executable, model, permissionMode, maxBudgetUsd, maxTurns, allowedTools,
                appendSystemPromptFile, bare, trustRepositorySettings, extraArgs, newPrompt, newResumePrompt);
    }

    /**
     * Splits a tool list as users write it ({@code "Bash, Edit Read,Bash(git *)"}) at commas and blanks outside
     * parentheses, so a pattern such as {@code Bash(git commit:*)} stays whole.
     */
    public static List<String> splitTools(String text) {
        List<String> tools = new java.util.ArrayList<>();
        if (text == null) {
            return tools;
        }
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                if (!current.isEmpty()) {
                    tools.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
            current.append(c);
        }
        if (!current.isEmpty()) {
            tools.add(current.toString());
        }
        return tools;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
