package io.dispatchplan.worktree;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.BranchName;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.git.RepositoryLock;
import io.dispatchplan.git.Sha;
import io.dispatchplan.git.WorktreeEntry;
import io.dispatchplan.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Creates, reuses and removes workstream worktrees: {@code <root>/<feature>/<id>} on branch
 * {@code <feature>/<id>}, added from a (cache) repository so objects are shared, not copied.
 *
 * <p>Changes to the repository's worktree list and branches happen under its {@link RepositoryLock}; the
 * checkout of files, the slow part, happens outside it so workstreams on one machine check out in parallel.
 */
public final class WorktreeManager {

    private static final Pattern PATH_COMPONENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final GitCli git;
    private final Duration lockTimeout;
    /** Repository path to its common git directory (the lock's home); repositories do not move. */
    private final Map<Path, Path> commonDirs = new ConcurrentHashMap<>();

    public WorktreeManager(GitCli git) {
        this(git, RepositoryLock.DEFAULT_TIMEOUT);
    }

    public WorktreeManager(GitCli git, Duration lockTimeout) {
        this.git = git;
        this.lockTimeout = lockTimeout;
    }

    /** {@code <root>/<feature>/<id>}, refusing anything that would leave the root. */
    public static Path pathFor(Path root, String feature, String id) {
        checkComponent(feature, "feature");
        checkComponent(id, "workstream id");
        Path base = root.toAbsolutePath().normalize();
        Path path = base.resolve(feature).resolve(id).normalize();
        if (!path.startsWith(base) || path.getNameCount() != base.getNameCount() + 2) {
            throw new WorktreeException("the worktree path for feature '" + feature + "' and id '" + id
                    + "' would leave the worktree root " + base);
        }
        return path;
    }

    /**
     * Refuses a worktree path that is, or lies below, a symbolic link under its root ({@code <root>/<feature>}
     * committed as a link would put worktrees anywhere): git would follow it.
     */
    public static void requireNoLinks(Path root, Path worktree) {
        if (SafeFiles.kind(root, worktree) == SafeFiles.Kind.LINK) {
            SafeFiles.readRegularFile(root, worktree); // names the link
        }
    }

    private static void checkComponent(String value, String what) {
        if (value == null || !PATH_COMPONENT.matcher(value).matches() || value.equals(".") || value.equals("..")
                || value.startsWith("-")) {
            throw new WorktreeException("the " + what + " '" + value + "' cannot name a directory: use letters, "
                    + "digits, '.', '_' and '-' only (not '.', '..' or a leading '-')");
        }
    }

    /**
     * Makes the worktree exist as the request says, applying its policy to what an earlier run left. A new branch
     * starts from the base with the request's dependencies merged in; a kept branch gets the dependency heads it
     * lacks merged in (a dependency re-ran since), its own commits untouched.
     */
    public Worktree prepare(WorktreeRequest request) {
        Path path = pathFor(request.root(), request.feature(), request.id());
        requireNoLinks(request.root(), path);
        String branch = request.branch();
        if (!BranchName.isValid(branch)) {
            throw new WorktreeException("'" + branch + "' is not a valid git branch name for workstream '"
                    + request.id() + "'");
        }
        Path repo = request.repository();
        // A full sha is checked only where it is used (one git process less per new worktree).
        String base = Sha.isFull(request.baseSha()) ? request.baseSha() : git.revParse(repo, request.baseSha());
        DependencyMerger merger = new DependencyMerger(git, request.identity());
        List<Dependency> dependencies = request.dependencies();
        Worktree.Outcome outcome;
        boolean populate;
        DependencyMerger.Result start = null;
        /** New dependency commits for a kept worktree, merged in once its files are there. */
        DependencyMerger.Result catchUp = null;
        /** A kept branch's head as an earlier run left it, and that head with a base that moved since merged in. */
        String keptHead = null;
        String baseMerge = null;
        try (RepositoryLock lock = RepositoryLock.forGitDir(commonDir(repo), lockTimeout)) {
            List<WorktreeEntry> entries = currentEntries(repo);
            Optional<WorktreeEntry> atPath = entries.stream().filter(e -> samePath(e.path(), path)).findFirst();
            Optional<WorktreeEntry> onBranch = entries.stream().filter(e -> branch.equals(e.branch())).findFirst();
            if (onBranch.isPresent() && (atPath.isEmpty() || !samePath(onBranch.get().path(), path))) {
                throw new WorktreeException("branch '" + branch + "' is already checked out in the worktree "
                        + onBranch.get().path() + ". Another run of this plan may be using it; if not, remove that "
                        + "worktree (git worktree remove) or give this workstream another branch");
            }
            if (atPath.isPresent()) {
                requireCommit(repo, base);
                WorktreeEntry entry = atPath.get();
                if (!branch.equals(entry.branch())) {
                    throw new WorktreeException("the worktree " + path + " has "
                            + (entry.branch() == null ? "a detached HEAD" : "branch '" + entry.branch() + "'")
                            + " checked out, not '" + branch + "'. Remove it (git worktree remove " + path
                            + ") or use another worktree root");
                }
                if (request.policy() == WorktreePolicy.REUSE) {
                    keptHead = branchHead(repo, branch);
                    baseMerge = merger.mergeBase(repo, keptHead, branch, base);
                    catchUp = merger.mergeInto(repo, baseMerge, branch, dependencies);
                    outcome = Worktree.Outcome.REUSED;
                    populate = !isPopulated(path);
                } else {
                    start = merger.mergeInto(repo, base, branch, dependencies);
                    refuseToDropWork(repo, branch, base, dependencies, path);
                    git.worktreeRemove(repo, path, true);
                    git.createBranch(repo, branch, start.tip(), true);
                    git.worktreeAddExistingBranch(repo, path, branch, false);
                    outcome = Worktree.Outcome.RECREATED;
                    populate = true;
                }
            } else {
                refuseOccupiedDirectory(path);
                if (!git.branchExists(repo, branch)) {
                    if (!dependencies.isEmpty()) {
                        requireCommit(repo, base);
                    }
                    start = dependencies.isEmpty() ? new DependencyMerger.Result(base, List.of())
                            : merger.mergeInto(repo, base, branch, dependencies);
                    addNewBranch(repo, path, branch, start.tip(), base);
                    outcome = Worktree.Outcome.CREATED;
                } else if (request.policy() == WorktreePolicy.REUSE) {
                    requireCommit(repo, base);
                    keptHead = branchHead(repo, branch);
                    baseMerge = merger.mergeBase(repo, keptHead, branch, base);
                    start = merger.mergeInto(repo, baseMerge, branch, dependencies);
                    if (!start.tip().equals(keptHead)) {
                        git.updateRef(repo, "refs/heads/" + branch, start.tip(), keptHead,
                                "dispatch-plan: merge the new base and new dependency commits");
                    }
                    git.worktreeAddExistingBranch(repo, path, branch, false);
                    outcome = Worktree.Outcome.REUSED;
                } else {
                    requireCommit(repo, base);
                    start = merger.mergeInto(repo, base, branch, dependencies);
                    refuseToDropWork(repo, branch, base, dependencies, null);
                    git.createBranch(repo, branch, start.tip(), true);
                    git.worktreeAddExistingBranch(repo, path, branch, false);
                    outcome = Worktree.Outcome.RECREATED;
                }
                populate = true;
            }
        }
        if (populate) {
            // Outside the lock: only this worktree's own index and files change.
            git.populateWorktree(path);
        }
        if (catchUp != null) {
            fastForwardTo(path, keptHead, catchUp, !baseMerge.equals(keptHead));
            start = catchUp;
        }
        String mergedBase = baseMerge == null || baseMerge.equals(keptHead) ? null : baseMerge;
        if (outcome != Worktree.Outcome.REUSED && dependencies.isEmpty()) {
            // A new or reset branch sits at the base: nothing to ask git.
            return new Worktree(path, branch, base, base, outcome, 0, List.of(), null);
        }
        String head = git.revParse(path, "HEAD");
        return new Worktree(path, branch, base, head, outcome, git.countCommits(repo, base + ".." + head),
                start.delivered(), mergedBase);
    }

    private String branchHead(Path repo, String branch) {
        return git.revParse(repo, "refs/heads/" + branch);
    }

    /**
     * Brings a kept worktree's branch up to the merged dependency commits. A fast-forward: the worker's files stay,
     * and git refuses (nothing changes) if an uncommitted change is in the way.
     */
    private void fastForwardTo(Path worktree, String keptHead, DependencyMerger.Result merged, boolean baseMerged) {
        if (merged.tip().equals(keptHead)) {
            return;
        }
        ProcessResult result = git.tryRun(worktree, List.of("merge", "--ff-only", "--quiet", merged.tip()));
        if (!result.succeeded()) {
            List<String> brought = new java.util.ArrayList<>(baseMerged ? List.of("the new base") : List.of());
            merged.delivered().stream().filter(d -> d.mergeCommit() != null).forEach(d -> brought.add(d.id()));
            String dependencies = String.join(", ", brought);
            throw new WorktreeException("cannot bring the new commits of " + dependencies + " into the kept worktree "
                    + worktree + ": " + result.stderr().strip() + ". Commit or discard the uncommitted changes there,"
                    + " then run again");
        }
    }

    private void addNewBranch(Path repo, Path path, String branch, String startPoint, String base) {
        try {
            git.worktreeAddNewBranch(repo, path, branch, startPoint, false);
        } catch (GitException e) {
            requireCommit(repo, base);
            throw e;
        }
    }

    private void requireCommit(Path repo, String sha) {
        if (!git.hasCommit(repo, sha)) {
            throw new WorktreeException("the base commit " + sha + " is not in " + repo
                    + ". Fetch it first (the run's base must be in the repository the worktrees come from)");
        }
    }

    private Path commonDir(Path repository) {
        return commonDirs.computeIfAbsent(repository.toAbsolutePath().normalize(), git::commonDir);
    }

    /**
     * Removes the worktree directory ({@code git worktree remove}, then {@code prune}) and, when asked,
     * deletes its branch, but only if every commit on it is in {@code mergedInto}.
     *
     * @param force also remove a worktree with uncommitted changes or untracked files (their content is lost;
     *     commits never are)
     */
    public CleanupResult cleanup(Path repository, Path worktree, String branch, String mergedInto,
            boolean deleteBranch, boolean force) {
        try (RepositoryLock lock = RepositoryLock.forGitDir(commonDir(repository), lockTimeout)) {
            boolean registered = currentEntries(repository).stream().anyMatch(e -> samePath(e.path(), worktree));
            boolean removed = false;
            if (registered) {
                if (!force && (git.hasUncommittedChanges(worktree) || hasUntrackedFiles(worktree))) {
                    return new CleanupResult(false, CleanupResult.BranchOutcome.KEPT, 0,
                            "kept the worktree " + worktree + ": it holds uncommitted changes or untracked files "
                                    + "(commit them, or clean up with force to discard them)");
                }
                int unreachable = git.countCommits(worktree, List.of("HEAD", "--not", "--branches"));
                if (unreachable > 0) {
                    // Removing it would leave these commits dangling: only its HEAD holds them.
                    return new CleanupResult(false, CleanupResult.BranchOutcome.KEPT, 0,
                            "kept the worktree " + worktree + ": its HEAD holds " + unreachable + " commit(s) that no"
                                    + " branch has; put a branch on them (git -C " + worktree + " branch <name>)");
                }
                git.worktreeRemove(repository, worktree, force);
                removed = true;
            }
            git.worktreePrune(repository);
            if (!deleteBranch || branch == null) {
                return new CleanupResult(removed, CleanupResult.BranchOutcome.KEPT, 0, "branch kept as asked");
            }
            if (!git.branchExists(repository, branch)) {
                return new CleanupResult(removed, CleanupResult.BranchOutcome.ABSENT, 0, "no branch " + branch);
            }
            String target = git.revParse(repository, mergedInto);
            int unmerged = git.countCommits(repository, target + ".." + "refs/heads/" + branch);
            if (unmerged > 0) {
                return new CleanupResult(removed, CleanupResult.BranchOutcome.KEPT_UNMERGED, unmerged,
                        "kept branch " + branch + ": " + unmerged + " commit(s) not merged into " + mergedInto);
            }
            git.deleteBranch(repository, branch);
            return new CleanupResult(removed, CleanupResult.BranchOutcome.DELETED, 0, "deleted branch " + branch);
        }
    }

    /** The repository's worktrees, after forgetting those whose directories are gone. */
    private List<WorktreeEntry> currentEntries(Path repo) {
        List<WorktreeEntry> entries = git.worktreeList(repo);
        if (entries.stream().anyMatch(WorktreeEntry::prunable)) {
            git.worktreePrune(repo);
            entries = git.worktreeList(repo);
        }
        return entries;
    }

    /** Refuses to reset a branch that holds commits of its own (not the base's, not merges of its dependencies). */
    private void refuseToDropWork(Path repo, String branch, String base, List<Dependency> dependencies, Path worktree) {
        List<String> range = new java.util.ArrayList<>(List.of("rev-list", "--count", "--no-merges",
                "refs/heads/" + branch, "^" + base));
        dependencies.forEach(d -> range.add("^" + d.head()));
        range.add("--");
        int ahead = Integer.parseInt(git.output(repo, range.toArray(new String[0])));
        if (ahead > 0) {
            throw new WorktreeException("will not recreate branch '" + branch + "': it holds " + ahead
                    + " commit(s) not in the base " + base.substring(0, 12) + ". Merge or save them, delete the "
                    + "branch yourself, or use the REUSE policy to continue on it");
        }
        if (worktree != null && git.hasUncommittedChanges(worktree)) {
            throw new WorktreeException("will not recreate the worktree " + worktree + ": it holds uncommitted "
                    + "changes to tracked files. Commit or discard them, or use the REUSE policy");
        }
    }

    private static void refuseOccupiedDirectory(Path path) {
        if (!isFreeFor(path)) {
            throw new WorktreeException(path + " exists and is not a worktree of this repository. Move it away "
                    + "or choose another worktree root");
        }
    }

    /** True when a worktree can be made at {@code path}: nothing is there, or an empty directory. */
    public static boolean isFreeFor(Path path) {
        if (!Files.exists(path)) {
            return true;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A worktree added with {@code --no-checkout} has no index until it is populated. */
    private boolean isPopulated(Path worktree) {
        Path index = Path.of(git.output(worktree, "rev-parse", "--path-format=absolute", "--git-path", "index"));
        return Files.isRegularFile(index);
    }

    private boolean hasUntrackedFiles(Path worktree) {
        return !git.output(worktree, "ls-files", "--others", "--exclude-standard").isEmpty();
    }

    /** True when two paths name the same place, symlinks (such as /tmp) resolved. */
    public static boolean samePath(Path a, Path b) {
        return canonical(a).equals(canonical(b));
    }

    /** The real path of the longest existing ancestor, with the rest appended (symlinks such as /tmp differ). */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
