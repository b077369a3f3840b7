package io.dispatchplan.worktree;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.files.UnsafePathException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Copies files that git does not carry ({@code .env}, local config, even {@code node_modules}) from a source
 * checkout into a worktree, as chosen by {@link IncludePatterns}. A file the worktree already has (tracked at
 * the base) is never overwritten; nested repositories and worktrees in the source are skipped, so worktrees
 * living under the source directory are not copied into each other. Symbolic links are neither followed nor copied,
 * and no file is copied through a directory of the worktree that is a link (an {@link UnsafePathException}).
 */
final class UntrackedFileCopier {

    private UntrackedFileCopier() {
    }

    /** Returns the copied paths, relative and '/'-separated, in walk order. */
    static List<String> copy(Path source, Path target, IncludePatterns patterns) {
        List<String> copied = new ArrayList<>();
        if (patterns.isEmpty() || !Files.isDirectory(source)) {
            return copied;
        }
        Path targetReal = WorktreeManager.canonical(target);
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                private final Deque<Boolean> decisions = new ArrayDeque<>();

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(source)) {
                        decisions.push(false);
                        return FileVisitResult.CONTINUE;
                    }
                    if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
                            || dir.getFileName().toString().equals(".git")
                            || WorktreeManager.canonical(dir).equals(targetReal)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Boolean own = patterns.decide(relative(source, dir), true);
                    decisions.push(own != null ? own : decisions.peek());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    decisions.pop();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = relative(source, file);
                    Boolean own = patterns.decide(rel, false);
                    boolean include = own != null ? own : decisions.peek();
                    if (include && attrs.isRegularFile()) {
                        Path to = SafeFiles.inside(target, Path.of(rel));
                        if (SafeFiles.kind(target, to) == SafeFiles.Kind.ABSENT) {
                            SafeFiles.directories(target, to.getParent());
                            Files.copy(file, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                            copied.add(rel);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("copying untracked files from " + source + " to " + target, e);
        }
        return copied;
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
