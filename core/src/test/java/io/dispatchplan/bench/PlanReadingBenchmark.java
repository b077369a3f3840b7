package io.dispatchplan.bench;

import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how long reading + validating + scheduling a generated plan of 2,000 workstreams takes, as
 * Markdown and as YAML. Target: under 1 s. Run with
 * {@code mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dispatchplan.bench.PlanReadingBenchmark [-Dexec.args=2000]}.
 */
public final class PlanReadingBenchmark {
    private PlanReadingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String markdown = markdownPlan(size, 42);
        String yaml = yamlPlan(size, 42);
        System.out.printf(Locale.ROOT, "plan of %d workstreams: markdown %d KiB, yaml %d KiB%n", size,
                markdown.length() / 1024, yaml.length() / 1024);
        report("markdown", markdown, "bench.md");
        report("yaml", yaml, "bench.yaml");
    }

    private static void report(String label, String text, String source) throws Exception {
        long cold = timeOnce(text, source);
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            warm.add(timeOnce(text, source));
        }
        Collections.sort(warm);
        System.out.printf(Locale.ROOT, "%-8s read+validate+schedule: first run %d ms, warm median %d ms, warm max %d ms"
                + " (target < 1000 ms)%n", label, cold / 1_000_000, warm.get(warm.size() / 2) / 1_000_000,
                warm.get(warm.size() - 1) / 1_000_000);
    }

    /** Reads, validates, derives waves and critical path, and runs the scheduler to the end. */
    private static long timeOnce(String text, String source) throws Exception {
        long start = System.nanoTime();
        Plan plan = PlanReader.parse(text, source, PlanOptions.defaults());
        DependencyGraph graph = DependencyGraph.of(plan);
        graph.waves();
        graph.criticalPath();
        Scheduler scheduler = new Scheduler(graph, 8, false);
        List<String> running = new ArrayList<>();
        while (!scheduler.isDone()) {
            running.addAll(scheduler.grant());
            scheduler.finished(running.remove(0), Outcome.SUCCEEDED, null);
        }
        long elapsed = System.nanoTime() - start;
        if (plan.workstreams().size() < 2) {
            throw new IllegalStateException("generated plan did not read");
        }
        return elapsed;
    }

    /** {@code ### Workstream N: Title} sections, each depending on up to three earlier ones. */
    static String markdownPlan(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("# Generated plan\n\n");
        for (int i = 1; i <= size; i++) {
            out.append("### Workstream ").append(i).append(": Component ").append(i).append("\n\n");
            out.append("**Focus**: Build component ").append(i).append(" end to end\n");
            out.append("**Depends on**: ").append(dependencies(random, i, "Workstream ")).append("\n");
            out.append("**Estimate**: ").append(1 + random.nextInt(5)).append("d\n\n");
            out.append("#### Tasks\n- [ ] Design the interface\n- [ ] Implement `src/c").append(i)
                    .append(".py`\n- [ ] Write tests\n\n");
        }
        return out.toString();
    }

    static String yamlPlan(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("feature: generated\nworkstreams:\n");
        for (int i = 1; i <= size; i++) {
            String deps = dependencies(random, i, "w");
            out.append("  - id: w").append(i).append("\n    title: Component ").append(i)
                    .append("\n    dependsOn: [").append(deps.equals("None") ? "" : deps).append("]\n")
                    .append("    tasks: [Design, Implement, Test]\n");
        }
        return out.toString();
    }

    private static String dependencies(Random random, int i, String prefix) {
        List<String> deps = new ArrayList<>();
        int count = i == 1 ? 0 : random.nextInt(4);
        for (int d = 0; d < count; d++) {
            String dep = prefix + (Math.max(1, i - 1 - random.nextInt(Math.min(i - 1, 50))));
            if (!deps.contains(dep)) {
                deps.add(dep);
            }
        }
        return deps.isEmpty() ? "None" : String.join(", ", deps);
    }
}
