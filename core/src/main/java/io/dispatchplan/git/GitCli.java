package io.dispatchplan.git;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs git through the {@link ProcessRunner}: always {@code git -C <dir>}, C locale, no pager, no prompt,
 * and no {@code GIT_DIR}-style variables inherited from a calling hook. Typed methods cover what the engine
 * needs; {@link #run} is there for the rest. Failures are {@link GitException}s.
 */
public final class GitCli {

    /** Inherited variables that would point git at another repository than {@code -C} says. */
    private static final String[] LEAKY_VARIABLES = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
        "GIT_PREFIX", "GIT_QUARANTINE_PATH", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"};

    private static final Map<String, String> FIXED_ENVIRONMENT = Map.of(
            "LC_ALL", "C",
            "GIT_TERMINAL_PROMPT", "0",
            "GIT_PAGER", "cat",
            "PAGER", "cat",
            "GIT_OPTIONAL_LOCKS", "0");

    /** A hooks directory with no hooks in it. */
    private static final String NO_HOOKS = "/dev/null";

    private final ProcessRunner runner;
    private final String executable;
    private final Map<String, String> environment;
    private final Duration timeout;
    /** The installed version, asked once: merge checks need it for every merge. */
    private volatile GitVersion version;

    public GitCli() {
        this(new ProcessRunner());
    }

    public GitCli(ProcessRunner runner) {
        this(runner, "git", Map.of(), Duration.ofHours(1));
    }

    private GitCli(ProcessRunner runner, String executable, Map<String, String> environment, Duration timeout) {
        this.runner = runner;
        this.executable = executable;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /** Uses another git binary (e.g. the tool installation a Jenkins agent configures). */
    public GitCli withExecutable(String gitExecutable) {
        return new GitCli(runner, gitExecutable, environment, timeout);
    }

    /** Adds variables to every git command (e.g. {@code HOME}, {@code GIT_SSH_COMMAND}). */
    public GitCli withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(variables);
        return new GitCli(runner, executable, merged, timeout);
    }

    /** How long one git command may run before its process tree is killed (default one hour). */
    public GitCli withTimeout(Duration limit) {
        return new GitCli(runner, executable, environment, limit);
    }

    public ProcessRunner runner() {
        return runner;
    }

    // ---- running ---------------------------------------------------------------------------------------

    /** Runs {@code git -C dir args...}; throws {@link GitException} unless it exits 0. */
    public ProcessResult run(Path dir, String... args) {
        return run(dir, Arrays.asList(args));
    }

    public ProcessResult run(Path dir, List<String> args) {
        ProcessResult result = tryRun(dir, args);
        if (!result.succeeded()) {
            throw new GitException(args, dir, result.exitCode(), result.stderr(), result.timedOut());
        }
        return result;
    }

    /** Runs git and returns the result whatever the exit code; for commands whose exit code is an answer. */
    public ProcessResult tryRun(Path dir, List<String> args) {
        return runner.run(spec(dir, args));
    }

    /** The spec {@link #run} would execute, for callers that need to add stdin or redirects. */
    public ProcessSpec spec(Path dir, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        if (dir != null) {
            argv.add("-C");
            argv.add(dir.toString());
        }
        // Non-ASCII paths as they are, not as octal escapes.
        argv.add("-c");
        argv.add("core.quotePath=false");
        // Our own commits, merges and checkouts run none of the repository's hooks: a hook could refuse a WIP commit
        // (losing work) or run repository code. Workers run git themselves, hooks and all.
        argv.add("-c");
        argv.add("core.hooksPath=" + NO_HOOKS);
        argv.addAll(args);
        return ProcessSpec.of(argv).withoutEnv(LEAKY_VARIABLES).env(FIXED_ENVIRONMENT).env(environment)
                .timeout(timeout);
    }

    /** Stdout of a successful command without its final newline. */
    public String output(Path dir, String... args) {
        return stripFinalNewline(run(dir, args).stdout());
    }

    // ---- repository facts ------------------------------------------------------------------------------

    public GitVersion version() {
        GitVersion known = version;
        if (known == null) {
            known = GitVersion.parse(run(null, "--version").stdout());
            version = known;
        }
        return known;
    }

    /** Fails with a message naming the feature when the installed git is older than {@code required}. */
    public void requireVersion(GitVersion required, String forWhat) {
        GitVersion actual = version();
        if (!actual.isAtLeast(required)) {
            throw new GitException(forWhat + " needs git " + required + " or newer, but '" + executable
                    + "' is " + actual + ". Install a newer git on this machine");
        }
    }

    public void init(Path dir, boolean bare, String initialBranch) {
        List<String> args = new ArrayList<>(List.of("init", "--quiet"));
        if (bare) {
            args.add("--bare");
        }
        if (initialBranch != null) {
            args.add("--initial-branch=" + initialBranch);
        }
        args.add(dir.toString());
        run(null, args);
    }

    /** The full sha of the commit {@code rev} names; a clear error when there is none. */
    public String revParse(Path repo, String rev) {
        return tryRevParse(repo, rev).orElseThrow(() -> new GitException(
                "no commit named '" + rev + "' in " + repo + ". Check the branch, tag or sha (and fetch first)"));
    }

    public Optional<String> tryRevParse(Path repo, String rev) {
        ProcessResult result = tryRun(repo, List.of("rev-parse", "--verify", "--quiet", "--end-of-options",
                rev + "^{commit}"));
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    /** Whether the object exists (and is a commit) without fetching anything. */
    public boolean hasCommit(Path repo, String sha) {
        return tryRun(repo, List.of("cat-file", "-e", sha + "^{commit}")).succeeded();
    }

    public boolean refExists(Path repo, String fullRef) {
        return tryRun(repo, List.of("show-ref", "--verify", "--quiet", fullRef)).succeeded();
    }

    public boolean branchExists(Path repo, String branch) {
        return refExists(repo, "refs/heads/" + branch);
    }

    /** The checked-out branch, empty when detached. */
    public Optional<String> currentBranch(Path worktree) {
        ProcessResult result = tryRun(worktree, List.of("symbolic-ref", "--quiet", "--short", "HEAD"));
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    /** The repository's shared git directory (the bare repository for a cache), absolute. */
    public Path commonDir(Path dir) {
        Path common = Path.of(output(dir, "rev-parse", "--git-common-dir"));
        return (common.isAbsolute() ? common : dir.resolve(common)).normalize();
    }

    /** Whether git accepts the name as a branch, asking git ({@link BranchName#isValid} checks without it). */
    public boolean isValidBranchName(String branch) {
        return !branch.startsWith("-")
                && tryRun(null, List.of("check-ref-format", "refs/heads/" + branch)).succeeded();
    }

    public Optional<String> configGet(Path dir, String key) {
        ProcessResult result = tryRun(dir, List.of("config", "--get", key));
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    public void configSet(Path dir, String key, String value) {
        run(dir, "config", key, value);
    }

    // ---- branches, commits, history --------------------------------------------------------------------

    public void createBranch(Path repo, String branch, String startPoint, boolean force) {
        List<String> args = new ArrayList<>(List.of("branch", "--no-track"));
        if (force) {
            args.add("--force");
        }
        args.addAll(List.of("--end-of-options", branch, startPoint));
        run(repo, args);
    }

    /** Deletes the branch unconditionally; callers decide first whether its work is merged. */
    public void deleteBranch(Path repo, String branch) {
        run(repo, "branch", "-D", "--end-of-options", branch);
    }

    /** Whether {@code ancestor} is reachable from {@code descendant} (so merging it adds nothing). */
    public boolean isAncestor(Path repo, String ancestor, String descendant) {
        ProcessResult result = tryRun(repo, List.of("merge-base", "--is-ancestor", ancestor, descendant));
        if (result.exitCode() == 0 || result.exitCode() == 1) {
            return result.exitCode() == 0 && !result.timedOut();
        }
        throw new GitException(List.of("merge-base", "--is-ancestor", ancestor, descendant), repo,
                result.exitCode(), result.stderr(), result.timedOut());
    }

    /** How many commits {@code range} holds, e.g. {@code base..branch}. */
    public int countCommits(Path repo, String range) {
        return Integer.parseInt(output(repo, "rev-list", "--count", range, "--"));
    }

    /** How many commits the revisions select, e.g. {@code head ^base ^other}. */
    public int countCommits(Path repo, List<String> revisions) {
        List<String> args = new ArrayList<>(List.of("rev-list", "--count"));
        args.addAll(revisions);
        args.add("--");
        return Integer.parseInt(stripFinalNewline(run(repo, args).stdout()));
    }

    /**
     * What the non-merge commits the revisions select changed, summed per file: a branch's own work when the work it
     * merged in from elsewhere is excluded (e.g. {@code head ^base ^dependency}).
     */
    public DiffStat ownChanges(Path repo, List<String> revisions) {
        List<String> args = new ArrayList<>(List.of("log", "--no-merges", "--numstat", "-z", "--format=",
                "--no-renames", "--no-color"));
        args.addAll(revisions);
        args.add("--");
        return DiffStat.parseNumstatZ(run(repo, args).stdout()).summedPerFile();
    }

    /** Commits in {@code range} (e.g. {@code base..branch}), newest first; {@code max <= 0} for all. */
    public List<CommitInfo> log(Path repo, String range, int max) {
        List<String> args = new ArrayList<>(List.of("log", CommitInfo.LOG_FORMAT, "--no-color"));
        if (max > 0) {
            args.add("--max-count=" + max);
        }
        args.addAll(List.of(range, "--"));
        return CommitInfo.parseLog(run(repo, args).stdout());
    }

    /** The best common ancestor of two commits; empty when their histories are unrelated. */
    public Optional<String> mergeBase(Path repo, String a, String b) {
        ProcessResult result = tryRun(repo, List.of("merge-base", a, b));
        if (result.exitCode() == 1 && !result.timedOut() && result.stdout().isBlank()) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw new GitException(List.of("merge-base", a, b), repo, result.exitCode(), result.stderr(),
                    result.timedOut());
        }
        return Optional.of(result.stdout().strip());
    }

    /**
     * The absolute path git uses for {@code name} inside the git directory of {@code dir}
     * ({@code rev-parse --git-path}): per worktree for e.g. {@code MERGE_HEAD}, shared for e.g.
     * {@code info/exclude}.
     */
    public Path gitPath(Path dir, String name) {
        Path path = Path.of(output(dir, "rev-parse", "--path-format=absolute", "--git-path", name));
        return path.isAbsolute() ? path : dir.resolve(path).normalize();
    }

    public DiffStat diffStat(Path repo, String from, String to) {
        return DiffStat.parseNumstatZ(run(repo, "diff", "--numstat", "-z", "--no-renames", "--no-color",
                from, to, "--").stdout());
    }

    /** Tracked files changed but not committed (untracked and ignored files do not count). */
    public boolean hasUncommittedChanges(Path worktree) {
        return !run(worktree, "status", "--porcelain", "--untracked-files=no").stdout().isBlank();
    }

    /**
     * Stages everything (new, changed, deleted files) and commits it as {@code identity}, skipping hooks: this
     * saves work, it must not be blocked by a repository's lint hook. Returns the new commit, or empty when
     * there was nothing to commit.
     */
    public Optional<String> commitAll(Path worktree, String message, CommitIdentity identity) {
        return commitAll(worktree, message, identity, List.of());
    }

    /**
     * {@link #commitAll(Path, String, CommitIdentity)}, leaving out {@code excludedTopLevelPaths} (relative to the
     * worktree root, taken literally): files the engine wrote into the worktree that must not reach the branch.
     */
    public Optional<String> commitAll(Path worktree, String message, CommitIdentity identity,
            Collection<String> excludedTopLevelPaths) {
        stageAll(worktree, excludedTopLevelPaths);
        return commitStaged(worktree, message, identity);
    }

    /** Stages everything (new, changed, deleted files) but {@code excludedTopLevelPaths}, without committing. */
    public void stageAll(Path worktree, Collection<String> excludedTopLevelPaths) {
        run(worktree, "add", "--all");
        unstage(worktree, excludedTopLevelPaths);
    }

    /** Takes paths (relative to the worktree root, literally) out of the index again, keeping their files. */
    public void unstage(Path worktree, Collection<String> paths) {
        if (!paths.isEmpty()) {
            // Unstaging afterwards, not an exclude pathspec: git refuses to 'add' an ignored file named in one.
            List<String> reset = new ArrayList<>(List.of("reset", "--quiet", "--"));
            paths.forEach(path -> reset.add(":(top,literal)" + path));
            run(worktree, reset);
        }
    }

    /** Commits what is staged, if anything; returns the new commit. */
    public Optional<String> commitStaged(Path worktree, String message, CommitIdentity identity) {
        if (tryRun(worktree, List.of("diff", "--cached", "--quiet")).exitCode() == 0) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>(identity.configArgs());
        args.addAll(List.of("-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message));
        ProcessResult result = runner.run(spec(worktree, args).env(identity.environment()));
        if (!result.succeeded()) {
            throw new GitException(args, worktree, result.exitCode(), result.stderr(), result.timedOut());
        }
        return Optional.of(revParse(worktree, "HEAD"));
    }

    // ---- worktrees -------------------------------------------------------------------------------------

    /**
     * {@code git worktree add -b branch path start}: a new branch at {@code startPoint}. With {@code checkout}
     * false only the administrative files and the branch are made (fast, safe to do under a lock); call
     * {@link #populateWorktree} afterwards.
     */
    public void worktreeAddNewBranch(Path repo, Path path, String branch, String startPoint, boolean checkout) {
        List<String> args = new ArrayList<>(List.of("worktree", "add", "--quiet"));
        if (!checkout) {
            args.add("--no-checkout");
        }
        args.addAll(List.of("-b", branch, path.toString(), startPoint));
        run(repo, args);
    }

    /** {@code git worktree add path branch}: an existing branch, kept as it is. */
    public void worktreeAddExistingBranch(Path repo, Path path, String branch, boolean checkout) {
        List<String> args = new ArrayList<>(List.of("worktree", "add", "--quiet"));
        if (!checkout) {
            args.add("--no-checkout");
        }
        args.addAll(List.of(path.toString(), branch));
        run(repo, args);
    }

    /** Fills the index and files of a worktree added with {@code --no-checkout} from its HEAD. */
    public void populateWorktree(Path worktree) {
        run(worktree, "read-tree", "--reset", "-u", "HEAD");
    }

    /** Removes a worktree; without {@code force} git refuses when it holds changes or untracked files. */
    public void worktreeRemove(Path repo, Path path, boolean force) {
        List<String> args = new ArrayList<>(List.of("worktree", "remove"));
        if (force) {
            args.add("--force");
        }
        args.add(path.toString());
        run(repo, args);
    }

    /** Forgets worktrees whose directories are gone. */
    public void worktreePrune(Path repo) {
        run(repo, "worktree", "prune");
    }

    public List<WorktreeEntry> worktreeList(Path repo) {
        return WorktreeEntry.parsePorcelainZ(run(repo, "worktree", "list", "--porcelain", "-z").stdout());
    }

    // ---- bundles ---------------------------------------------------------------------------------------

    /** {@code git bundle create file revs...}, e.g. revs {@code refs/heads/x ^base}. */
    public void bundleCreate(Path repo, Path file, List<String> revs) {
        List<String> args = new ArrayList<>(List.of("bundle", "create", "--quiet", file.toString()));
        args.addAll(revs);
        run(repo, args);
    }

    /** Checks the bundle is whole and that {@code repo} has its prerequisite commits. */
    public void bundleVerify(Path repo, Path file) {
        run(repo, "bundle", "verify", file.toString());
    }

    /** Fetches refs from a bundle file, e.g. {@code +refs/heads/x:refs/heads/x}. */
    public void fetchFromBundle(Path repo, Path file, List<String> refspecs) {
        List<String> args = new ArrayList<>(List.of("fetch", "--no-tags", "--no-progress", file.toString()));
        args.addAll(refspecs);
        run(repo, args);
    }

    // ---- merging ---------------------------------------------------------------------------------------

    /** Merges {@code theirs} into {@code ours} in memory (git >= 2.38); no worktree or ref is touched. */
    public MergeTreeResult mergeTree(Path repo, String ours, String theirs) {
        requireVersion(GitVersion.MERGE_TREE_WRITE_TREE, "checking a merge with merge-tree --write-tree");
        List<String> args = List.of("merge-tree", "--write-tree", "--name-only", "--messages", ours, theirs);
        ProcessResult result = tryRun(repo, args);
        if (result.exitCode() != 0 && result.exitCode() != 1 || result.timedOut()) {
            throw new GitException(args, repo, result.exitCode(), result.stderr(), result.timedOut());
        }
        return MergeTreeResult.parse(result.exitCode() == 0, result.stdout());
    }

    /**
     * Makes a commit of {@code tree} with the given parents as {@code identity}, touching no worktree, index or
     * ref: the commit exists only as an object until a ref points at it.
     */
    public String commitTree(Path repo, String tree, List<String> parents, String message, CommitIdentity identity) {
        List<String> args = new ArrayList<>(List.of("commit-tree", "--no-gpg-sign", "-m", message));
        for (String parent : parents) {
            args.add("-p");
            args.add(parent);
        }
        args.add(tree);
        ProcessResult result = runner.run(spec(repo, args).env(identity.environment()));
        if (!result.succeeded()) {
            throw new GitException(args, repo, result.exitCode(), result.stderr(), result.timedOut());
        }
        return result.stdout().strip();
    }

    /** Moves {@code fullRef} from {@code expectedOld} to {@code newValue}, failing if someone moved it meanwhile. */
    public void updateRef(Path repo, String fullRef, String newValue, String expectedOld, String reason) {
        run(repo, "update-ref", "-m", reason, fullRef, newValue, expectedOld);
    }

    static String stripFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
