package io.dispatchplan.integrate;

import io.dispatchplan.collect.CollectRequest;
import io.dispatchplan.collect.CollectedWorkstream;
import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.collect.TaskFileExclusion;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worktree.WorktreeManager;
import io.dispatchplan.worktree.WorktreeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long collecting and integrating take for a plan of N workstreams (default 20): a program that prints figures,
 * not a test. Each workstream gets a worktree, one commit of its own, uncommitted and untracked work and a
 * RESULTS.md; it is collected (WIP commit, counts, bundle), then all branches are integrated twice (the second
 * run re-creates the integration branch). Run with
 * {@code mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dispatchplan.integrate.IntegrationBenchmark [-Dexec.args=40]}.
 */
public final class IntegrationBenchmark {

    private IntegrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path tmp = Files.createTempDirectory("integration-bench");
        GitCli git = TestGit.cli();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            files.add("src/file" + i + ".txt");
            files.add("line " + i + "\n" + "x\n".repeat(50));
        }
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("repo"), TempRepo.files(files.toArray(String[]::new)));
        String base = repo.head();
        WorktreeManager worktrees = new WorktreeManager(git);
        ResultCollector collector = new ResultCollector(git);
        List<Long> collectMs = new ArrayList<>();
        List<BranchToMerge> branches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "ws" + i;
            Path wt = worktrees.prepare(WorktreeRequest.of(repo.dir(), tmp.resolve("wt"), "bench", id, base)).path();
            TaskFileExclusion.apply(git, wt);
            Files.writeString(wt.resolve("TASKS.md"), "tasks\n");
            Files.writeString(wt.resolve("src/file" + i + ".txt"), "changed by " + id + "\n");
            git.commitAll(wt, "work of " + id, CommitIdentity.DEFAULT);
            Files.writeString(wt.resolve("src/new-" + id + ".txt"), "untracked\n");
            Files.writeString(wt.resolve("RESULTS.md"), "# Results of " + id + "\n");
            long start = System.nanoTime();
            CollectedWorkstream c = collector.collect(new CollectRequest(id, wt, "bench/" + id, base,
                    tmp.resolve("out/workstreams/" + id), CommitIdentity.DEFAULT, tmp.resolve("out/" + id + ".bundle")));
            collectMs.add((System.nanoTime() - start) / 1_000_000);
            if (c.commits() != 2 || c.bundle() == null) {
                throw new IllegalStateException(id + ": expected 2 commits and a bundle, got " + c);
            }
            branches.add(new BranchToMerge(id, "bench/" + id, false));
        }
        Integrator integrator = new Integrator(git, new ProcessRunner());
        IntegrationRequest request = new IntegrationRequest(repo.dir(), "bench", base, null, branches,
                ConflictPolicy.SKIP, null, null, tmp.resolve("integration"), CommitIdentity.DEFAULT);
        for (String run : List.of("first", "again")) {
            long start = System.nanoTime();
            IntegrationResult result = integrator.integrate(request);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (!result.clean()) {
                throw new IllegalStateException("integration not clean: " + result.merges());
            }
            System.out.println(String.format(Locale.ROOT, "integration (%s) of %d branches: %d ms, %.0f ms a branch",
                    run, n, ms, ms / (double) n));
        }
        System.out.println("collect (WIP commit, counts, copies, verified bundle), ms: " + summary(collectMs));
    }

    private static String summary(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "min %d, median %d, max %d", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }
}
