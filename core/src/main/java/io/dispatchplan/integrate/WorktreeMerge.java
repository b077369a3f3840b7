package io.dispatchplan.integrate;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git steps of one merge in the integration worktree: start it without committing, keep the report files
 * (RESULTS.md...) at the integration branch's version, list what is unmerged, commit it, or put everything back.
 */
final class WorktreeMerge {

    private final GitCli git;
    private final Path worktree;
    private final CommitIdentity identity;
    private final List<String> reportFiles;
    /** The variables of every commit: the identity, and a fixed date when the commits must be the same each time. */
    private final Map<String, String> commitEnvironment;

    /** @param commitDate the date of every commit made, so that making them again makes the same ones; null for now */
    WorktreeMerge(GitCli git, Path worktree, CommitIdentity identity, List<String> reportFiles, Instant commitDate) {
        this.git = git;
        this.worktree = worktree;
        this.identity = identity;
        this.reportFiles = List.copyOf(reportFiles);
        Map<String, String> env = new HashMap<>(identity.environment());
        if (commitDate != null) {
            String date = "@" + commitDate.getEpochSecond() + " +0000";
            env.put("GIT_AUTHOR_DATE", date);
            env.put("GIT_COMMITTER_DATE", date);
        }
        this.commitEnvironment = Map.copyOf(env);
    }

    /**
     * Starts {@code git merge --no-ff --no-commit} of {@code tip}, its report files put back at once.
     *
     * @return why the merge did not start (the worktree then is back at {@code head}, clean); empty when it is in
     *     progress, with or without conflicts
     */
    Optional<String> start(String head, String tip, String message) {
        List<String> merge = new ArrayList<>(identity.configArgs());
        // rerere could replay a resolution recorded elsewhere; the check before the merge decides, nothing else.
        merge.addAll(List.of("-c", "rerere.enabled=false", "merge", "--no-ff", "--no-commit", "--no-verify",
                "-m", message, tip));
        ProcessResult result = git.runner().run(git.spec(worktree, merge).env(identity.environment()));
        if (!inProgress()) {
            restore(head);
            return Optional.of(firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        keepReportFiles();
        return Optional.empty();
    }

    boolean inProgress() {
        return Files.exists(git.gitPath(worktree, "MERGE_HEAD"));
    }

    /** The paths git still holds as unmerged ({@code git diff --name-only --diff-filter=U}). */
    List<String> unmerged() {
        String text = git.output(worktree, "diff", "--name-only", "--diff-filter=U");
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    /** Commits what is staged as the merge, hooks skipped; returns the merge commit. */
    String commit(String message) {
        List<String> commit = new ArrayList<>(identity.configArgs());
        commit.addAll(List.of("-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message));
        ProcessResult committed = git.runner().run(git.spec(worktree, commit).env(commitEnvironment));
        if (!committed.succeeded()) {
            throw new GitException(commit, worktree, committed.exitCode(), committed.stderr(), committed.timedOut());
        }
        return git.revParse(worktree, "HEAD");
    }

    /** Puts the integration branch's own version of each report file back (or none, if it has none). */
    void keepReportFiles() {
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
    void restore(String head) {
        if (inProgress()) {
            git.tryRun(worktree, List.of("merge", "--abort"));
        }
        git.run(worktree, "reset", "--quiet", "--hard", head);
    }

    List<String> withoutReportFiles(List<String> files) {
        return files.stream().filter(f -> !reportFiles.contains(f)).toList();
    }

    boolean isReportFile(String path) {
        return reportFiles.contains(path);
    }

    static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
