package io.dispatchplan.report;

import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.util.ArrayList;
import java.util.List;

/** The plan as a readable table, followed by its waves, critical path, preconditions and warnings. */
public final class PlanText {
    private PlanText() {}

    public static String write(Plan plan) {
        DependencyGraph graph = DependencyGraph.of(plan);
        StringBuilder out = new StringBuilder();
        out.append("Plan: ").append(plan.title()).append('\n');
        out.append("Feature: ").append(plan.feature()).append("   Workstreams: ").append(plan.workstreams().size())
                .append('\n');
        if (plan.normalized() != null) {
            out.append("Normalized by a model from ").append(plan.normalized().from())
                    .append(plan.normalized().commit() == null ? " (not committed)"
                            : " at commit " + plan.normalized().commit())
                    .append(": review it before you run it.\n");
        }
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "DEPENDS ON", "BRANCH", "TASKS"});
        for (Workstream w : plan.workstreams()) {
            rows.add(new String[] {w.id(), shorten(w.title(), 40),
                    w.dependsOn().isEmpty() ? "-" : String.join(", ", w.dependsOn()), w.branch(),
                    String.valueOf(w.tasks().size())});
        }
        out.append(Table.render(rows)).append('\n');
        out.append("Waves (phase-by-phase schedule):\n");
        List<List<String>> waves = graph.waves();
        for (int i = 0; i < waves.size(); i++) {
            out.append("  ").append(i + 1).append(". ").append(String.join(", ", waves.get(i))).append('\n');
        }
        out.append("Critical path (").append(format(graph.criticalPathLength())).append("): ")
                .append(String.join(" -> ", graph.criticalPath())).append('\n');
        if (plan.workstreams().stream().anyMatch(w -> !w.preconditions().isEmpty())) {
            out.append("\nPreconditions (not checked by dispatch-plan):\n");
            for (Workstream w : plan.workstreams()) {
                for (String precondition : w.preconditions()) {
                    out.append("  ").append(w.id()).append(": ").append(precondition).append('\n');
                }
            }
        }
        if (!plan.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            for (String warning : plan.warnings()) {
                out.append("  - ").append(warning).append('\n');
            }
        }
        return out.toString();
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
