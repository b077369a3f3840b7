package io.dispatchplan.bench;

import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.graph.Scheduler;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Prints how long reading + validating + scheduling a generated plan of 2,000 workstreams takes, as Markdown and as
 * YAML. Target: under 1 s.
 *
 * <p>A plan is read once per JVM by the command line, so the figure that matters is the first run in a fresh JVM.
 * One such run is noise on a shared machine: each first run is measured in {@value #FRESH_JVMS} fresh JVMs, with the
 * JVM's default flags and with the flags {@code ./dispatch-plan} uses, and the median and range are printed, with the
 * main thread's CPU time beside the wall time. The baseline, measured in the same run the same way, is commonmark's
 * own parse of the same Markdown: what no reader built on it can beat. Then the warm runs, in this JVM. Run with
 * {@code mvn -q -pl core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dispatchplan.bench.PlanReadingBenchmark [-Dexec.args=2000]}.
 */
public final class PlanReadingBenchmark {
    private static final int FRESH_JVMS = 5;
    /** The JVM options {@code ./dispatch-plan} runs with unless DISPATCH_PLAN_JAVA_OPTS says otherwise. */
    static final List<String> LAUNCHER_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String FIRST_RUN = "--first-run";

    private PlanReadingBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals(FIRST_RUN)) {
            printFirstRun(args[1], Integer.parseInt(args[2]));
            return;
        }
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String markdown = markdownPlan(size, 42);
        String yaml = yamlPlan(size, 42);
        System.out.printf(Locale.ROOT, "plan of %d workstreams: markdown %d KiB, yaml %d KiB; first runs in %d fresh"
                + " JVMs each: median [min-max] wall ms, main-thread CPU ms (target < 1000 ms wall)%n", size,
                markdown.length() / 1024, yaml.length() / 1024, FRESH_JVMS);
        for (List<String> flags : List.of(List.<String>of(), LAUNCHER_FLAGS)) {
            String jvm = flags.isEmpty() ? "default JVM flags" : "launcher's flags " + String.join(" ", flags);
            // Rounds alternate between the three, so a host that slows down for a minute weighs on each alike.
            Map<String, FirstRuns> runs = new LinkedHashMap<>();
            for (int round = 0; round < FRESH_JVMS; round++) {
                for (String what : List.of("commonmark", "markdown", "yaml")) {
                    runs.computeIfAbsent(what, w -> new FirstRuns(new ArrayList<>(), new ArrayList<>()))
                            .add(firstRunInFreshJvm(flags, what, size));
                }
            }
            FirstRuns parse = runs.get("commonmark");
            FirstRuns read = runs.get("markdown");
            System.out.printf(Locale.ROOT, "%-60s markdown %s, %.1fx commonmark's own parse (%s)%n", jvm, read,
                    read.medianWall() / parse.medianWall(), parse);
            System.out.printf(Locale.ROOT, "%-60s yaml     %s%n", jvm, runs.get("yaml"));
        }
        warm("markdown", markdown, "bench.md");
        warm("yaml", yaml, "bench.yaml");
    }

    /** Wall and CPU milliseconds of each fresh JVM's first run. */
    record FirstRuns(List<Double> wall, List<Double> cpu) {
        void add(double[] wallAndCpu) {
            wall.add(wallAndCpu[0]);
            cpu.add(wallAndCpu[1]);
        }

        double medianWall() {
            return median(wall);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f [%.0f-%.0f] ms, CPU %.0f ms", median(wall), Collections.min(wall),
                    Collections.max(wall), median(cpu));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    /** Runs one first run in a fresh JVM with {@code flags}; its wall and main-thread CPU milliseconds. */
    private static double[] firstRunInFreshJvm(List<String> flags, String what, int size) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath(), PlanReadingBenchmark.class.getName(), FIRST_RUN, what,
                Integer.toString(size)));
        Path output = Files.createTempFile("first-run", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("the first run of " + what + " took more than 2 minutes; stopped");
            }
            String printed = Files.readString(output).strip();
            if (process.exitValue() != 0 || !printed.matches("[0-9.]+ [0-9.]+")) {
                throw new IllegalStateException("the first run of " + what + " failed: " + printed);
            }
            String[] figures = printed.split(" ");
            return new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1])};
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * The classpath this class came from: under {@code mvn exec:java} the JVM's own java.class.path is Maven's
     * launcher, and the benchmark's classes come from the plugin's URL class loader.
     */
    private static String classpath() throws Exception {
        if (PlanReadingBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** In a fresh JVM: prints the wall and main-thread CPU milliseconds of one first run. */
    private static void printFirstRun(String what, int size) throws Exception {
        String text = what.equals("yaml") ? yamlPlan(size, 42) : markdownPlan(size, 42);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        if (what.equals("commonmark")) {
            Parser.builder().extensions(List.of(TablesExtension.create(), TaskListItemsExtension.create()))
                    .includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(text);
        } else {
            timeOnce(text, what.equals("yaml") ? "bench.yaml" : "bench.md");
        }
        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.printf(Locale.ROOT, "%.1f %.1f%n", wall / 1e6, cpu / 1e6);
    }

    private static void warm(String label, String text, String source) throws Exception {
        timeOnce(text, source);
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            warm.add(timeOnce(text, source));
        }
        Collections.sort(warm);
        System.out.printf(Locale.ROOT, "%-8s warm, in this JVM: median %d ms, max %d ms%n", label,
                warm.get(warm.size() / 2) / 1_000_000, warm.get(warm.size() - 1) / 1_000_000);
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
