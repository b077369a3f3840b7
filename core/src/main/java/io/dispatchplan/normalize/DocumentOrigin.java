package io.dispatchplan.normalize;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessException;
import io.dispatchplan.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a document comes from, for the note on the plan a model writes from it.
 *
 * @param from its path relative to its git repository, or its file name outside one
 * @param commit the repository's HEAD when the document is committed there as it is; null when it has changes not
 *     committed, is not tracked, or is in no repository
 */
record DocumentOrigin(String from, String commit) {

    static DocumentOrigin of(GitCli git, Path file) {
        String name = file.getFileName().toString();
        try {
            Path real = file.toRealPath();
            Path dir = real.getParent();
            ProcessResult top = git.tryRun(dir, List.of("rev-parse", "--show-toplevel"));
            if (!top.succeeded()) {
                return new DocumentOrigin(name, null);
            }
            Path root = Path.of(top.stdout().strip()).toRealPath();
            String from = root.relativize(real).toString().replace('\\', '/');
            ProcessResult head = git.tryRun(dir, List.of("rev-parse", "--verify", "--quiet", "HEAD"));
            ProcessResult tracked = git.tryRun(dir, List.of("ls-files", "--error-unmatch", "--", real.toString()));
            ProcessResult changes = git.tryRun(dir, List.of("status", "--porcelain", "--", real.toString()));
            boolean committed = head.succeeded() && tracked.succeeded() && changes.succeeded()
                    && changes.stdout().isBlank();
            return new DocumentOrigin(from, committed ? head.stdout().strip() : null);
        } catch (IOException | ProcessException e) {
            // No git, or the path went: the note names the file alone.
            return new DocumentOrigin(name, null);
        }
    }
}
