package io.dispatchplan.bench;

import static io.dispatchplan.bench.SyntheticRepository.deleteTree;
import static io.dispatchplan.bench.SyntheticRepository.timed;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.integrate.BranchToMerge;
import io.dispatchplan.integrate.ConflictPolicy;
import io.dispatchplan.integrate.IntegrationRequest;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.Integrator;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many verify runs the integration needs to find one branch that breaks verify among N merged ones, against
 * log2(N) + 2, for the culprit first, in the middle and last in merge order; and the same with verifyEach. Each
 * branch adds a file of its own; the culprit's makes verify ({@code test ! -e culprit.txt}) fail. Not a test: a
 * program that prints figures.
 *
 * <pre>
 * mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.dispatchplan.bench.CulpritSearchBenchmark   # -Dexec.args="--max 64 --keep"
 * </pre>
 */
public final class CulpritSearchBenchmark {

    private final GitCli git = TestGit.cli();
    private int max = 32;
    private Path dir;
    private boolean keep;

    public static void main(String[] args) throws Exception {
        CulpritSearchBenchmark bench = new CulpritSearchBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--max" -> bench.max = Integer.parseInt(args[++i]);
                case "--dir" -> bench.dir = Path.of(args[++i]);
                case "--keep" -> bench.keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        if (bench.dir == null) {
            bench.dir = Files.createTempDirectory("culprit-bench");
        }
        bench.run();
    }

    private void run() throws Exception {
        System.out.printf("git %s, %d cores, work dir %s%n%n", git.version(), Runtime.getRuntime().availableProcessors(),
                dir);
        System.out.println("   N  culprit   log2(N)+2  verify runs  time    verifyEach runs  time");
        for (int n = 2; n <= max; n *= 2) {
            for (int at : new java.util.TreeSet<>(List.of(0, n / 2, n - 1))) {
                Path root = dir.resolve("n" + n + "-at" + at);
                int once = 0;
                int each = 0;
                double[] times = new double[2];
                for (boolean verifyEach : new boolean[] {false, true}) {
                    IntegrationResult[] result = new IntegrationResult[1];
                    TempRepo repo = TempRepo.initWithFiles(root.resolve(verifyEach ? "each" : "once"),
                            TempRepo.files("README.md", "bench\n"));
                    String base = repo.head();
                    List<BranchToMerge> branches = new ArrayList<>();
                    for (int b = 0; b < n; b++) {
                        String file = b == at ? "culprit.txt" : "f" + b + ".txt";
                        repo.branch("bench/w" + b, base).checkout("bench/w" + b);
                        repo.commitFile(file, "w" + b + "\n", "work of w" + b);
                        repo.checkout("main");
                        branches.add(new BranchToMerge("w" + b, "bench/w" + b, false));
                    }
                    IntegrationRequest request = new IntegrationRequest(repo.dir(), "bench", base, null, branches,
                            ConflictPolicy.SKIP, List.of("sh", "-c", "test ! -e culprit.txt"), null,
                            root.resolve(verifyEach ? "each-wt" : "once-wt"), null).withVerifyEach(verifyEach);
                    times[verifyEach ? 1 : 0] = timed(() -> result[0] = new Integrator(git, new ProcessRunner())
                            .integrate(request));
                    if (result[0].withStatus(MergeStatus.BREAKS_VERIFY).size() != 1 || !result[0].verify().passed()) {
                        throw new IllegalStateException("the culprit was not found: " + result[0]);
                    }
                    if (verifyEach) {
                        each = result[0].verifyRuns().size();
                    } else {
                        once = result[0].verifyRuns().size();
                    }
                }
                String where = at == 0 ? "first" : at == n - 1 ? "last" : "middle";
                System.out.printf("%4d  %-8s  %9d  %11d  %5.1f s  %15d  %5.1f s%n", n, where,
                        (int) Math.ceil(Math.log(n) / Math.log(2)) + 2, once, times[0], each, times[1]);
                if (!keep) {
                    deleteTree(root);
                }
            }
        }
        if (!keep) {
            deleteTree(dir);
        }
    }
}
