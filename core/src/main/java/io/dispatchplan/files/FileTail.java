package io.dispatchplan.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** The end of an output file, for messages: read from its end, never through a symbolic link. */
public final class FileTail {
    private FileTail() {
    }

    /**
     * The last {@code maxBytes} of {@code file} as text; empty when it is missing, unreadable or a symbolic link (a
     * process that swapped its log for one gets nothing read through it).
     */
    public static String of(Path file, int maxBytes) {
        return read(file, maxBytes, false);
    }

    /** The same, without a first line the cut went through (unless it is all there is): whole lines only. */
    public static String wholeLines(Path file, int maxBytes) {
        return read(file, maxBytes, true);
    }

    private static String read(Path file, int maxBytes, boolean wholeLines) {
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long length = channel.size();
            long from = Math.max(0, length - maxBytes);
            ByteBuffer read = ByteBuffer.allocate((int) (length - from));
            while (read.hasRemaining() && channel.read(read, from + read.position()) >= 0) {
                // reads until the buffer is full or the file ends
            }
            String text = new String(Arrays.copyOf(read.array(), read.position()), StandardCharsets.UTF_8);
            if (from == 0) {
                return text;
            }
            int newline = text.indexOf('\n');
            if (wholeLines && newline >= 0 && newline < text.length() - 1) {
                return text.substring(newline + 1);
            }
            // A cut through a multi-byte character decodes to U+FFFD at the start: drop it.
            return text.startsWith("\uFFFD") ? text.substring(1) : text;
        } catch (IOException e) {
            return "";
        }
    }
}
