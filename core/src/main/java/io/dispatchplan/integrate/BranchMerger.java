package io.dispatchplan.integrate;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.MergeTreeResult;
import io.dispatchplan.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges one workstream branch into the checked-out integration branch, {@code --no-ff}, after proving with
 * {@code git merge-tree --write-tree} that it merges without conflict. Report files (RESULTS.md...) keep the
 * integration branch's version. Whatever happens, the worktree ends either with a new merge commit or exactly as it
 * was: never mid-merge, never with conflict markers.
 */
final class BranchMerger {

    private final GitCli git;
    private final Path worktree;
    private final CommitIdentity identity;
    private final List<String> reportFiles;

    BranchMerger(GitCli git, Path worktree, CommitIdentity identity, List<String> reportFiles) {
        this.git = git;
        this.worktree = worktree;
        this.identity = identity;
        this.reportFiles = List.copyOf(reportFiles);
    }

    /** How every merge commit of ours on the integration branch starts. */
    static final String MERGE_MESSAGE_PREFIX = "Merge workstream ";

    static String mergeMessage(BranchToMerge b) {
        return MERGE_MESSAGE_PREFIX + b.workstreamId() + " (" + b.branch() + ")";
    }

    MergeRecord merge(BranchToMerge b, String baseSha) {
        Optional<String> tip = git.tryRevParse(worktree, "refs/heads/" + b.branch());
        if (tip.isEmpty()) {
            return record(b, MergeStatus.MISSING, null, List.of(), "branch " + b.branch() + " does not exist in the "
                    + "repository (its bundle did not arrive, or it was deleted): nothing merged");
        }
        String head = git.revParse(worktree, "HEAD");
        if (git.isAncestor(worktree, tip.get(), head)) {
            boolean atBase = git.isAncestor(worktree, tip.get(), baseSha);
            return record(b, MergeStatus.NOTHING_TO_MERGE, null, List.of(), atBase
                    ? "no commits beyond the base: nothing to merge"
                    : "already in the integration branch: nothing to merge");
        }
        try {
            MergeTreeResult check = git.mergeTree(worktree, head, tip.get());
            List<String> conflicts = withoutReportFiles(check.conflictedFiles());
            if (!conflicts.isEmpty()) {
                return record(b, MergeStatus.CONFLICT, null, conflicts, "conflicts in " + String.join(", ", conflicts)
                        + ": not merged; the branch is kept as it is");
            }
            return mergeForReal(b, head, tip.get());
        } catch (GitException e) {
            // E.g. unrelated histories: this branch cannot merge, the others still may.
            restore(head);
            return record(b, MergeStatus.FAILED, null, List.of(), "git could not merge it (" + firstLine(e.getMessage())
                    + "); the integration branch was left as it was");
        }
    }

    private MergeRecord mergeForReal(BranchToMerge b, String head, String tip) {
        String message = mergeMessage(b);
        List<String> merge = new ArrayList<>(identity.configArgs());
        // rerere could replay a resolution recorded elsewhere; the check above decides, nothing else.
        merge.addAll(List.of("-c", "rerere.enabled=false", "merge", "--no-ff", "--no-commit", "--no-verify",
                "-m", message, tip));
        ProcessResult result = git.runner().run(git.spec(worktree, merge).env(identity.environment()));
        if (!Files.exists(git.gitPath(worktree, "MERGE_HEAD"))) {
            restore(head);
            return record(b, MergeStatus.FAILED, null, List.of(), "git merge did not start: "
                    + firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr())
                    + "; the integration branch was left as it was");
        }
        keepReportFiles();
        List<String> unmerged = lines(git.output(worktree, "diff", "--name-only", "--diff-filter=U"));
        if (!unmerged.isEmpty()) {
            // merge-tree said clean; a real merge disagreeing is unexpected, and must not leave markers behind.
            restore(head);
            return record(b, MergeStatus.CONFLICT, null, unmerged, "conflicts in " + String.join(", ", unmerged)
                    + " (found by git merge): not merged; the branch is kept as it is");
        }
        List<String> commit = new ArrayList<>(identity.configArgs());
        commit.addAll(List.of("-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message));
        ProcessResult committed = git.runner().run(git.spec(worktree, commit).env(identity.environment()));
        if (!committed.succeeded()) {
            throw new GitException(commit, worktree, committed.exitCode(), committed.stderr(), committed.timedOut());
        }
        String mergeCommit = git.revParse(worktree, "HEAD");
        return record(b, MergeStatus.MERGED, mergeCommit, List.of(), b.flagged()
                ? "merged, flagged: the workstream was unstable" : "merged");
    }

    /** Puts the integration branch's own version of each report file back (or none, if it has none). */
    private void keepReportFiles() {
        for (String file : reportFiles) {
            String literal = ":(top,literal)" + file;
            if (git.tryRun(worktree, List.of("cat-file", "-e", "HEAD:" + file)).succeeded()) {
                git.run(worktree, "checkout", "HEAD", "--", literal);
            } else {
                git.run(worktree, "rm", "--quiet", "--force", "--ignore-unmatch", "--", literal);
            }
        }
    }

    /** Back to {@code head}, clean: no merge in progress, no changed file. */
    private void restore(String head) {
        if (Files.exists(git.gitPath(worktree, "MERGE_HEAD"))) {
            git.tryRun(worktree, List.of("merge", "--abort"));
        }
        git.run(worktree, "reset", "--quiet", "--hard", head);
    }

    private List<String> withoutReportFiles(List<String> files) {
        return files.stream().filter(f -> !reportFiles.contains(f)).toList();
    }

    private static MergeRecord record(BranchToMerge b, MergeStatus status, String commit, List<String> files,
            String message) {
        return new MergeRecord(b.workstreamId(), b.branch(), status, commit, files, b.flagged(), message, List.of());
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    private static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
