package io.dispatchplan.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drains one output stream of a watched process on its own thread: every byte goes to a file (or memory) as it
 * arrives, the time of the last byte is noted, and complete lines are handed to a consumer.
 */
final class OutputTee {

    private final InputStream in;
    /** The file's stream, opened before the process started; null to keep the bytes in memory. */
    private final OutputStream file;
    private final Consumer<String> lines;
    private final AtomicLong lastActivityNanos;
    private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Thread thread;

    private OutputTee(InputStream in, OutputStream file, Consumer<String> lines, AtomicLong lastActivityNanos,
            String name) {
        this.in = in;
        this.file = file;
        this.lines = lines;
        this.lastActivityNanos = lastActivityNanos;
        this.thread = new Thread(this::drain, name);
        // Daemon: a background grandchild may hold the pipe open long after the process we ran exited.
        thread.setDaemon(true);
    }

    /**
     * Opens the file the bytes will go to (truncated), never through a symbolic link. Called before the process
     * starts: once it runs, it could swap the file for a link that a later open would follow.
     */
    static OutputStream open(Path file) throws IOException {
        return file == null ? null : java.nio.file.Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** @param file the stream from {@link #open}, or null to keep the bytes in memory */
    static OutputTee start(InputStream in, OutputStream file, Consumer<String> lines, AtomicLong lastActivityNanos,
            String name) {
        OutputTee tee = new OutputTee(in, file, lines, lastActivityNanos, name);
        tee.thread.start();
        return tee;
    }

    private void drain() {
        byte[] buffer = new byte[8192];
        try (in; OutputStream out = file == null ? memory : file) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                lastActivityNanos.set(System.nanoTime());
                synchronized (memory) {
                    out.write(buffer, 0, n);
                }
                if (lines != null) {
                    split(buffer, n);
                }
            }
        } catch (IOException e) {
            // The stream closed under us (process gone) or the file could not be written: what arrived is the output.
        }
        if (lines != null && line.size() > 0) {
            deliver();
        }
    }

    private void split(byte[] buffer, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                line.write(buffer, start, i - start);
                deliver();
                start = i + 1;
            }
        }
        line.write(buffer, start, n - start);
    }

    private void deliver() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        try {
            lines.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        } catch (RuntimeException e) {
            // A listener's failure must not stop the output being recorded.
        }
    }

    /** Waits at most {@code grace} for the end of the stream; returns what was kept in memory (empty for a file). */
    String await(Duration grace) {
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (memory) {
            return memory.toString(StandardCharsets.UTF_8);
        }
    }
}
