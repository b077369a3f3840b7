package io.dispatchplan.git;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** One commit from {@code git log}. */
public record CommitInfo(String sha, String authorName, String authorEmail, OffsetDateTime authorDate,
        String subject) {

    /** The {@code --format} that {@link #parseLog} reads: fields split by US (0x1f), records ended by RS (0x1e). */
    public static final String LOG_FORMAT = "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1e";

    public static List<CommitInfo> parseLog(String output) {
        List<CommitInfo> commits = new ArrayList<>();
        for (String record : output.split("\u001e")) {
            String trimmed = record.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] f = trimmed.split("\u001f", -1);
            commits.add(new CommitInfo(f[0], f[1], f[2], OffsetDateTime.parse(f[3]), f[4]));
        }
        return List.copyOf(commits);
    }
}
