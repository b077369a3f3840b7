package io.dispatchplan.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one file given to {@code --append-system-prompt-file} (the CLI keeps only the last such flag): the user's
 * own file, then the repository's CLAUDE.md as text, since the worker no longer lets the CLI discover it. Written
 * into the workstream's state directory, so the CLI reads only what was checked here.
 */
final class AppendedSystemPrompt {

    static final String FILE_NAME = "append-system-prompt.md";

    /** Where a repository keeps its instructions for Claude, relative to the worktree. */
    static final List<String> CLAUDE_MD = List.of("CLAUDE.md", ".claude/CLAUDE.md");

    private AppendedSystemPrompt() {
    }

    /**
     * The file to pass, or null for none. Trusting the repository, the CLI finds CLAUDE.md itself and the user's
     * file goes through as it is.
     */
    static Path write(ClaudeWorkerConfig config, WorkerRequest request) {
        if (config.trustRepositorySettings()) {
            return config.appendSystemPromptFile();
        }
        Path own = config.appendSystemPromptFile() == null ? null
                : request.worktree().resolve(config.appendSystemPromptFile());
        List<Path> repositoryFiles = repositoryInstructions(request.worktree());
        if (own != null && !Files.isReadable(own)) {
            throw new IllegalStateException("appendSystemPromptFile " + own + " cannot be read: give a file that exists"
                    + " (a relative path is taken from the worktree)");
        }
        Path target = request.stateDir().resolve(FILE_NAME);
        try {
            if (own == null && repositoryFiles.isEmpty()) {
                Files.deleteIfExists(target);
                return null;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            if (own != null) {
                copy(own, out);
            }
            for (Path file : repositoryFiles) {
                String name = request.worktree().relativize(file).toString().replace('\\', '/');
                out.write(("\n\nContents of " + name + " (project instructions, checked into the repository):\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                // NOFOLLOW_LINKS: a file swapped for a link since the check is not read either.
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(out);
                }
            }
            // Written as a regular file: a symbolic link there is replaced, never written through.
            io.dispatchplan.files.SafeFiles.writeRegularFile(request.stateDir(), target, out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("could not write the worker's system prompt addition " + target
                    + (own == null ? "" : " from appendSystemPromptFile " + own) + ": " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * The repository's CLAUDE.md files that are regular files inside the worktree. A symbolic link (to the
     * file or to its directory) is skipped, never followed: it could point at anything on the agent.
     */
    static List<Path> repositoryInstructions(Path worktree) {
        List<Path> found = new ArrayList<>();
        for (String name : CLAUDE_MD) {
            Path file = worktree.resolve(name);
            Path parent = file.getParent();
            if ((parent.equals(worktree) || Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS))
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                found.add(file);
            }
        }
        return found;
    }

    private static void copy(Path own, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(own)) {
            in.transferTo(out);
        }
    }
}
