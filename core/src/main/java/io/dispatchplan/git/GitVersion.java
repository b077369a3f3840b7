package io.dispatchplan.git;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A git version, e.g. 2.39.5; {@code merge-tree --write-tree} needs 2.38. */
public record GitVersion(int major, int minor, int patch) implements Comparable<GitVersion> {

    public static final GitVersion MERGE_TREE_WRITE_TREE = new GitVersion(2, 38, 0);

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Reads {@code git --version} output such as {@code git version 2.39.5} or {@code 2.45.1.windows.1}. */
    public static GitVersion parse(String versionOutput) {
        Matcher m = NUMBERS.matcher(versionOutput);
        if (!m.find()) {
            throw new IllegalArgumentException("not a git version: " + versionOutput.strip());
        }
        return new GitVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean isAtLeast(GitVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(GitVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
