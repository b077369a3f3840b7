package io.dispatchplan.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes the run's files so a reader sees the old content or the new, never half of it: into a temporary file
 * beside the target, flushed to disk, then renamed over it. A kill or a full disk leaves the old file whole.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            if (Files.isSymbolicLink(target)) {
                throw new IOException(target + " is a symbolic link; dispatch-plan writes its files only as regular"
                        + " files. Remove the link");
            }
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("No space left")) {
            return "the disk is full. Free some space, then run again (nothing written so far is lost)";
        }
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied. Make the directory writable"
                : message == null ? e.getClass().getSimpleName() : message;
    }
}
