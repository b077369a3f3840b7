package io.dispatchplan.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One bare cache repository per remote under a cache root, shared by every build and workstream on this
 * machine: worktrees are added from it, so objects are fetched once and never copied. Creating and
 * fetching happen under the repository's {@link RepositoryLock}, so concurrent processes are safe.
 *
 * <p>Remote branches land in {@code refs/remotes/origin/*} (pruned), tags in {@code refs/tags/*};
 * {@code refs/heads/*} belong to workstream branches and a fetch never touches them.
 */
public final class RepositoryCache {

    public static final List<String> FETCH_REFSPECS =
            List.of("+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private final GitCli git;
    private final Path root;
    private final RemoteFetcher fetcher;
    private final Duration lockTimeout;

    public RepositoryCache(GitCli git, Path root) {
        this(git, root, null, RepositoryLock.DEFAULT_TIMEOUT);
    }

    /** @param fetcher how to fetch from the remote; null for the git CLI */
    public RepositoryCache(GitCli git, Path root, RemoteFetcher fetcher, Duration lockTimeout) {
        this.git = git;
        this.root = root.toAbsolutePath().normalize();
        this.fetcher = fetcher != null ? fetcher : new CliFetcher(git);
        this.lockTimeout = lockTimeout;
    }

    public Path root() {
        return root;
    }

    /** Where the cache of {@code url} lives: {@code <root>/<name>-<hash of the URL>.git}. */
    public Path directoryFor(String url) {
        String normalized = normalize(url);
        return root.resolve(readableName(normalized) + "-" + hash(normalized) + ".git");
    }

    /** Creates the cache if needed and fetches every branch and tag (with pruning). */
    public CachedRepository update(String url) {
        CachedRepository repo = repository(url);
        try (RepositoryLock lock = lock(repo)) {
            ensureInitialized(repo);
            fetcher.fetch(repo.gitDir(), normalize(url));
        }
        return repo;
    }

    /**
     * Makes sure the cache holds {@code sha}, fetching only when it does not: workstreams of one run call
     * this with the base resolved in the Plan stage, and on a machine that already has it nothing is fetched.
     */
    public CachedRepository ensureCommit(String url, String sha) {
        CachedRepository repo = repository(url);
        if (Files.isRegularFile(repo.gitDir().resolve("HEAD")) && git.hasCommit(repo.gitDir(), sha)) {
            return repo;
        }
        try (RepositoryLock lock = lock(repo)) {
            ensureInitialized(repo);
            if (!git.hasCommit(repo.gitDir(), sha)) {
                fetcher.fetch(repo.gitDir(), normalize(url));
            }
            if (!git.hasCommit(repo.gitDir(), sha)) {
                throw new GitException("commit " + sha + " is not in " + repo.url()
                        + " after fetching all branches and tags. Was it rebased away or pushed elsewhere?");
            }
        }
        return repo;
    }

    /** Fetches, then resolves {@code ref} once; the convenience for a run's Plan stage. */
    public BaseCommit updateAndResolve(String url, String ref) {
        return resolve(update(url), ref);
    }

    /**
     * Resolves a ref in the cache to a sha without fetching: null, blank or {@code HEAD} means the remote's
     * default branch; a name is tried as a remote branch, then a tag, then as any revision git understands.
     */
    public BaseCommit resolve(CachedRepository repo, String ref) {
        Path dir = repo.gitDir();
        if (ref == null || ref.isBlank() || ref.equals("HEAD")) {
            return git.tryRevParse(dir, "refs/remotes/origin/HEAD").map(sha -> new BaseCommit("HEAD", sha))
                    .orElseThrow(() -> new GitException("the remote " + repo.url() + " has no default branch "
                            + "(HEAD); name the base branch explicitly (baseBranch in the plan)"));
        }
        if (FULL_SHA.matcher(ref).matches()) {
            return new BaseCommit(ref, git.revParse(dir, ref));
        }
        for (String candidate : List.of("refs/remotes/origin/" + ref, "refs/tags/" + ref, ref)) {
            Optional<String> sha = git.tryRevParse(dir, candidate);
            if (sha.isPresent()) {
                return new BaseCommit(ref, sha.get());
            }
        }
        String branches = git.output(dir, "for-each-ref", "--count=20", "--format=%(refname:lstrip=3)",
                "refs/remotes/origin/").replace('\n', ' ').replace("HEAD ", "").strip();
        throw new GitException("no branch, tag or commit named '" + ref + "' in " + repo.url()
                + (branches.isEmpty() ? " (it has no branches)" : "; its branches include: " + branches));
    }

    /**
     * The repository one job works in: its own refs, branches, worktrees and {@code info/exclude} (jobs on a shared
     * agent never see, reuse or push each other's branches), over the shared cache's objects through git's
     * alternates (nothing is fetched or copied twice). {@code <root>/jobs/<job>-<hash>/<cache name>}.
     */
    public CachedRepository forJob(CachedRepository shared, String job) {
        String name = readableName(job.replace('/', '-')) + "-" + hash(job);
        Path dir = root.resolve("jobs").resolve(name).resolve(shared.gitDir().getFileName());
        if (Files.isRegularFile(dir.resolve("objects/info/alternates"))) {
            return new CachedRepository(shared.url(), dir);
        }
        try (RepositoryLock lock = RepositoryLock.forGitDir(dir, lockTimeout)) {
            if (!Files.isRegularFile(dir.resolve("objects/info/alternates"))) {
                git.init(dir, true, null);
                git.run(dir, "config", "gc.autoDetach", "false");
                git.run(shared.gitDir(), "config", "gc.pruneExpire", "never");
                Files.createDirectories(dir.resolve("objects/info"));
                Files.writeString(dir.resolve("objects/info/alternates"), shared.gitDir().resolve("objects") + "\n",
                        StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException e) {
            throw new GitException("cannot make the repository of job '" + job + "' in " + dir + ": " + e.getMessage());
        }
        return new CachedRepository(shared.url(), dir);
    }

    /** The lock to hold while changing the cache (adding or removing worktrees, deleting branches). */
    public RepositoryLock lock(CachedRepository repo) {
        return RepositoryLock.forGitDir(repo.gitDir(), lockTimeout);
    }

    private CachedRepository repository(String url) {
        return new CachedRepository(withoutCredentials(normalize(url)), directoryFor(url));
    }

    /**
     * Under the lock: a bare repository whose {@code origin} names the remote without credentials (they are
     * not written to disk; fetches get the full URL) and our refspecs. Idempotent, so a process that died
     * half-way is repaired by the next.
     */
    private void ensureInitialized(CachedRepository repo) {
        Path dir = repo.gitDir();
        if (git.configGet(dir, "remote.origin.url").isPresent() && Files.isRegularFile(dir.resolve("HEAD"))) {
            return;
        }
        // The lock file already sits in the directory; git init accepts that.
        git.init(dir, true, null);
        git.run(dir, "config", "remote.origin.url", repo.url());
        git.run(dir, "config", "--replace-all", "remote.origin.fetch", FETCH_REFSPECS.get(0));
        git.run(dir, "config", "--add", "remote.origin.fetch", FETCH_REFSPECS.get(1));
        // A cache serves many builds: no gc left running in the background after a command returned.
        git.run(dir, "config", "gc.autoDetach", "false");
        // Jobs' repositories borrow these objects (alternates) without this cache knowing: never prune any.
        git.run(dir, "config", "gc.pruneExpire", "never");
    }

    static String withoutCredentials(String url) {
        return GitException.redact(url).replace("****@", "");
    }

    /** Local paths become absolute; URLs stay as written, without a trailing slash. */
    static String normalize(String url) {
        String trimmed = url.strip();
        if (trimmed.startsWith("-")) {
            throw new GitException("'" + trimmed + "' is not a repository URL or path (it starts with '-', which git would"
                    + " read as an option). Give the repository's URL or path");
        }
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (isUrl(trimmed)) {
            return trimmed;
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toString();
    }

    private static boolean isUrl(String url) {
        if (url.contains("://")) {
            return true;
        }
        // scp-like user@host:path, but not a Windows drive letter such as C:\repo.
        int colon = url.indexOf(':');
        int slash = url.indexOf('/');
        return colon > 1 && (slash < 0 || colon < slash);
    }

    private static String readableName(String normalized) {
        String last = normalized.replaceAll("[/\\\\:]+$", "");
        last = last.substring(Math.max(Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\')),
                last.lastIndexOf(':')) + 1);
        if (last.endsWith(".git")) {
            last = last.substring(0, last.length() - 4);
        }
        String slug = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[.-]+", "");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        return slug.isEmpty() ? "repo" : slug;
    }

    /** Hash of the URL without credentials, so a rotated token keeps the same cache. */
    private static String hash(String normalized) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(withoutCredentials(normalized).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
