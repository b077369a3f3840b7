package io.dispatchplan.bench;

import static io.dispatchplan.bench.SyntheticRepository.deleteTree;
import static io.dispatchplan.bench.SyntheticRepository.medianOf;
import static io.dispatchplan.bench.SyntheticRepository.timed;

import io.dispatchplan.git.BaseCommit;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worktree.Dependency;
import io.dispatchplan.worktree.Worktree;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a dependent's worktree costs over a plain one: the same prepare with 1, 4 and 16 dependencies merged in
 * (merge-tree and commit-tree per dependency) against a workstream without dependencies, paired round by round.
 * Not a test: a program that prints figures.
 *
 * <pre>
 * mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.dispatchplan.bench.DependentPrepareBenchmark -Dexec.args="--dir /tmp/dep-bench"
 *     # --files 10000 --rounds 12 --changed 5 --keep
 * </pre>
 */
public final class DependentPrepareBenchmark {
    private static final int[] DEPENDENCY_COUNTS = {1, 4, 16};

    private final GitCli git = TestGit.cli();
    private final Random random = new Random(7);
    private int files = 10_000;
    private int rounds = 12;
    /** Files each dependency rewrites (its own ones: dependencies do not conflict). */
    private int changed = 5;
    private Path dir;
    private boolean keep;

    public static void main(String[] args) throws Exception {
        DependentPrepareBenchmark bench = new DependentPrepareBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> bench.files = Integer.parseInt(args[++i]);
                case "--rounds" -> bench.rounds = Integer.parseInt(args[++i]);
                case "--changed" -> bench.changed = Integer.parseInt(args[++i]);
                case "--dir" -> bench.dir = Path.of(args[++i]);
                case "--keep" -> bench.keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        if (bench.dir == null) {
            bench.dir = java.nio.file.Files.createTempDirectory("dependent-bench");
        }
        bench.run();
    }

    private void run() throws Exception {
        System.out.printf("git %s, %d cores, %d files, work dir %s%n", git.version(),
                Runtime.getRuntime().availableProcessors(), files, dir);
        SyntheticRepository synthetic = new SyntheticRepository(git, random);
        Path remote = dir.resolve("remote");
        synthetic.generate(remote, files, 2);
        RepositoryCache cache = new RepositoryCache(git, dir.resolve("cache"));
        BaseCommit base = cache.updateAndResolve(remote.toString(), "main");
        Path cacheDir = cache.directoryFor(remote.toString());
        WorktreeManager manager = new WorktreeManager(git);
        List<Dependency> dependencies = makeDependencies(synthetic, manager, cacheDir, base.sha());

        Map<Integer, List<Double>> times = new LinkedHashMap<>();
        Map<Integer, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms up and is not counted
            double plain = prepareAndRemove(manager, cacheDir, base.sha(), "plain", List.of());
            for (int count : DEPENDENCY_COUNTS) {
                double t = prepareAndRemove(manager, cacheDir, base.sha(), "deps" + count, dependencies.subList(0, count));
                if (round >= 0) {
                    times.computeIfAbsent(count, k -> new ArrayList<>()).add(t);
                    ratios.computeIfAbsent(count, k -> new ArrayList<>()).add(t / plain);
                }
            }
            if (round >= 0) {
                times.computeIfAbsent(0, k -> new ArrayList<>()).add(plain);
            }
        }
        System.out.printf("%nprepare (median of %d rounds)        time     vs plain (median of paired ratios)%n", rounds);
        System.out.printf("  no dependencies               %6.0f ms%n", medianOf(times.get(0)) * 1000);
        for (int count : DEPENDENCY_COUNTS) {
            double ratio = medianOf(ratios.get(count));
            System.out.printf("  %2d dependencies merged in     %6.0f ms    %.2fx%s%n", count,
                    medianOf(times.get(count)) * 1000, ratio,
                    count == 4 ? "   (target <= 1.50x: " + (ratio <= 1.5 ? "met" : "MISSED") + ")" : "");
        }
        if (!keep) {
            deleteTree(dir);
        }
    }

    /** Sixteen finished dependency branches, each rewriting its own files. */
    private List<Dependency> makeDependencies(SyntheticRepository synthetic, WorktreeManager manager, Path cacheDir,
            String base) throws Exception {
        List<Dependency> made = new ArrayList<>();
        int last = DEPENDENCY_COUNTS[DEPENDENCY_COUNTS.length - 1];
        for (int d = 0; d < last; d++) {
            Worktree wt = manager.prepare(WorktreeRequest.of(cacheDir, dir.resolve("workspace"), "bench", "dep" + d, base));
            for (int f = 0; f < changed; f++) {
                synthetic.write(wt.path().resolve(SyntheticRepository.path((d * changed + f) * 37 % files)));
            }
            String head = git.commitAll(wt.path(), "dependency " + d, CommitIdentity.DEFAULT).orElseThrow();
            made.add(new Dependency("dep" + d, "bench/dep" + d, head, false));
            manager.cleanup(cacheDir, wt.path(), "bench/dep" + d, null, false, true);
        }
        return made;
    }

    /** One timed prepare; the worktree and its branch are removed afterwards so every round starts alike. */
    private double prepareAndRemove(WorktreeManager manager, Path cacheDir, String base, String id,
            List<Dependency> dependencies) {
        git.runner().run(ProcessSpec.of("sync"));
        Worktree[] made = new Worktree[1];
        double time = timed(() -> made[0] = manager.prepare(WorktreeRequest.of(cacheDir, dir.resolve("workspace"), "bench",
                id, base).withDependencies(dependencies, CommitIdentity.DEFAULT)));
        git.worktreeRemove(cacheDir, made[0].path(), true);
        git.deleteBranch(cacheDir, "bench/" + id);
        return time;
    }
}
