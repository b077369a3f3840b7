package io.dispatchplan.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads and writes the files the engine handles on a worker's behalf without ever following a symbolic link. Every
 * call names a trusted {@code root} (a worktree, the run directory, a Jenkins workspace) and a file under it; each
 * path component below the root is looked at without following links, so a link committed to a repository (or
 * planted by a worker) can neither lead a write out of the root nor make the engine read what it points at.
 *
 * <p>Reading: a link where a file is expected is an {@link UnsafePathException} naming it. Writing: the engine's own
 * files are written to a temporary file and renamed over the target, so a link there is replaced by a regular file,
 * never written through; a link among the directories leading to it is an {@link UnsafePathException}.
 */
public final class SafeFiles {

    /** What is at a path, seen without following links. */
    public enum Kind { ABSENT, FILE, DIRECTORY, LINK, OTHER }

    private SafeFiles() {
    }

    /**
     * The file as an absolute, normalized path, after checking it lies under {@code root} and that none of the
     * directories between the root and it is a symbolic link or not a directory. Missing directories are fine.
     *
     * @param file absolute, or relative to {@code root}
     */
    public static Path inside(Path root, Path file) {
        Path base = root.toAbsolutePath().normalize();
        Path target = resolve(root, file);
        if (!target.startsWith(base) || target.equals(base)) {
            throw new UnsafePathException(target, target + " is not inside " + base + ": dispatch-plan reads and writes"
                    + " only files below it. Give a path inside " + base);
        }
        Path current = base;
        for (int i = base.getNameCount(); i < target.getNameCount() - 1; i++) {
            current = current.resolve(target.getName(i));
            BasicFileAttributes attributes = attributes(current);
            if (attributes == null) {
                return target;
            }
            if (attributes.isSymbolicLink()) {
                throw link(current, "a real directory");
            }
            if (!attributes.isDirectory()) {
                throw new UnsafePathException(current, current + " is not a directory, so " + target
                        + " cannot be there. Move it away");
            }
        }
        return target;
    }

    /**
     * {@code file} as an absolute path: an absolute one as it is; a relative one below {@code root}, unless both are
     * relative and the file was made from the root ({@code out} and {@code out/plan.json}), when both are taken from
     * the current directory.
     */
    private static Path resolve(Path root, Path file) {
        if (file.isAbsolute() || (!root.isAbsolute() && file.startsWith(root))) {
            return file.toAbsolutePath().normalize();
        }
        return root.toAbsolutePath().normalize().resolve(file).normalize();
    }

    /** What is at {@code file} (a link is {@link Kind#LINK}, never what it points at); its directories are checked. */
    public static Kind kind(Path root, Path file) {
        BasicFileAttributes attributes = attributes(inside(root, file));
        if (attributes == null) {
            return Kind.ABSENT;
        }
        return attributes.isSymbolicLink() ? Kind.LINK : attributes.isRegularFile() ? Kind.FILE
                : attributes.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
    }

    /** Creates {@code dir} and the directories leading to it under {@code root}, refusing any link on the way. */
    public static Path directories(Path root, Path dir) {
        Path base = root.toAbsolutePath().normalize();
        Path target = resolve(root, dir);
        if (target.equals(base)) {
            createRoot(base);
            return base;
        }
        inside(base, target);
        createRoot(base);
        Path current = base;
        for (int i = base.getNameCount(); i < target.getNameCount(); i++) {
            current = current.resolve(target.getName(i));
            BasicFileAttributes attributes = attributes(current);
            if (attributes == null) {
                try {
                    Files.createDirectory(current);
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile (another workstream): looked at again below
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the directory " + current + ": " + describe(e), e);
                }
                attributes = attributes(current);
            }
            if (attributes != null && attributes.isSymbolicLink()) {
                throw link(current, "a real directory");
            }
            if (attributes == null || !attributes.isDirectory()) {
                throw new UnsafePathException(current, current + " is not a directory. Move it away");
            }
        }
        return target;
    }

    /** The file's text (UTF-8), empty when there is none; a link or a non-file there is refused. */
    public static Optional<String> readRegularFile(Path root, Path file) {
        return readBytes(root, file).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The file's bytes, empty when there is none; a link or a non-file there is refused. */
    public static Optional<byte[]> readBytes(Path root, Path file) {
        Path target = inside(root, file);
        BasicFileAttributes attributes = attributes(target);
        if (attributes == null) {
            return Optional.empty();
        }
        requireRegularFile(target, attributes);
        // NOFOLLOW_LINKS: a file swapped for a link since it was looked at is not read either.
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isSymbolicLink(target)) {
                throw link(target, "a regular file");
            }
            throw new UncheckedIOException("cannot read " + target + ": " + describe(e), e);
        }
    }

    /**
     * Writes one of the engine's own files: into a temporary file beside it, flushed, then renamed over it, so a
     * reader sees the old content or the new, and a symbolic link at {@code file} is replaced, never written through.
     */
    public static Path writeRegularFile(Path root, Path file, String text) {
        return writeRegularFile(root, file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path writeRegularFile(Path root, Path file, byte[] content) {
        Path target = inside(root, file);
        directories(root, target.getParent());
        BasicFileAttributes existing = attributes(target);
        if (existing != null && existing.isDirectory()) {
            throw new UnsafePathException(target, target + " is a directory; dispatch-plan writes a file there. Move"
                    + " it away");
        }
        Path temp = null;
        try {
            temp = newTempFile(target);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            if (existing != null && existing.isRegularFile()) {
                keepPermissions(target, temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write failed already; a stray temporary file is all that is left
                }
            }
        }
    }

    /**
     * Writes the file unless a regular file is there already (another writer made it first; it is kept). A link
     * there is replaced.
     *
     * @return whether this call wrote it
     */
    public static boolean createRegularFile(Path root, Path file, String text) {
        Path target = inside(root, file);
        directories(root, target.getParent());
        for (int attempt = 0; attempt < 3; attempt++) {
            // CREATE_NEW (O_EXCL) never follows a link: it fails on one like on any existing file.
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                return true;
            } catch (FileAlreadyExistsException exists) {
                if (!Files.isSymbolicLink(target)) {
                    return false;
                }
                removeLink(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
            }
        }
        throw new UnsafePathException(target, target + " keeps being replaced by a symbolic link. Stop what is"
                + " making it");
    }

    /**
     * Copies a regular file to one of the engine's own files (written as {@link #writeRegularFile} does).
     *
     * @return false when there is no file to copy
     * @throws UnsafePathException when the source is a link or lies below one
     */
    public static boolean copyRegularFile(Path fromRoot, Path from, Path toRoot, Path to) {
        Optional<byte[]> content = readBytes(fromRoot, from);
        content.ifPresent(bytes -> writeRegularFile(toRoot, to, bytes));
        return content.isPresent();
    }

    /**
     * Makes sure a file that is about to be written by something else (a process's output redirected to it) is not a
     * link: its directories are created and checked, and a link at the file is removed.
     */
    public static Path prepareForWriting(Path root, Path file) {
        Path target = inside(root, file);
        directories(root, target.getParent());
        if (Files.isSymbolicLink(target)) {
            removeLink(target);
        }
        return target;
    }

    /** A new empty file beside {@code target}, made with the usual permissions (the umask's, not 0600). */
    private static Path newTempFile(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS).close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                if (attempt > 100) {
                    throw taken;
                }
            }
        }
    }

    /** A rewritten file keeps its mode (a 0600 {@code .env} stays private). */
    private static void keepPermissions(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or the file went meanwhile: the default mode is what it gets
        }
    }

    private static void removeLink(Path link) {
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the symbolic link " + link + ": " + describe(e), e);
        }
    }

    private static void requireRegularFile(Path target, BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            throw link(target, "a regular file");
        }
        if (!attributes.isRegularFile()) {
            throw new UnsafePathException(target, target + " is not a regular file"
                    + (attributes.isDirectory() ? " but a directory" : "") + ". Replace it with a regular file");
        }
    }

    private static void createRoot(Path base) {
        if (!Files.isDirectory(base)) {
            try {
                Files.createDirectories(base);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory " + base + ": " + describe(e), e);
            }
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path + ": " + describe(e), e);
        }
    }

    private static UnsafePathException link(Path path, String wanted) {
        String to;
        try {
            to = " (to " + Files.readSymbolicLink(path) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            to = "";
        }
        return new UnsafePathException(path, path + " is a symbolic link" + to + "; dispatch-plan never reads or writes"
                + " through links. Replace it with " + wanted + " (if the link is committed, remove it from the"
                + " repository)");
    }

    /** A short reason for an I/O failure, with what to do where that is clear. */
    public static String describe(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("No space left")) {
            return "the disk is full. Free some space, then run again (nothing written so far is lost)";
        }
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied. Make the directory writable"
                : message == null ? e.getClass().getSimpleName() : message;
    }
}
