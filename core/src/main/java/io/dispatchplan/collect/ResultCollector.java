package io.dispatchplan.collect;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.DiffStat;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.worktree.BranchBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Collects a workstream after its worker ended: checks RESULTS.md, saves uncommitted work (changed and untracked
 * files, not the TASKS.md and COORDINATION.md the engine wrote) as a WIP commit so nothing is lost, counts what
 * the branch holds beyond the base, copies RESULTS.md and TASKS.md to the artifacts directory and, when asked,
 * exports the branch as a verified bundle.
 */
public final class ResultCollector {

    public static final String RESULTS_FILE = "RESULTS.md";
    public static final String TASKS_FILE = "TASKS.md";

    private final GitCli git;

    public ResultCollector(GitCli git) {
        this.git = git;
    }

    /**
     * Files in the worktree root that never reach the branch: the engine's task files, and RESULTS.md, which every
     * workstream writes and which is archived instead (merged, N of them would conflict).
     */
    static final List<String> NOT_FOR_THE_BRANCH =
            java.util.stream.Stream.concat(TaskFileExclusion.ENGINE_FILES.stream(), java.util.stream.Stream.of(RESULTS_FILE)).toList();

    /** The message of the commit that takes a committed RESULTS.md off the branch. */
    public static final String RESULTS_OFF_BRANCH_MESSAGE =
            "dispatch-plan: RESULTS.md is archived with the run, not merged";

    /**
     * Deletes RESULTS.md and TASKS.md from a collected worktree before it is removed: collecting archived them and
     * left them uncommitted on purpose, so they are the only files that would make git keep the worktree. Each goes
     * only when {@code artifactsDir} holds the same file: what was not archived stays, and keeps the worktree.
     */
    public static void removeArchivedCopies(Path worktree, Path artifactsDir) {
        for (String archived : List.of(RESULTS_FILE, TASKS_FILE)) {
            Path file = worktree.resolve(archived);
            Path copy = artifactsDir.resolve(archived);
            try {
                // Only regular files are compared (read without following links); anything else stays.
                if (SafeFiles.kind(worktree, file) == SafeFiles.Kind.FILE
                        && SafeFiles.kind(artifactsDir, copy) == SafeFiles.Kind.FILE
                        && Arrays.equals(SafeFiles.readBytes(worktree, file).orElse(null),
                                SafeFiles.readBytes(artifactsDir, copy).orElse(new byte[0]))) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + worktree.resolve(archived) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The problem of a worker that wrote no RESULTS.md. */
    public static final String NO_RESULTS = "no RESULTS.md: the worker did not write it";

    /** The WIP commit's message. */
    public static String wipMessage(String workstreamId) {
        return "WIP: uncommitted work of " + workstreamId + " saved by dispatch-plan";
    }

    public CollectedWorkstream collect(CollectRequest r) {
        Path worktree = requireWorktree(r);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        SafeFiles.Kind results = SafeFiles.kind(worktree, worktree.resolve(RESULTS_FILE));
        boolean resultsPresent = results == SafeFiles.Kind.FILE;
        if (results == SafeFiles.Kind.LINK) {
            problems.add(worktree.resolve(RESULTS_FILE) + " is a symbolic link: it was not archived, nor what it points"
                    + " at. A worker writes RESULTS.md as a regular file");
        } else if (!resultsPresent) {
            problems.add(NO_RESULTS);
        }
        String base = git.revParse(worktree, r.baseSha());

        Optional<String> unfinished = WorktreeOperation.inProgress(git, worktree);
        if (unfinished.isPresent()) {
            // Committing it would put conflict markers on the branch: save it aside, then abort it.
            String kept = new WorkRecovery(git).saveAndAbort(worktree, r.branch(), unfinished.get(), r.identity(),
                    NOT_FOR_THE_BRANCH);
            problems.add("the worker left " + unfinished.get() + "; it was aborted, and the worktree as it was"
                    + " (conflict markers included) is kept as branch " + kept);
        }
        String where = leaveForeignBranch(worktree, r.branch());
        boolean wipCommitted = commitWip(r, worktree, problems);
        new BranchRealignment(git).realign(worktree, r.branch(), where, base, problems, notes);
        keepResultsOffTheBranch(r, worktree, base, notes);

        String head = git.tryRevParse(worktree, "refs/heads/" + r.branch()).orElseThrow(() -> new CollectException(
                "the workstream branch " + r.branch() + " of " + r.workstreamId() + " no longer exists in "
                        + worktree + ": the worker deleted or renamed it. Recreate it from the worktree's commits"));
        int commits;
        DiffStat diffStat;
        if (r.dependencyHeads().isEmpty()) {
            commits = git.countCommits(worktree, base + ".." + head);
            diffStat = git.diffStat(worktree, git.mergeBase(worktree, base, head).orElse(base), head);
        } else {
            List<String> ownWork = new ArrayList<>(List.of(head, "^" + base));
            r.dependencyHeads().forEach(d -> ownWork.add("^" + d));
            commits = git.countCommits(worktree, ownWork);
            diffStat = git.ownChanges(worktree, ownWork);
        }
        List<String> changedFiles = diffStat.files().stream().map(DiffStat.FileChange::path).toList();

        String leak = r.secrets().isEmpty() ? null : new SecretScan(git, r.secrets()).ownCommits(worktree, head, ownWork(r, base, head));
        Path resultsCopy = copyArtifacts(worktree, r.artifactsDir(), resultsPresent);
        r.secrets().maskFiles(resultsCopy, r.artifactsDir().resolve(TASKS_FILE));
        Path bundle = r.bundleFile() == null ? null : exportBundle(r, worktree, base);

        String reason = problems.isEmpty() ? null : String.join("; ", problems);
        return new CollectedWorkstream(r.workstreamId(), resultsPresent, reason, head, commits, diffStat,
                wipCommitted, changedFiles, resultsCopy, bundle, r.branch(), base, notes, leak);
    }

    /**
     * Commits what the worker left uncommitted, but for the engine's files and any file holding a secret value: those
     * stay in the worktree, named in the problems, never in a commit.
     */
    private boolean commitWip(CollectRequest r, Path worktree, List<String> problems) {
        git.stageAll(worktree, NOT_FOR_THE_BRANCH);
        List<String> withSecrets = new SecretScan(git, r.secrets()).stagedFiles(worktree);
        if (!withSecrets.isEmpty()) {
            git.unstage(worktree, withSecrets.stream().map(f -> f.substring(0, f.lastIndexOf(" ("))).toList());
            problems.add("not committed, because they hold the value of a secret variable (they stay in the worktree): "
                    + String.join(", ", withSecrets));
        }
        return git.commitStaged(worktree, wipMessage(r.workstreamId()), r.identity()).isPresent();
    }

    /** The workstream's own commits: beyond the base and what its dependencies delivered. */
    private static List<String> ownWork(CollectRequest r, String base, String head) {
        List<String> range = new ArrayList<>(List.of(head, "^" + base));
        r.dependencyHeads().forEach(d -> range.add("^" + d));
        return range;
    }

    /**
     * Where the worker left the worktree when not on its branch ({@code branch develop}, {@code a detached HEAD}), or
     * null. Someone else's branch is left behind first (HEAD detached, files kept), so our WIP commit never lands
     * on a branch we do not own.
     */
    private String leaveForeignBranch(Path worktree, String branch) {
        Optional<String> current = git.currentBranch(worktree);
        if (current.isEmpty()) {
            return "a detached HEAD";
        }
        if (current.get().equals(branch)) {
            return null;
        }
        git.run(worktree, "checkout", "--quiet", "--detach");
        return "branch " + current.get();
    }

    /**
     * A worker that committed RESULTS.md (one the base does not have) gets a commit that untracks it again: the
     * file stays in the worktree and in history, and the branches of a run never conflict over it.
     */
    private void keepResultsOffTheBranch(CollectRequest r, Path worktree, String base, List<String> notes) {
        boolean onBranch = git.tryRun(worktree, List.of("cat-file", "-e", "HEAD:" + RESULTS_FILE)).succeeded();
        boolean inBase = git.tryRun(worktree, List.of("cat-file", "-e", base + ":" + RESULTS_FILE)).succeeded();
        if (onBranch && !inBase) {
            git.run(worktree, "rm", "--cached", "--quiet", "--", ":(top,literal)" + RESULTS_FILE);
            git.commitStaged(worktree, RESULTS_OFF_BRANCH_MESSAGE, r.identity());
            notes.add("RESULTS.md was committed by the worker; it is archived and untracked on the branch again");
        }
    }

    private Path requireWorktree(CollectRequest r) {
        Path worktree = r.worktree();
        if (!Files.isDirectory(worktree)) {
            throw new CollectException("the worktree " + worktree + " of workstream " + r.workstreamId()
                    + " does not exist: it was removed before its results were collected");
        }
        try {
            git.run(worktree, "rev-parse", "--show-toplevel");
        } catch (GitException e) {
            throw new CollectException(worktree + " (workstream " + r.workstreamId() + ") is not a git worktree: "
                    + e.stderr(), e);
        }
        return worktree;
    }

    /**
     * Copies RESULTS.md and TASKS.md, regular files only (a link, or what it points at, is never archived); a stale
     * RESULTS.md copy from an earlier run is removed. The copies replace whatever is in the archive, links included.
     */
    private static Path copyArtifacts(Path worktree, Path artifactsDir, boolean resultsPresent) {
        try {
            SafeFiles.directories(artifactsDir.toAbsolutePath().getParent(), artifactsDir);
            Path resultsCopy = artifactsDir.resolve(RESULTS_FILE);
            if (resultsPresent) {
                SafeFiles.copyRegularFile(worktree, worktree.resolve(RESULTS_FILE), artifactsDir, resultsCopy);
            } else {
                Files.deleteIfExists(resultsCopy);
                resultsCopy = null;
            }
            Path tasks = worktree.resolve(TASKS_FILE);
            if (SafeFiles.kind(worktree, tasks) == SafeFiles.Kind.FILE) {
                SafeFiles.copyRegularFile(worktree, tasks, artifactsDir, artifactsDir.resolve(TASKS_FILE));
            }
            return resultsCopy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy results into " + artifactsDir + ": " + e.getMessage(), e);
        }
    }

    private Path exportBundle(CollectRequest r, Path worktree, String base) {
        try {
            // A bundle left by an earlier run must not pass for this one's.
            Files.deleteIfExists(r.bundleFile());
            Path dir = r.bundleFile().toAbsolutePath().getParent();
            SafeFiles.directories(dir.getParent(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + r.bundleFile() + ": " + e.getMessage(), e);
        }
        return new BranchBundle(git).export(worktree, r.branch(), base, r.bundleFile()).file();
    }
}
