package io.dispatchplan.run;

import io.dispatchplan.collect.TaskFileExclusion;
import io.dispatchplan.files.CommittedFiles;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.tasks.TaskTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small preparations of a run that touch the user's repository or files. */
final class RunSetup {
    private RunSetup() {}

    /**
     * Keeps the run's directories out of {@code git status} when they lie inside the repository's working
     * tree, through the repository's own {@code info/exclude} (never its committed .gitignore).
     */
    static void excludeFromRepository(GitCli git, Path repository, List<Path> directories) {
        Optional<String> top = output(git, repository, "rev-parse", "--show-toplevel");
        if (top.isEmpty()) {
            return; // a bare repository has no working tree to keep clean
        }
        Path root = Path.of(top.get()).toAbsolutePath().normalize();
        Path exclude = Path.of(output(git, repository, "rev-parse", "--path-format=absolute", "--git-path", "info/exclude")
                .orElseThrow());
        List<String> patterns = new java.util.ArrayList<>();
        for (Path dir : directories) {
            Path absolute = dir.toAbsolutePath().normalize();
            if (absolute.startsWith(root) && !absolute.equals(root)) {
                patterns.add("/" + root.relativize(absolute).toString().replace('\\', '/') + "/");
            }
        }
        TaskFileExclusion.addPatterns(exclude, "# dispatch-plan run files", patterns);
    }

    /** The repository's own templates as of the base commit, else the built-in ones. */
    static TaskTemplates templatesAt(GitCli git, Path repository, String baseSha) {
        TaskTemplates builtIn = TaskTemplates.builtIn();
        return new TaskTemplates(
                fileAt(git, repository, baseSha, TaskTemplates.TASKS_TEMPLATE).orElse(builtIn.tasks()),
                fileAt(git, repository, baseSha, TaskTemplates.COORDINATION_TEMPLATE).orElse(builtIn.coordination()));
    }

    /** A template committed as a symbolic link (or below one) is an {@link io.dispatchplan.files.UnsafePathException}. */
    private static Optional<String> fileAt(GitCli git, Path repository, String sha, String name) {
        return CommittedFiles.read(git, repository, sha, TaskTemplates.OVERRIDE_DIR + "/" + name);
    }

    /**
     * Copies a regular file into the run directory; a link is not copied (nor what it points at).
     *
     * @return null, or why the file was not copied
     */
    static String copyIfPresent(Path fromRoot, Path from, Path toRoot, Path to) {
        try {
            SafeFiles.copyRegularFile(fromRoot, from, toRoot, to);
            return null;
        } catch (UnsafePathException e) {
            return e.getMessage();
        }
    }

    private static Optional<String> output(GitCli git, Path repository, String... args) {
        ProcessResult result = git.tryRun(repository, List.of(args));
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }
}
