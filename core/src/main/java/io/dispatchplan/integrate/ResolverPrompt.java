package io.dispatchplan.integrate;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The resolver's instructions: a file ({@code RESOLVE.md}, given to the worker as {@code TASKS_FILE}) saying what is
 * being merged, which files conflict, and what each side set out to do and did (the TASKS.md and RESULTS.md of the
 * branch being merged and of the earlier merged workstreams that changed those files). Plan and worker text reach
 * the resolver through this file only, never through an argument.
 */
public final class ResolverPrompt {

    /** The file's name in the resolution's directory. */
    static final String FILE_NAME = "RESOLVE.md";

    /** What Claude Code is told on its command line: where the instructions are. */
    public static final String CLAUDE_PROMPT = "A git merge is in progress in this directory and has conflicts. Read "
            + "{tasksFile} and follow it: resolve every conflicted file so that no conflict marker remains, mark each "
            + "one resolved with git add, change no other file, and do not commit or abort the merge.";

    private ResolverPrompt() {
    }

    /** {@code config} with the resolver's prompt, unless it has a prompt of its own. */
    public static ClaudeWorkerConfig forClaude(ClaudeWorkerConfig config) {
        return config.prompt() != null ? config : config.withPrompts(CLAUDE_PROMPT, CLAUDE_PROMPT);
    }

    /**
     * The instructions for one conflicting merge.
     *
     * @param into the integration branch
     * @param mayEditOtherFiles whether the resolver may change files beyond the conflicted ones
     * @param notesDir where the workstreams' archived TASKS.md and RESULTS.md are; null for none
     */
    static String text(BranchToMerge b, String into, ConflictResolver.Conflict conflict, boolean mayEditOtherFiles,
            Path notesDir) {
        StringBuilder out = new StringBuilder();
        out.append("# Resolve the merge conflicts of workstream ").append(b.workstreamId()).append("\n\n")
                .append("A git merge is in progress in your working directory: the branch `").append(b.branch())
                .append("` (workstream `").append(b.workstreamId()).append("`) is being merged into `").append(into)
                .append("`, the integration branch, which already holds the workstreams merged before it. Git stopped "
                        + "with conflicts in these files:\n\n");
        conflict.files().forEach(f -> out.append("- `").append(f).append("`\n"));
        out.append("\n## What to do\n\n"
                + "1. Look at the conflicts (`git status`, `git diff`). Each conflicted file holds conflict markers "
                + "(`<<<<<<<`, `=======`, `>>>>>>>`) around the two versions.\n"
                + "2. Edit each conflicted file so that it keeps what both sides set out to do (below), and remove "
                + "every conflict marker.\n"
                + "3. Mark each file resolved with `git add <file>`.\n"
                + "4. ").append(mayEditOtherFiles ? "Change other files only where the resolution needs it (a caller "
                        + "of something one side renamed)." : "Change no other file: a resolution that does is "
                        + "rejected.")
                .append(" Do not commit, and do not abort the merge: dispatch-plan checks the resolution, then "
                        + "commits the merge itself.\n\n");
        out.append("## The integration branch's side\n\n");
        if (conflict.conflictsWith().isEmpty()) {
            out.append("None of the workstreams merged before changed these files: the other side is the base the "
                    + "workstreams started from.\n\n");
        } else {
            out.append("The workstreams merged before that changed these files: ")
                    .append(String.join(", ", conflict.conflictsWith().stream().map(id -> "`" + id + "`").toList()))
                    .append(".\n\n");
            conflict.conflictsWith().forEach(id -> notes(out, id, notesDir));
        }
        out.append("## The branch being merged\n\n");
        notes(out, b.workstreamId(), notesDir);
        return out.toString();
    }

    private static void notes(StringBuilder out, String id, Path notesDir) {
        for (String file : List.of("TASKS.md", "RESULTS.md")) {
            out.append("### ").append(file).append(" of workstream `").append(id).append("`\n\n");
            Optional<String> text = read(notesDir, id, file);
            if (text.isEmpty()) {
                out.append("(not available)\n\n");
            } else {
                String fence = fence(text.get());
                out.append(fence).append("markdown\n").append(text.get().strip()).append('\n').append(fence)
                        .append("\n\n");
            }
        }
    }

    private static Optional<String> read(Path notesDir, String id, String file) {
        if (notesDir == null) {
            return Optional.empty();
        }
        try {
            return SafeFiles.readRegularFile(notesDir, notesDir.resolve(id).resolve(file));
        } catch (UncheckedIOException e) {
            // A link or an unreadable file: the resolver goes without it.
            return Optional.empty();
        }
    }

    /** A code fence longer than any run of backticks in {@code text}, so the text cannot close it. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
