package io.dispatchplan.git;

import java.util.ArrayList;
import java.util.List;

/** What a range of commits changed, per file and in total (from {@code git diff --numstat}). */
public record DiffStat(List<FileChange> files) {

    /** One changed file; a binary file counts no lines. */
    public record FileChange(String path, int insertions, int deletions, boolean binary) {
    }

    public DiffStat {
        files = List.copyOf(files);
    }

    public int filesChanged() {
        return files.size();
    }

    public int insertions() {
        return files.stream().mapToInt(FileChange::insertions).sum();
    }

    public int deletions() {
        return files.stream().mapToInt(FileChange::deletions).sum();
    }

    /** Parses {@code git diff --numstat -z --no-renames}: {@code added TAB deleted TAB path NUL}. */
    public static DiffStat parseNumstatZ(String output) {
        List<FileChange> files = new ArrayList<>();
        for (String entry : output.split("\0")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] f = entry.split("\t", 3);
            boolean binary = f[0].equals("-");
            files.add(new FileChange(f[2], binary ? 0 : Integer.parseInt(f[0].strip()),
                    binary ? 0 : Integer.parseInt(f[1]), binary));
        }
        return new DiffStat(files);
    }

    /** One entry per path, in first-seen order, adding up the entries of several commits. */
    public DiffStat summedPerFile() {
        java.util.Map<String, FileChange> byPath = new java.util.LinkedHashMap<>();
        for (FileChange f : files) {
            byPath.merge(f.path(), f, (a, b) -> new FileChange(a.path(), a.insertions() + b.insertions(),
                    a.deletions() + b.deletions(), a.binary() || b.binary()));
        }
        return new DiffStat(new ArrayList<>(byPath.values()));
    }

    @Override
    public String toString() {
        return filesChanged() + " files changed, " + insertions() + " insertions(+), " + deletions() + " deletions(-)";
    }
}
