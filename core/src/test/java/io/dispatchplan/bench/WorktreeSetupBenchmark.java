package io.dispatchplan.bench;

import static io.dispatchplan.bench.SyntheticRepository.deleteTree;
import static io.dispatchplan.bench.SyntheticRepository.medianOf;
import static io.dispatchplan.bench.SyntheticRepository.timed;

import io.dispatchplan.git.BaseCommit;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worktree.Worktree;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How much a workstream worktree costs compared with the floor (checking the same tree out into an empty
 * directory) and with a clone per workstream. Not a test: a program that prints figures.
 *
 * <pre>
 * mvn -q -o -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes io.dispatchplan.bench.WorktreeSetupBenchmark \
 *     [--files 10000] [--workstreams 32] [--commits 8] [--clones 8] [--floor-runs = workstreams] [--warmup 3] [--dir DIR] [--keep]
 * </pre>
 *
 * Disk is measured with {@code du} (allocated blocks, hard links counted once), so the program needs a
 * Unix-like system.
 */
public final class WorktreeSetupBenchmark {

    private final GitCli git = TestGit.cli();
    private final ProcessRunner runner = git.runner();
    private final Random random = new Random(42);

    private int files = 10_000;
    private int workstreams = 32;
    private int commits = 8;
    private int clones = 8;
    private int floorRuns = -1;
    private int warmup = 3;
    private Path dir;
    private boolean keep;
    private boolean verbose;

    public static void main(String[] args) throws Exception {
        WorktreeSetupBenchmark bench = new WorktreeSetupBenchmark();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--workstreams" -> workstreams = Integer.parseInt(args[++i]);
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--clones" -> clones = Integer.parseInt(args[++i]);
                case "--floor-runs" -> floorRuns = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        if (floorRuns < 0) {
            floorRuns = workstreams;
        }
        if (dir == null) {
            dir = Files.createTempDirectory("worktree-bench");
        }
        Files.createDirectories(dir);
    }

    private void run() throws Exception {
        System.out.printf("git %s, %d cores, work dir %s%n", git.version(), Runtime.getRuntime().availableProcessors(),
                dir);
        Path remote = dir.resolve("remote");
        long t0 = System.nanoTime();
        new SyntheticRepository(git, random).generate(remote, files, commits);
        System.out.printf("generated %d files, %d commits in %.1f s%n", files, commits, seconds(t0));
        long treeApparent = git.output(remote, "ls-tree", "-r", "-l", "HEAD").lines()
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[3])).sum();
        long packKb = du(remote.resolve(".git/objects"));
        System.out.printf("tree: %s apparent; packed history: %s (%.2fx the tree)%n", mb(treeApparent * 1.0 / 1024),
                mb(packKb), packKb * 1024.0 / treeApparent);

        RepositoryCache cache = new RepositoryCache(git, dir.resolve("cache"));
        long tCache = System.nanoTime();
        BaseCommit base = cache.updateAndResolve(remote.toString(), "main");
        Path cacheDir = cache.directoryFor(remote.toString());
        System.out.printf("cache warmed in %.2f s (%s)%n%n", seconds(tCache), mb(du(cacheDir)));

        // Unmeasured rounds first: the first checkouts after generating pay for its write-back and a cold JIT.
        Measurements ignored = new Measurements();
        for (int i = 0; i < warmup; i++) {
            floorCheckout(cacheDir, base.sha(), -1 - i, ignored);
        }
        // Interleaved and each after a sync, so one kind of run does not pay for another's write-back.
        Measurements floor = new Measurements();
        Measurements floorWorktree = new Measurements();
        Measurements worktrees = new Measurements();
        WorktreeManager manager = new WorktreeManager(git);
        for (int i = 0; i < workstreams; i++) {
            if (i < floorRuns) {
                floorCheckout(cacheDir, base.sha(), i, floor);
                floorWorktreeAdd(cacheDir, base.sha(), i, floorWorktree);
            }
            workstreamWorktree(manager, cacheDir, base.sha(), i, worktrees);
        }
        Measurements cloned = new Measurements();
        for (int i = 0; i < clones; i++) {
            clone(remote, i, cloned);
        }

        System.out.println();
        System.out.printf("%-46s %10s %12s%n", "per workstream", "time", "disk");
        floor.print("floor: checkout into an empty dir (" + floorRuns + ")");
        floorWorktree.print("floor: plain 'git worktree add --detach' (" + floorRuns + ")");
        worktrees.print("dispatch-plan worktree (" + workstreams + ", sequential)");
        cloned.print("git clone per workstream (" + clones + ")");
        System.out.println();
        // Paired: each worktree right after its floor run, so drifting disk speed hits both alike.
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < Math.min(floorRuns, workstreams); i++) {
            paired.add(worktrees.seconds.get(i) / floor.seconds.get(i));
        }
        double timeRatio = medianOf(paired);
        double diskRatio = worktrees.meanKb() / floor.meanKb();
        System.out.printf("setup time vs floor:   %.2fx (median of %d paired runs; medians %.2fx, means %.2fx; "
                + "target <= 1.20x: %s)%n", timeRatio, paired.size(), worktrees.median() / floor.median(),
                worktrees.mean() / floor.mean(), timeRatio <= 1.2 ? "met" : "MISSED");
        System.out.printf("disk vs floor (tree):  %.3fx (target <= 1.05x: %s)%n", diskRatio,
                diskRatio <= 1.05 ? "met" : "MISSED");
        System.out.printf("clone vs worktree:     %.2fx the time (median), %.2fx the disk%n",
                cloned.median() / worktrees.median(), cloned.meanKb() / worktrees.meanKb());
        if (!keep) {
            deleteTree(dir);
        }
    }

    /** Times (seconds) and disk (KiB) of one kind of run. */
    private static final class Measurements {
        private final List<Double> seconds = new ArrayList<>();
        private final List<Long> kb = new ArrayList<>();

        void add(double time, long disk) {
            seconds.add(time);
            kb.add(disk);
        }

        double mean() {
            return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double median() {
            return medianOf(seconds);
        }

        double meanKb() {
            return kb.stream().mapToLong(Long::longValue).average().orElse(0);
        }

        void print(String label) {
            System.out.printf("%-50s %6.0f ms median %6.0f ms mean %10s   (min %.0f, max %.0f ms)%n", label,
                    median() * 1000, mean() * 1000, mb(meanKb()),
                    seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0) * 1000,
                    seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1000);
        }
    }

    /** The floor: the same tree checked out into an empty directory with a throw-away index. */
    private void floorCheckout(Path cacheDir, String sha, int i, Measurements into) throws IOException {
        Path target = Files.createDirectories(dir.resolve("floor/" + i));
        Path index = dir.resolve("floor/index-" + i);
        sync();
        double time = timed(() -> check(runner.run(ProcessSpec.of("git", "--git-dir=" + cacheDir, "--work-tree="
                + target, "checkout", sha, "--", ".").env(TestGit.environment()).env("GIT_INDEX_FILE",
                index.toString()))));
        into.add(time, du(target));
        if (verbose && i >= 0) {
            System.out.printf("  floor %d: %.0f ms%n", i, time * 1000);
        }
    }

    private void floorWorktreeAdd(Path cacheDir, String sha, int i, Measurements into) {
        Path target = dir.resolve("floor-wt/" + i);
        sync();
        double time = timed(() -> git.run(cacheDir, "worktree", "add", "--quiet", "--detach", target.toString(), sha));
        into.add(time, du(target) + du(adminDir(cacheDir, target)));
    }

    private void workstreamWorktree(WorktreeManager manager, Path cacheDir, String sha, int i, Measurements into) {
        Path root = dir.resolve("workspace");
        sync();
        Worktree[] made = new Worktree[1];
        double time = timed(() -> made[0] = manager.prepare(WorktreeRequest.of(cacheDir, root, "bench", "ws-" + i,
                sha)));
        into.add(time, du(made[0].path()) + du(adminDir(cacheDir, made[0].path())));
        if (verbose) {
            System.out.printf("  worktree %d: %.0f ms%n", i, time * 1000);
        }
    }

    private void clone(Path remote, int i, Measurements into) {
        Path target = dir.resolve("clones/" + i);
        sync();
        // file:// makes git copy objects as from a real remote instead of hard-linking them.
        double time = timed(() -> git.run(null, "clone", "--quiet", remote.toUri().toString(), target.toString()));
        into.add(time, du(target));
    }

    private void sync() {
        check(runner.run(ProcessSpec.of("sync")));
    }

    /** The worktree's administrative directory inside the repository (its index lives there). */
    private Path adminDir(Path cacheDir, Path worktree) {
        return Path.of(git.output(worktree, "rev-parse", "--path-format=absolute", "--git-dir"));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private long du(Path path) {
        ProcessResult result = check(runner.run(ProcessSpec.of("du", "-sk", path.toString())));
        return Long.parseLong(result.stdout().split("\\s+")[0]);
    }

    private static ProcessResult check(ProcessResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("command failed: " + result.stderr());
        }
        return result;
    }

    private static String mb(double kb) {
        return String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }

}
