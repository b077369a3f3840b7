package io.dispatchplan.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Drains one output stream of a process on its own thread so a full pipe never blocks the process. */
final class OutputCollector {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    private OutputCollector(InputStream in, String name) {
        thread = new Thread(() -> drain(in), name);
        // Daemon: a background grandchild may hold the pipe open long after the process we ran exited.
        thread.setDaemon(true);
    }

    static OutputCollector start(InputStream in, String name) {
        OutputCollector collector = new OutputCollector(in, name);
        collector.thread.start();
        return collector;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The stream closed under us (process gone): what was read so far is the output.
        }
    }

    /**
     * The text read, waiting at most {@code grace} for the end of the stream. A process that left a
     * background child holding the pipe gets what it printed so far rather than a hang.
     */
    String await(Duration grace) {
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
