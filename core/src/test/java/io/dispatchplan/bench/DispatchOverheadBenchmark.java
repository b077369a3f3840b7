package io.dispatchplan.bench;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.run.LocalDispatcher;
import io.dispatchplan.run.RunListener;
import io.dispatchplan.run.RunOptions;
import io.dispatchplan.run.RunResult;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-workstream overhead of a whole local run (worktree, TASKS.md, worker start, collect, merge, cleanup)
 * with a worker that does nothing but write RESULTS.md, for 64 independent workstreams: once one at a time
 * (the overhead of each) and once all at once. Run with {@code mvn -q -pl core test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.dispatchplan.bench.DispatchOverheadBenchmark}.
 */
public final class DispatchOverheadBenchmark {
    private DispatchOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        StringBuilder yaml = new StringBuilder("feature: overhead\nworkstreams:\n");
        for (int i = 1; i <= count; i++) {
            yaml.append("  - id: w").append(i).append('\n');
        }
        Plan plan = PlanReader.parse(yaml.toString(), "overhead.yaml", PlanOptions.defaults());
        for (int slots : new int[] {1, 0}) {
            Path dir = Files.createTempDirectory("dispatch-overhead");
            TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "x\n"));
            RunOptions options = RunOptions.builder(repo.dir(), dir.resolve("out"), CommandWorker.shell("echo done > RESULTS.md"))
                    .retry(RetryPolicy.none()).maxParallel(slots).build();
            long start = System.nanoTime();
            RunResult result = new LocalDispatcher().run(plan, options, RunListener.NONE);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (result.report().workstreams().stream().anyMatch(w -> !w.status().equals("UNSTABLE") && !w.status().equals("SUCCEEDED"))) {
                throw new IllegalStateException("a no-op workstream failed: " + result.report().workstreams());
            }
            System.out.printf(Locale.ROOT, "%d no-op workstreams, %s: %d ms in all, %.0f ms per workstream%n", count,
                    slots == 1 ? "one at a time" : "all at once", millis, (double) millis / count);
        }
    }
}
