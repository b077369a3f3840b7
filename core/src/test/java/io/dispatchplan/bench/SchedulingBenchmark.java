package io.dispatchplan.bench;

import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.RandomDags;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.run.ParallelDispatch;
import io.dispatchplan.testsupport.Plans;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Makespan of the real dispatch loop ({@link ParallelDispatch} + {@link Scheduler}) with sleeping workers, against
 * the lower bound no schedule can beat (the critical path, and with N slots also total work / N; target 1.0x
 * with unlimited slots), and with maxParallel 2 and 4 against running the plan phase by phase (each wave waits
 * for the one before, longest job first within a wave). Each case is run once untimed to warm up. Durations are random units of
 * {@value #UNIT_MILLIS} ms. Run with {@code mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dispatchplan.bench.SchedulingBenchmark}.
 */
public final class SchedulingBenchmark {
    static final int UNIT_MILLIS = 20;

    private SchedulingBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println("graph                       nodes  slots  makespan  lower-bound  ratio   waves   vs-waves");
        for (String seed : List.of("seed-000-spec-list.md", "seed-001-streams.md", "seed-003-tracks.md", "seed-004-strategies.md")) {
            Plan plan = Plans.seed(seed, PlanOptions.defaults());
            measure(seed.replace(".md", ""), withRandomWeights(DependencyGraph.of(plan), seed.hashCode()));
        }
        for (long seed = 1; seed <= 3; seed++) {
            measure("random-200 #" + seed, RandomDags.generate(seed, 200, 0.08, true));
        }
    }

    private static DependencyGraph withRandomWeights(DependencyGraph graph, long seed) {
        Random random = new Random(seed);
        Map<String, List<String>> deps = new HashMap<>();
        Map<String, Double> weights = new HashMap<>();
        for (String id : graph.ids()) {
            deps.put(id, graph.dependsOn(id));
            weights.put(id, 1.0 + random.nextInt(10));
        }
        return DependencyGraph.of(graph.ids(), deps, weights);
    }

    private static void measure(String name, DependencyGraph graph) throws InterruptedException {
        double totalWork = graph.ids().stream().mapToDouble(graph::weight).sum();
        for (int slots : new int[] {0, 2, 4}) {
            double lowerBound = Math.max(graph.criticalPathLength(), slots == 0 ? 0 : totalWork / slots) * UNIT_MILLIS;
            makespan(graph, slots); // warm-up
            long makespan = makespan(graph, slots);
            double waves = wavesMakespan(graph, slots) * UNIT_MILLIS;
            System.out.printf(Locale.ROOT, "%-26s %6d %6s %8d ms %9.0f ms  %5.2fx %7.0f ms  %5.2fx%n", name,
                    graph.ids().size(), slots == 0 ? "all" : String.valueOf(slots), makespan, lowerBound,
                    makespan / lowerBound, waves, makespan / waves);
        }
    }

    /** Wall-clock time of the real dispatch loop with workers that sleep their duration. */
    static long makespan(DependencyGraph graph, int slots) throws InterruptedException {
        Scheduler scheduler = new Scheduler(graph, slots, false);
        long start = System.nanoTime();
        new ParallelDispatch<Outcome>(scheduler, o -> o, o -> null).run(id -> {
            try {
                Thread.sleep((long) (graph.weight(id) * UNIT_MILLIS));
                return Outcome.SUCCEEDED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.FAILED;
            }
        }, (id, e) -> Outcome.FAILED, (o, why) -> o, false, null, new ParallelDispatch.Listener<>() {});
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Phase by phase: each wave starts when the previous one is over; within a wave, longest job first. */
    static double wavesMakespan(DependencyGraph graph, int slots) {
        double total = 0;
        for (List<String> wave : graph.waves()) {
            List<Double> jobs = new ArrayList<>(wave.stream().map(graph::weight).toList());
            jobs.sort(Collections.reverseOrder());
            int machines = slots <= 0 ? jobs.size() : Math.min(slots, jobs.size());
            double[] load = new double[machines];
            for (double job : jobs) {
                int least = 0;
                for (int m = 1; m < machines; m++) {
                    if (load[m] < load[least]) {
                        least = m;
                    }
                }
                load[least] += job;
            }
            double longest = 0;
            for (double l : load) {
                longest = Math.max(longest, l);
            }
            total += longest;
        }
        return total;
    }
}
