package io.jenkins.plugins.dispatchplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    @Test
    void claudeDefaultsSuitUnattendedWorkers() {
        ClaudeWorker claude = new ClaudeWorker();
        assertThat(claude.getPermissionMode()).isEqualTo("acceptEdits");
        assertThat(claude.getExecutable()).isEqualTo("claude");
        assertThat(claude.isBare()).isFalse();
        assertThat(claude.isTrustRepositorySettings()).as("repository content is untrusted").isFalse();
        assertThat(claude.config().trustRepositorySettings()).isFalse();
        assertThat(claude.getMaxBudgetUsd()).as("no limit: an empty field, not 0.0").isNull();
        assertThat(claude.getMaxTurns()).isNull();
        assertThat(claude.getApiKeyVariable()).isEqualTo("ANTHROPIC_API_KEY");
        claude.setPermissionMode(" ");
        claude.setExecutable("");
        assertThat(claude.getPermissionMode()).isEqualTo("acceptEdits");
        assertThat(claude.getExecutable()).isEqualTo("claude");
    }

    @Test
    void claudeRefusesValuesTheCliWouldRejectOrThatMakeNoSense() {
        ClaudeWorker claude = new ClaudeWorker();
        assertThatThrownBy(() -> claude.setPermissionMode("yolo")).hasMessage(
                "claude: permissionMode 'yolo' is not one of acceptEdits, bypassPermissions, default, dontAsk, plan;"
                        + " workers run unattended, so use acceptEdits (default)");
        assertThatThrownBy(() -> claude.setMaxBudgetUsd(-1.0))
                .hasMessage("claude: maxBudgetUsd must be a positive number of dollars (0 for no limit), not -1.0");
        assertThatThrownBy(() -> claude.setMaxTurns(-2)).hasMessage("claude: maxTurns must be 0 (no limit) or more, not -2");
        claude.setMaxBudgetUsd(5.0);
        claude.setModel(" sonnet ");
        assertThat(claude.getMaxBudgetUsd()).isEqualTo(5.0);
        assertThat(claude.getModel()).isEqualTo("sonnet");
    }

    @Test
    void commandNeedsAScriptAndAValidKeyVariable() {
        assertThatThrownBy(() -> new CommandWorker("  "))
                .hasMessage("command: script is required, e.g. command(script: './ai-worker.sh')");
        CommandWorker command = new CommandWorker("./work.sh");
        assertThatThrownBy(() -> command.setApiKeyVariable("OPENAI KEY"))
                .hasMessage("command: apiKeyVariable 'OPENAI KEY' is not an environment variable name");
        command.setApiKeyVariable("OPENAI_API_KEY");
        assertThat(command.getApiKeyVariable()).isEqualTo("OPENAI_API_KEY");
        assertThat(command.getKind()).isEqualTo("command");
    }

    @Test
    void zeroLimitsMeanNoneAndReadBackAsUnsetAlsoFromAnOlderSave() {
        ClaudeWorker claude = new ClaudeWorker();
        claude.setMaxBudgetUsd(0.0);
        claude.setMaxTurns(0);
        assertThat(claude.getMaxBudgetUsd()).isNull();
        assertThat(claude.getMaxTurns()).isNull();

        String savedBefore = "<io.jenkins.plugins.dispatchplan.config.ClaudeWorker><permissionMode>acceptEdits</permissionMode>"
                + "<maxBudgetUsd>0.0</maxBudgetUsd><maxTurns>0</maxTurns><executable>claude</executable>"
                + "<bare>false</bare><trustRepositorySettings>false</trustRepositorySettings>"
                + "</io.jenkins.plugins.dispatchplan.config.ClaudeWorker>";
        com.thoughtworks.xstream.XStream xstream = new com.thoughtworks.xstream.XStream();
        xstream.addPermission(com.thoughtworks.xstream.security.AnyTypePermission.ANY);
        ClaudeWorker loaded = (ClaudeWorker) xstream.fromXML(savedBefore);
        assertThat(loaded.getMaxBudgetUsd()).isNull();
        assertThat(loaded.getMaxTurns()).isNull();
        assertThat(loaded.config().maxBudgetUsd()).isNull();
    }

    @Test
    void thePermissionModeListOffersEveryModeTheCliAcceptsDefaultFirst() {
        assertThat(ClaudeWorker.permissionModeChoices()).extracting(ClaudeWorker.PermissionModeChoice::value)
                .containsExactly("acceptEdits", "bypassPermissions", "dontAsk", "default", "plan")
                .containsExactlyInAnyOrderElementsOf(ClaudeWorker.PERMISSION_MODES);
        assertThat(ClaudeWorker.permissionModeChoices()).allSatisfy(choice ->
                assertThat(choice.label()).startsWith(choice.value() + ": ").doesNotContain("null"));
    }

    @Test
    void everyPermissionModeTheStepAcceptsIsOneTheEngineKnows() {
        for (String mode : ClaudeWorker.PERMISSION_MODES) {
            ClaudeWorker claude = new ClaudeWorker();
            claude.setPermissionMode(mode);
            assertThat(claude.config().permissionMode().cliName()).isEqualTo(mode);
        }
    }

    @Test
    void claudeSettingsReachTheEnginesConfiguration() {
        ClaudeWorker claude = new ClaudeWorker();
        claude.setModel("opus");
        claude.setMaxBudgetUsd(2.5);
        claude.setMaxTurns(40);
        claude.setAllowedTools("Bash, Edit Read");
        claude.setExecutable("/opt/claude/bin/claude");
        claude.setBare(true);
        claude.setTrustRepositorySettings(true);
        var config = claude.config();
        assertThat(config.model()).isEqualTo("opus");
        assertThat(config.maxBudgetUsd()).isEqualTo(2.5);
        assertThat(config.maxTurns()).isEqualTo(40);
        assertThat(config.allowedTools()).containsExactly("Bash", "Edit", "Read");
        assertThat(config.executable()).isEqualTo("/opt/claude/bin/claude");
        assertThat(config.bare()).isTrue();
        assertThat(config.trustRepositorySettings()).isTrue();
        assertThat(new ClaudeWorker().config().maxBudgetUsd()).as("0 means no limit").isNull();
    }
}
