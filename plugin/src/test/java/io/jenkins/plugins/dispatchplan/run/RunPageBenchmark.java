package io.jenkins.plugins.dispatchplan.run;

import io.dispatchplan.plan.Plan;
import io.jenkins.plugins.dispatchplan.config.RunDefaults;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how long the run page's content takes to work out (rows, links, the plan graph's SVG, the integration
 * section, and every text the page prints) for a plan of 200 workstreams against one of 10, in the same run: wall
 * time, and the thread's CPU time (which a loaded machine's preemptions do not inflate). What Jenkins adds around it
 * (the page layout, listing the build's artifacts once) is not measured. Run as in docs/benchmarks.md; {@code args}:
 * the sizes to compare (default 10 200).
 */
public final class RunPageBenchmark {
    private static final String[] STATUSES = {"SUCCEEDED", "SUCCEEDED", "FAILED", "SKIPPED", "UNSTABLE", "RUNNING", "WAITING"};
    private static final int WARM_UP_RUNS = 300;
    private static final int TIMED_RUNS = 60;

    private RunPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        measure(small);
        measure(large);
        System.out.println("(warm-up done; measured again:)");
        Result a = measure(small);
        Result b = measure(large);
        System.out.printf(Locale.ROOT, "%n%d workstreams take %.1fx the time of %d (%.1fx the workstreams), %.1fx its CPU"
                + " time; per workstream %.1f us vs %.1f us (CPU %.1f us vs %.1f us)%n", large, b.median / a.median, small,
                (double) large / small, b.cpuMedian / a.cpuMedian, b.median / large / 1_000, a.median / small / 1_000,
                b.cpuMedian / large / 1_000, a.cpuMedian / small / 1_000);
    }

    record Result(double first, double median, double max, double cpuMedian) {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    static Result measure(int size) throws Exception {
        DispatchPlanAction action = run(size);
        List<String> archived = archived(size);
        long first = render(action, archived);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            render(action, archived);
        }
        List<Long> warm = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < TIMED_RUNS; i++) {
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            warm.add(render(action, archived));
            cpu.add(THREADS.getCurrentThreadCpuTime() - cpuBefore);
        }
        Collections.sort(warm);
        Collections.sort(cpu);
        Result r = new Result(first, warm.get(warm.size() / 2), warm.get(warm.size() - 1), cpu.get(cpu.size() / 2));
        String svg = RunPageView.of(action, "job/bench/1/", archived, false).getGraphSvg();
        System.out.printf(Locale.ROOT, "%4d workstreams, %4d archived files, SVG %4d KiB: first %7.2f ms; median of %d"
                + " after %d warm-up: %7.3f ms (CPU %7.3f ms), max %7.3f ms%n", size, archived.size(), svg.length() / 1024,
                r.first / 1e6, TIMED_RUNS, WARM_UP_RUNS, r.median / 1e6, r.cpuMedian / 1e6, r.max / 1e6);
        return r;
    }

    /** One page: the view, and every value the page's Jelly prints from it. */
    private static long render(DispatchPlanAction action, List<String> archived) {
        long start = System.nanoTime();
        RunPageView view = RunPageView.of(action, "job/bench/1/", archived, false);
        long printed = view.getGraphSvg().length() + action.getStatusCounts().length();
        for (RunPageView.Row row : view.getRows()) {
            printed += length(row.getId()) + length(row.getTitle()) + length(row.getLook().getSymbol())
                    + length(row.getLook().getLabel()) + length(row.getReason()) + length(row.getAfter())
                    + length(row.getBranch()) + length(row.getCommits()) + length(row.getAgent()) + length(row.getDuration())
                    + length(row.getActivity()) + length(row.getActivityTime()) + length(row.getCost())
                    + length(row.getSessionId());
            for (RunPageView.Link link : row.getLinks()) {
                printed += link.getHref().length() + link.getLabel().length();
            }
        }
        printed += length(view.getIntegration().getSummary()) + length(view.getIntegration().getMerged());
        long took = System.nanoTime() - start;
        if (printed == 0) {
            throw new IllegalStateException("nothing printed");
        }
        return took;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** A plan of {@code size} workstreams, each after up to two earlier ones, in every status a page shows. */
    static DispatchPlanAction run(int size) throws Exception {
        Random random = new Random(42);
        StringBuilder yaml = new StringBuilder("feature: bench\nworkstreams:\n");
        for (int i = 0; i < size; i++) {
            yaml.append("  - {id: ws-").append(i).append(", title: \"Workstream ").append(i).append(" of the plan\"");
            List<String> after = new ArrayList<>();
            for (int d = 0; d < 2 && i > 0; d++) {
                String dependency = "ws-" + random.nextInt(i);
                if (!after.contains(dependency)) {
                    after.add(dependency);
                }
            }
            if (!after.isEmpty()) {
                yaml.append(", dependsOn: [").append(String.join(", ", after)).append(']');
            }
            yaml.append("}\n");
        }
        ReadPlanStep step = new ReadPlanStep();
        Plan plan = step.parse(yaml.toString(), "bench.yaml");
        DispatchPlanAction action = new DispatchPlanAction(plan, RunSettings.of(step, new RunDefaults()));
        for (int i = 0; i < size; i++) {
            WorkstreamRecord w = action.workstream("ws-" + i);
            String status = STATUSES[i % STATUSES.length];
            w.started(1_000L * i);
            w.ranOn("agent-" + i % 4);
            if (!status.equals("RUNNING") && !status.equals("WAITING")) {
                w.ended(status, status.equals("SUCCEEDED") ? null : "the command exited with code 1", 1_000L * i + 600_000);
                w.worker(0.5, "3f1c0f6e-0000-5000-8000-" + String.format(Locale.ROOT, "%012d", i));
                w.branchTip("0123456789abcdef0123456789abcdef01234567", 3);
                w.results("workstreams/ws-" + i + "/RESULTS.md", "# results");
                w.activity(12, "turn 12: Bash: npm test", 1_796_114_683_000L);
            }
        }
        return action;
    }

    static List<String> archived(int size) {
        List<String> files = new ArrayList<>(List.of(".dispatch-plan/plan.json", ".dispatch-plan/plan.mmd", "integration/INTEGRATION.md"));
        for (int i = 0; i < size; i++) {
            for (String file : new String[] {"RESULTS.md", "TASKS.md", "worker-result.json", "worker.events.jsonl",
                    "worker.stdout.log", "worker.stderr.log"}) {
                files.add("workstreams/ws-" + i + "/" + file);
            }
        }
        return files;
    }
}
