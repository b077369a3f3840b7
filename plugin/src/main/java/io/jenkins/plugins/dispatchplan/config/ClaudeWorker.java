package io.jenkins.plugins.dispatchplan.config;

import hudson.Extension;
import hudson.util.ListBoxModel;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.worker.ClaudeCommandBuilder;
import io.dispatchplan.worker.ClaudeCommandBuilder.SessionMode;
import io.dispatchplan.worker.ClaudePermissionMode;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import io.dispatchplan.worker.WorkerCommand;
import io.dispatchplan.worker.WorkerOutcome;
import io.dispatchplan.worker.WorkerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Claude Code as the worker: {@code claude(model: 'sonnet', permissionMode: 'acceptEdits', maxBudgetUsd: 5)}.
 */
public final class ClaudeWorker extends WorkerConfig {
    private static final long serialVersionUID = 1L;

    /** Permission modes that let a worker edit without a human at the terminal. */
    static final Set<String> PERMISSION_MODES = Set.of("acceptEdits", "bypassPermissions", "dontAsk", "default", "plan");
    static final String DEFAULT_PERMISSION_MODE = "acceptEdits";
    static final String DEFAULT_EXECUTABLE = "claude";

    private String model;
    private String permissionMode = DEFAULT_PERMISSION_MODE;
    /** Null: no limit (a form field left empty, or 0). */
    private Double maxBudgetUsd;
    /** Null: the CLI's own limit (a form field left empty, or 0). */
    private Integer maxTurns;
    private String allowedTools;
    private String executable = DEFAULT_EXECUTABLE;
    private boolean bare;
    private boolean trustRepositorySettings;

    @DataBoundConstructor
    public ClaudeWorker() {
    }

    @Override
    public String getKind() {
        return "claude";
    }

    @Override
    public String getApiKeyVariable() {
        return "ANTHROPIC_API_KEY";
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = Text.trimToNull(model);
    }

    public String getPermissionMode() {
        return permissionMode;
    }

    @DataBoundSetter
    public void setPermissionMode(String permissionMode) {
        String mode = Text.trimToNull(permissionMode);
        if (mode == null) {
            mode = DEFAULT_PERMISSION_MODE;
        }
        if (!PERMISSION_MODES.contains(mode)) {
            throw new IllegalArgumentException("claude: permissionMode '" + mode + "' is not one of "
                    + Text.sorted(PERMISSION_MODES) + "; workers run unattended, so use acceptEdits (default)");
        }
        this.permissionMode = mode;
    }

    /** Null when there is no limit, so the form shows an empty field and the Snippet Generator leaves it out. */
    public Double getMaxBudgetUsd() {
        return maxBudgetUsd;
    }

    /** Dollars one worker may spend; null (or 0) means no limit. */
    @DataBoundSetter
    public void setMaxBudgetUsd(Double maxBudgetUsd) {
        if (maxBudgetUsd != null && (maxBudgetUsd < 0 || maxBudgetUsd.isNaN() || maxBudgetUsd.isInfinite())) {
            throw new IllegalArgumentException("claude: maxBudgetUsd must be a positive number of dollars (0 for no limit), not " + maxBudgetUsd);
        }
        this.maxBudgetUsd = maxBudgetUsd == null || maxBudgetUsd == 0 ? null : maxBudgetUsd;
    }

    /** Null when the CLI's own limit applies. */
    public Integer getMaxTurns() {
        return maxTurns;
    }

    /** Turns one worker may take; null (or 0) means the CLI's default. */
    @DataBoundSetter
    public void setMaxTurns(Integer maxTurns) {
        if (maxTurns != null && maxTurns < 0) {
            throw new IllegalArgumentException("claude: maxTurns must be 0 (no limit) or more, not " + maxTurns);
        }
        this.maxTurns = maxTurns == null || maxTurns == 0 ? null : maxTurns;
    }

    /** A worker saved before the limits were nullable has 0 for "none": read it back as unset. */
    private Object readResolve() {
        setMaxBudgetUsd(maxBudgetUsd);
        setMaxTurns(maxTurns);
        return this;
    }

    public String getAllowedTools() {
        return allowedTools;
    }

    /** Tools allowed without asking, separated by commas or spaces, e.g. {@code Bash,Edit,Read}. */
    @DataBoundSetter
    public void setAllowedTools(String allowedTools) {
        this.allowedTools = Text.trimToNull(allowedTools);
    }

    public String getExecutable() {
        return executable;
    }

    /** The {@code claude} command on the agent: a name on the PATH or an absolute path. */
    @DataBoundSetter
    public void setExecutable(String executable) {
        String e = Text.trimToNull(executable);
        this.executable = e == null ? DEFAULT_EXECUTABLE : e;
    }

    public boolean isBare() {
        return bare;
    }

    /** {@code --bare}: no hooks, no plugins, no CLAUDE.md discovery; for hermetic runs, off by default. */
    @DataBoundSetter
    public void setBare(boolean bare) {
        this.bare = bare;
    }

    public boolean isTrustRepositorySettings() {
        return trustRepositorySettings;
    }

    /**
     * Load the repository's Claude settings, hooks, MCP servers and CLAUDE.md as an interactive {@code claude} does.
     * Off by default: they run code with the API key in reach, and a pull request can change them.
     */
    @DataBoundSetter
    public void setTrustRepositorySettings(boolean trustRepositorySettings) {
        this.trustRepositorySettings = trustRepositorySettings;
    }

    /** The engine's configuration of the same settings. */
    public ClaudeWorkerConfig config() {
        ClaudeWorkerConfig c = ClaudeWorkerConfig.defaults().withExecutable(executable).withModel(model)
                .withPermissionMode(ClaudePermissionMode.parse(permissionMode)).withBare(bare)
                .withTrustRepositorySettings(trustRepositorySettings);
        if (maxBudgetUsd != null) {
            c = c.withMaxBudgetUsd(maxBudgetUsd);
        }
        if (maxTurns != null) {
            c = c.withMaxTurns(maxTurns);
        }
        if (allowedTools != null) {
            c = c.withAllowedTools(ClaudeWorkerConfig.splitTools(allowedTools));
        }
        return c;
    }

    /** Written by prepareWorkstream beside the worker's state: the session flag the attempt used. */
    static final String MODE_FILE = "session-mode";
    /** Written by collectWorkstream when the CLI said the session is "already in use": resume it next. */
    static final String RESUME_FILE = "resume-next";

    @Override
    public WorkerCommand command(WorkerRequest request) {
        Path resumeNext = request.stateDir().resolve(RESUME_FILE);
        SessionMode mode = Files.exists(resumeNext) ? SessionMode.RESUME
                : io.dispatchplan.worker.ClaudeWorker.sessionMode(request);
        try {
            Files.deleteIfExists(resumeNext);
            Files.createDirectories(ClaudeCommandBuilder.configDir(request));
            Files.writeString(request.stateDir().resolve(MODE_FILE), mode.name(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + request.stateDir() + ": " + e.getMessage(), e);
        }
        return new io.dispatchplan.worker.ClaudeWorker(config()).command(request, mode);
    }

    /**
     * The CLI refused the session flag: "No conversation found" for --resume (the transcript is set aside, so
     * the next attempt starts afresh) or "already in use" for --session-id (the next attempt resumes).
     */
    @Override
    public boolean fixForNextAttempt(WorkerRequest request, ProcessResult process) {
        Path modeFile = request.stateDir().resolve(MODE_FILE);
        try {
            if (!Files.exists(modeFile)) {
                return false;
            }
            SessionMode used = SessionMode.valueOf(Files.readString(modeFile, StandardCharsets.UTF_8).strip());
            if (!io.dispatchplan.worker.ClaudeWorker.refusedSessionFlag(process, request, used)) {
                return false;
            }
            if (used == SessionMode.RESUME) {
                io.dispatchplan.worker.ClaudeWorker.setAsideTranscripts(request);
            } else {
                Files.writeString(request.stateDir().resolve(RESUME_FILE), "", StandardCharsets.UTF_8);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + modeFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Double budgetCapUsd() {
        return maxBudgetUsd; // null when none: 0 is stored as none
    }

    @Override
    public io.dispatchplan.worker.Worker resolver() {
        return new io.dispatchplan.worker.ClaudeWorker(io.dispatchplan.integrate.ResolverPrompt.forClaude(config()));
    }

    @Override
    public boolean streamsEvents() {
        return true;
    }

    @Override
    public WorkerOutcome judge(WorkerRequest request, ProcessResult process) {
        return new io.dispatchplan.worker.ClaudeWorker(config()).judge(request, process);
    }

    @Extension
    @Symbol("claude")
    public static final class DescriptorImpl extends WorkerDescriptor {
        @Override
        public String getDisplayName() {
            return "Claude Code";
        }

        /** The permission modes as a select list, the unattended default first. */
        public ListBoxModel doFillPermissionModeItems() {
            ListBoxModel items = new ListBoxModel();
            for (PermissionModeChoice choice : permissionModeChoices()) {
                items.add(choice.label(), choice.value());
            }
            return items;
        }
    }

    /** One entry of the permission mode list: what the user reads, and the {@code --permission-mode} value. */
    record PermissionModeChoice(String label, String value) {
    }

    /** Every mode the CLI accepts (and this worker allows), described for the form. */
    static List<PermissionModeChoice> permissionModeChoices() {
        List<PermissionModeChoice> choices = new ArrayList<>();
        for (ClaudePermissionMode mode : ClaudePermissionMode.values()) {
            choices.add(new PermissionModeChoice(mode.cliName() + ": " + PERMISSION_MODE_TEXT.get(mode), mode.cliName()));
        }
        return choices;
    }

    private static final Map<ClaudePermissionMode, String> PERMISSION_MODE_TEXT = Map.of(
            ClaudePermissionMode.ACCEPT_EDITS, "edits accepted, other tools only as allowed (default; works as root)",
            ClaudePermissionMode.BYPASS_PERMISSIONS, "every tool allowed (refused as root unless IS_SANDBOX=1)",
            ClaudePermissionMode.DONT_ASK, "anything not in allowed tools is denied",
            ClaudePermissionMode.DEFAULT, "the CLI's own default: tools that would ask are denied",
            ClaudePermissionMode.PLAN, "read-only planning: no edits, no commands");
}
