package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendedSystemPromptTest {

    @TempDir
    Path tmp;

    private Path worktree;
    private WorkerRequest request;

    @BeforeEach
    void setUp() throws Exception {
        worktree = Files.createDirectories(tmp.resolve("ws/feat/api"));
        request = WorkerRequest.builder("feat", "api", worktree).stateDir(tmp.resolve("ws@tmp/feat/api")).build();
    }

    private String written(ClaudeWorkerConfig config) throws Exception {
        return Files.readString(AppendedSystemPrompt.write(config, request));
    }

    @Test
    void bringsBothPlacesOfTheRepositoryClaudeMdAfterTheUsersOwnFile() throws Exception {
        Files.writeString(worktree.resolve("CLAUDE.md"), "root rules\n");
        Files.createDirectories(worktree.resolve(".claude"));
        Files.writeString(worktree.resolve(".claude/CLAUDE.md"), "dot-claude rules\n");
        Path own = Files.writeString(tmp.resolve("own.md"), "operator rules\n");

        String text = written(ClaudeWorkerConfig.defaults().withAppendSystemPromptFile(own));

        assertThat(text).startsWith("operator rules\n").containsSubsequence(
                "Contents of CLAUDE.md (project instructions, checked into the repository)", "root rules",
                "Contents of .claude/CLAUDE.md", "dot-claude rules");
    }

    @Test
    void neverFollowsALinkedFileOrALinkedDirectory() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("CLAUDE.md"), "secret\n");
        Files.createSymbolicLink(worktree.resolve("CLAUDE.md"), outside.resolve("CLAUDE.md"));
        Files.createSymbolicLink(worktree.resolve(".claude"), outside);

        assertThat(AppendedSystemPrompt.write(ClaudeWorkerConfig.defaults(), request)).isNull();
    }

    @Test
    void withNothingToAppendPassesNoFileAndDropsAnEarlierOne() throws Exception {
        Files.writeString(worktree.resolve("CLAUDE.md"), "rules\n");
        Path earlier = AppendedSystemPrompt.write(ClaudeWorkerConfig.defaults(), request);
        Files.delete(worktree.resolve("CLAUDE.md"));

        assertThat(AppendedSystemPrompt.write(ClaudeWorkerConfig.defaults(), request)).isNull();
        assertThat(earlier).doesNotExist();
    }

    @Test
    void trustingTheRepositoryPassesTheUsersFileAsItIs() {
        ClaudeWorkerConfig trusted = ClaudeWorkerConfig.defaults().withTrustRepositorySettings(true)
                .withAppendSystemPromptFile(Path.of("notes/system.md"));

        assertThat(AppendedSystemPrompt.write(trusted, request)).isEqualTo(Path.of("notes/system.md"));
        assertThat(AppendedSystemPrompt.write(ClaudeWorkerConfig.defaults().withTrustRepositorySettings(true), request))
                .isNull();
    }

    @Test
    void aMissingUserFileIsNamedInTheError() {
        ClaudeWorkerConfig config = ClaudeWorkerConfig.defaults().withAppendSystemPromptFile(Path.of("missing.md"));

        assertThatThrownBy(() -> AppendedSystemPrompt.write(config, request))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("appendSystemPromptFile " + worktree.resolve("missing.md") + " cannot be read: give a file"
                        + " that exists (a relative path is taken from the worktree)");
    }
}
