package io.dispatchplan.bench;

import static io.dispatchplan.bench.SyntheticRepository.deleteTree;
import static io.dispatchplan.bench.SyntheticRepository.medianOf;
import static io.dispatchplan.bench.SyntheticRepository.timed;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.integrate.EarlyConflictCheck;
import io.dispatchplan.integrate.IntegrationRequest;
import io.dispatchplan.integrate.PredictedConflict;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What the early conflict check costs when a workstream finishes: its branch merged in memory
 * ({@code git merge-tree --write-tree}) with each finished sibling, on a 10,000-file repository. Each round checks
 * the last of N sibling branches against the N - 1 others with a fresh {@link EarlyConflictCheck}, and prints the time
 * per sibling; every second sibling also changes a shared file, so half of the checks find a conflict. Not a test: a
 * program that prints figures.
 *
 * <pre>
 * mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.dispatchplan.bench.EarlyConflictCheckBenchmark -Dexec.args="--dir /tmp/conflict-bench"
 *     # --files 10000 --siblings 10 --rounds 12 --changed 20 --keep
 * </pre>
 */
public final class EarlyConflictCheckBenchmark {
    private static final double TARGET_MILLIS = 100;

    private final GitCli git = TestGit.cli();
    private final Random random = new Random(11);
    private int files = 10_000;
    private int siblings = 10;
    private int rounds = 12;
    /** Files each sibling rewrites: its own ones, plus the shared file for every second sibling. */
    private int changed = 20;
    private Path dir;
    private boolean keep;

    public static void main(String[] args) throws Exception {
        EarlyConflictCheckBenchmark bench = new EarlyConflictCheckBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> bench.files = Integer.parseInt(args[++i]);
                case "--siblings" -> bench.siblings = Integer.parseInt(args[++i]);
                case "--rounds" -> bench.rounds = Integer.parseInt(args[++i]);
                case "--changed" -> bench.changed = Integer.parseInt(args[++i]);
                case "--dir" -> bench.dir = Path.of(args[++i]);
                case "--keep" -> bench.keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        if (bench.siblings < 2) {
            throw new IllegalArgumentException("--siblings must be at least 2");
        }
        if (bench.dir == null) {
            bench.dir = Files.createTempDirectory("conflict-bench");
        }
        bench.run();
    }

    private void run() throws Exception {
        System.out.printf("git %s, %d cores, %d files, %d siblings, %d files changed by each, work dir %s%n",
                git.version(), Runtime.getRuntime().availableProcessors(), files, siblings, changed, dir);
        SyntheticRepository synthetic = new SyntheticRepository(git, random);
        Path repo = dir.resolve("repo");
        synthetic.generate(repo, files, 3);
        List<String> heads = makeSiblings(synthetic, repo);

        List<Double> perSibling = new ArrayList<>();
        List<Double> rawMergeTree = new ArrayList<>();
        int conflicts = 0;
        for (int round = -1; round < rounds; round++) { // round -1 warms up and is not counted
            EarlyConflictCheck check = new EarlyConflictCheck(git, repo, IntegrationRequest.DEFAULT_REPORT_FILES);
            for (int s = 0; s < siblings - 1; s++) {
                check.finished("s" + s, "bench/s" + s, heads.get(s), Set.of("s" + (siblings - 1)));
            }
            int last = siblings - 1;
            List<List<PredictedConflict>> found = new ArrayList<>();
            double t = timed(() -> found.add(check.finished("s" + last, "bench/s" + last, heads.get(last), Set.of())));
            String other = heads.get(round < 0 ? 0 : round % (siblings - 1));
            double raw = timed(() -> git.tryRun(repo, List.of("merge-tree", "--write-tree", "--name-only", other,
                    heads.get(last))));
            if (round >= 0) {
                perSibling.add(t / (siblings - 1));
                rawMergeTree.add(raw);
                conflicts = found.get(0).size();
            }
        }
        double median = medianOf(perSibling) * 1000;
        double worst = perSibling.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1000;
        System.out.printf("%ncheck of one finished branch against %d siblings (%d conflicting), %d rounds:%n",
                siblings - 1, conflicts, rounds);
        System.out.printf("  per sibling: median %.1f ms, worst round %.1f ms   (target < %.0f ms: %s)%n", median,
                worst, TARGET_MILLIS, median < TARGET_MILLIS ? "met" : "MISSED");
        System.out.printf("  one bare git merge-tree --write-tree: median %.1f ms%n", medianOf(rawMergeTree) * 1000);
        System.out.printf("  whole check when a workstream finishes: median %.0f ms%n", median * (siblings - 1));
        if (!keep) {
            deleteTree(dir);
        }
    }

    /** Sibling branches off main, each rewriting its own files; every second one also rewrites a shared file. */
    private List<String> makeSiblings(SyntheticRepository synthetic, Path repo) throws Exception {
        List<String> heads = new ArrayList<>();
        String shared = SyntheticRepository.path(files / 2);
        for (int s = 0; s < siblings; s++) {
            git.run(repo, "checkout", "-q", "-b", "bench/s" + s, "main");
            for (int f = 0; f < changed; f++) {
                synthetic.write(repo.resolve(SyntheticRepository.path((s * changed + f) * 37 % files)));
            }
            if (s % 2 == 1) {
                synthetic.write(repo.resolve(shared));
            }
            synthetic.commitAll(repo, "sibling " + s);
            heads.add(git.revParse(repo, "HEAD"));
            git.run(repo, "checkout", "-q", "main");
        }
        return heads;
    }
}
