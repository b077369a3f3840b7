package io.dispatchplan.collect;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.worktree.PortBlock;
import io.dispatchplan.worktree.SetupResult;
import io.dispatchplan.git.RepositoryLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the files the engine writes into a worktree (TASKS.md, COORDINATION.md) out of the workstream branch, also
 * when the worker itself runs {@code git add -A}: their root paths go into the repository's exclude file
 * ({@code git rev-parse --git-path info/exclude}). Git shares that file between all worktrees of a repository, so
 * the patterns are anchored to the root ({@code /TASKS.md}) and only ever hide untracked files; a tracked
 * TASKS.md of the project stays tracked.
 */
public final class TaskFileExclusion {

    /** The files the engine writes into every worktree root. RESULTS.md is not here: it is committed. */
    public static final List<String> ENGINE_FILES = List.of("TASKS.md", "COORDINATION.md");

    private static final String HEADER = "# dispatch-plan: files it writes into each worktree, never committed";

    private TaskFileExclusion() {
    }

    /** {@link #apply(GitCli, Path)} with the {@code git} on the PATH. */
    public static Path apply(Path worktree) {
        return apply(new GitCli(), worktree);
    }

    /** Adds the engine files to the exclude file of {@code worktree}'s repository; idempotent. */
    public static Path apply(GitCli git, Path worktree) {
        return apply(git, worktree, ENGINE_FILES);
    }

    /** Adds {@code rootFiles} (paths relative to the worktree root) to the exclude file; idempotent. */
    /**
     * Everything a prepared workstream keeps out of its commits: the engine's task files, RESULTS.md (archived,
     * never merged), and the machine's own files setup put there (copied files such as .env, and the .env that
     * holds its PORT).
     */
    public static Path applyForWorkstream(GitCli git, Path worktree, SetupResult setup) {
        List<String> files = new ArrayList<>(ENGINE_FILES);
        files.add(ResultCollector.RESULTS_FILE);
        files.addAll(setup.copiedFiles());
        if (setup.port() != null) {
            files.add(PortBlock.ENV_FILE);
        }
        return apply(git, worktree, files);
    }

    public static Path apply(GitCli git, Path worktree, List<String> rootFiles) {
        List<String> patterns = new ArrayList<>();
        for (String file : rootFiles) {
            patterns.add("/" + escape(file));
        }
        return addPatterns(git.gitPath(worktree, "info/exclude"), HEADER, patterns);
    }

    /**
     * Adds the patterns the exclude file lacks, under {@code header}. The file is shared by every worktree and every
     * run in the repository, so it is changed under a lock: concurrent runs never lose each other's lines.
     */
    public static Path addPatterns(Path exclude, String header, List<String> patterns) {
        try (RepositoryLock lock = RepositoryLock.acquire(exclude.resolveSibling("exclude.dispatch-plan.lock"),
                RepositoryLock.DEFAULT_TIMEOUT)) {
            Files.createDirectories(exclude.getParent());
            List<String> lines = Files.exists(exclude)
                    ? Files.readAllLines(exclude, StandardCharsets.UTF_8) : List.of();
            List<String> missing = new ArrayList<>();
            for (String pattern : patterns) {
                if (!lines.contains(pattern) && !missing.contains(pattern)) {
                    missing.add(pattern);
                }
            }
            if (missing.isEmpty()) {
                return exclude;
            }
            StringBuilder text = new StringBuilder();
            String existing = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                text.append('\n');
            }
            if (!lines.contains(header)) {
                text.append(header).append('\n');
            }
            missing.forEach(pattern -> text.append(pattern).append('\n'));
            Files.writeString(exclude, existing + text, StandardCharsets.UTF_8);
            return exclude;
        } catch (IOException e) {
            throw new UncheckedIOException("could not update the git exclude file " + exclude + ": " + e.getMessage(),
                    e);
        }
    }

    /** Gitignore syntax treats these characters as patterns; the files are named literally. */
    private static String escape(String file) {
        StringBuilder out = new StringBuilder();
        for (char c : file.toCharArray()) {
            if ("\\*?[]!# ".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
