package io.dispatchplan.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process liveness as a test sees it: a zombie (killed, not yet reaped by an init that may never reap) is dead. */
public final class Pids {

    private Pids() {
    }

    public static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.exists(Path.of("/proc/self/stat"))) {
            try {
                String text = Files.readString(stat);
                char state = text.charAt(text.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits up to ten seconds for the process to be gone; returns whether it is. */
    public static boolean awaitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!isRunning(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits up to ten seconds for a file a child process writes (e.g. its pid), and returns its text. */
    public static String awaitFile(Path file) throws InterruptedException, IOException {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return text;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child process never wrote " + file);
    }
}
