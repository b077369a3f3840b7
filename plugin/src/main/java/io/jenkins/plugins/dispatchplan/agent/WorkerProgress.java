package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.worker.ClaudeEventFormatter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * How far a Claude worker has got, as its events file tells it: its turns, its last readable line and when that
 * happened (the last event's timestamp, else the file's time). Read on the agent, never through a link: every few
 * seconds while the worker runs ({@link AgentCallables.ReadProgress}, for the run page), and once after each attempt
 * ({@link WorkstreamCollection}).
 *
 * @param turns the turns so far; null when nothing was read
 * @param lastActivity the last readable line, e.g. {@code turn 3: Bash: npm test}; null before the first one
 * @param lastActivityAt when that was, in milliseconds since the epoch; 0 when unknown
 * @param size the events file's size when it was read
 * @param modified its modification time then, in milliseconds: with the size, what tells the next read nothing changed
 * @param rateLimit the last rate limit or overload the worker reported, for the run's governor; null for none
 */
public record WorkerProgress(Integer turns, String lastActivity, long lastActivityAt, long size, long modified,
        String rateLimit) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkerProgress(Integer turns, String lastActivity, long lastActivityAt, long size, long modified) {
        this(turns, lastActivity, lastActivityAt, size, modified, null);
    }

    /** Before the events file exists: nothing to show. */
    static final WorkerProgress NONE = new WorkerProgress(null, null, 0, -1, -1);

    /**
     * What the events file says now, or {@link #NONE} when there is none.
     *
     * @param previous what the last read found, or null: a file of the same size and time is not read again (an idle
     *     worker's file can be megabytes), and {@code previous} is the answer
     * @throws io.dispatchplan.files.UnsafePathException when a link stands where the file or a directory to it should be
     */
    static WorkerProgress read(Path stateRoot, Path events, WorkerProgress previous) throws IOException {
        Path file = SafeFiles.inside(stateRoot, events);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return NONE;
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        if (previous != null && attributes.isRegularFile() && previous.size == size && previous.modified == modified) {
            return previous;
        }
        // Refuses a link (or anything but a regular file): the worker could have put one where its events go.
        Optional<String> text = SafeFiles.readRegularFile(stateRoot, events);
        if (text.isEmpty()) {
            return NONE;
        }
        ClaudeEventFormatter.Summary summary = ClaudeEventFormatter.summarize(text.get());
        long at = summary.lastLine() == null ? 0
                : summary.lastTimestamp() != null ? summary.lastTimestamp().toEpochMilli() : modified;
        return new WorkerProgress(summary.turns(), summary.lastLine(), at, size, modified, summary.lastRateLimit());
    }
}
