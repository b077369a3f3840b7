package io.dispatchplan.tasks;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.worktree.DeliveredDependency;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Writes a workstream's TASKS.md and the shared COORDINATION.md from a plan and templates. */
public final class TaskFiles {
    public static final String TASKS = "TASKS.md";
    public static final String COORDINATION = "COORDINATION.md";
    public static final String RESULTS = "RESULTS.md";
    /** How much of a dependency's RESULTS.md goes into its dependents' TASKS.md. */
    static final int SUMMARY_LINES = 40;

    private final Plan plan;
    private final DependencyGraph graph;
    private final TaskTemplates templates;

    public TaskFiles(Plan plan, TaskTemplates templates) {
        this.plan = plan;
        this.graph = DependencyGraph.of(plan);
        this.templates = templates;
    }

    /**
     * The text of TASKS.md for one workstream.
     *
     * @param dependencyResults a dependency's RESULTS.md text when it ran before (empty if it has none)
     * @param coordinationFile where the shared COORDINATION.md is, as the worker should see it
     * @param delivered the dependencies the worktree's branch holds, as preparing it merged them in
     */
    public String tasks(String id, Function<String, Optional<String>> dependencyResults, String coordinationFile,
            List<DeliveredDependency> delivered) {
        Workstream w = plan.workstream(id).orElseThrow(() -> new IllegalArgumentException("no workstream " + id));
        Map<String, String> values = new HashMap<>();
        values.put("id", w.id());
        values.put("title", w.title());
        values.put("feature", plan.feature());
        values.put("branch", w.branch());
        values.put("focus", w.focus().isBlank() ? "Deliver the checklist below for \"" + w.title() + "\"." : w.focus());
        values.put("files", bullets(w.files().stream().map(f -> "`" + f + "`").toList(),
                "None listed: find the right place in the code base."));
        values.put("tasks", checklist(w));
        values.put("dependencies", dependencies(w, dependencyResults, delivered));
        List<String> dependents = graph.dependents(id);
        values.put("dependents", dependents.isEmpty() ? "Nothing in this plan waits for your branch."
                : bullets(dependents.stream().map(this::describe).toList(), ""));
        values.put("deliverables", bullets(w.deliverables(), ""));
        values.put("results_file", RESULTS);
        values.put("coordination_file", coordinationFile);
        return TaskTemplates.render(templates.tasks(), values).replaceAll("\n{3,}", "\n\n");
    }

    public String coordination() {
        StringBuilder table = new StringBuilder("| workstream | title | branch | depends on |\n|---|---|---|---|\n");
        for (Workstream w : plan.workstreams()) {
            table.append("| ").append(w.id()).append(" | ").append(cell(w.title())).append(" | `").append(w.branch())
                    .append("` | ").append(w.dependsOn().isEmpty() ? "-" : String.join(", ", w.dependsOn())).append(" |\n");
        }
        return TaskTemplates.render(templates.coordination(), Map.of("feature", plan.feature(), "workstreams", table.toString()));
    }

    /** Writes TASKS.md into the worktree, replacing an older one (or a symbolic link: it is never written through). */
    public Path writeTasks(Path worktree, String id, Function<String, Optional<String>> dependencyResults,
            Path coordinationFile, List<DeliveredDependency> delivered) {
        return SafeFiles.writeRegularFile(worktree, Path.of(TASKS),
                tasks(id, dependencyResults, coordinationFile.toString(), delivered));
    }

    /**
     * Writes COORDINATION.md unless it exists: workers append to it during a run and on re-runs. A symbolic link there
     * is replaced; a link among the directories between {@code root} and the file is refused.
     *
     * @param root the directory the file is in or below (the worktree root), which no link may lead out of
     */
    public Path writeCoordination(Path root, Path file) {
        SafeFiles.createRegularFile(root, file, coordination());
        return file;
    }

    /** {@link #writeCoordination(Path, Path)} with the file's own directory as the root. */
    public Path writeCoordination(Path file) {
        return writeCoordination(file.toAbsolutePath().getParent(), file.toAbsolutePath());
    }

    private String checklist(Workstream w) {
        if (w.tasks().isEmpty()) {
            return "- [ ] " + (w.focus().isBlank() ? w.title() : w.focus());
        }
        StringBuilder out = new StringBuilder();
        for (String task : w.tasks()) {
            out.append("- [ ] ").append(oneLine(task)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private String dependencies(Workstream w, Function<String, Optional<String>> dependencyResults,
            List<DeliveredDependency> delivered) {
        if (w.dependsOn().isEmpty()) {
            return w.preconditions().isEmpty() ? "None: you can start right away."
                    : "No workstream of this plan comes before you.\n\n" + preconditions(w);
        }
        StringBuilder out = new StringBuilder("These workstreams finished before you started, and their code is already"
                + " in your worktree: your branch started from the base with each one's branch merged in. Build on"
                + " their code; do not redo or rewrite it.\n");
        for (String dependency : w.dependsOn()) {
            out.append("\n### ").append(describe(dependency)).append("\n\n");
            Optional<DeliveredDependency> d = delivered.stream().filter(x -> x.id().equals(dependency)).findFirst();
            out.append(d.map(TaskFiles::provenance).orElse("Its branch is not merged into yours: it delivered no"
                    + " commits.")).append("\n\n");
            if (d.isPresent() && d.get().unstable()) {
                out.append("**Unstable:** it finished without a RESULTS.md, so its work may be incomplete. Check what"
                        + " its code really does before you rely on it.\n\n");
            }
            Optional<String> results = dependencyResults.apply(dependency);
            out.append(results.map(TaskFiles::summary)
                    .orElse("(It left no RESULTS.md; see its tasks in the plan.)")).append('\n');
        }
        if (!w.preconditions().isEmpty()) {
            out.append('\n').append(preconditions(w));
        }
        return out.toString().stripTrailing();
    }

    /** What the plan says must hold first that is not a workstream: no run checked it. */
    private static String preconditions(Workstream w) {
        return "**Preconditions** (the plan names them; nothing checked them, so make sure they hold before you build on"
                + " them):\n\n" + bullets(w.preconditions(), "");
    }

    /** Which commit of the dependency the worktree holds, and how it got there. */
    private static String provenance(DeliveredDependency d) {
        String at = "Its branch `" + d.branch() + "` at commit `" + abbreviate(d.head()) + "`";
        return d.mergeCommit() != null ? at + " is merged into your branch (merge commit `"
                + abbreviate(d.mergeCommit()) + "`)." : at + " is in your branch already.";
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    private String describe(String id) {
        Workstream w = plan.workstream(id).orElseThrow();
        return w.title().equals(w.id()) ? "`" + w.id() + "`" : "`" + w.id() + "`: " + oneLine(w.title());
    }

    /** The first lines of a RESULTS.md, quoted, so headings in it do not break the outline of TASKS.md. */
    static String summary(String results) {
        List<String> lines = results.strip().lines().toList();
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(0, Math.min(SUMMARY_LINES, lines.size()))) {
            out.append("> ").append(line).append('\n');
        }
        if (lines.size() > SUMMARY_LINES) {
            out.append("> ... (").append(lines.size() - SUMMARY_LINES).append(" more lines in its RESULTS.md)\n");
        }
        return out.toString().stripTrailing();
    }

    private static String bullets(List<String> items, String whenEmpty) {
        if (items.isEmpty()) {
            return whenEmpty;
        }
        StringBuilder out = new StringBuilder();
        items.forEach(item -> out.append("- ").append(oneLine(item)).append('\n'));
        return out.toString().stripTrailing();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }
}
