package io.dispatchplan.report;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.util.HashMap;
import java.util.Map;

/** The dependency graph as Mermaid or Graphviz DOT source, for a picture in docs, a PR or the run page. */
public final class PlanGraphPicture {
    private PlanGraphPicture() {}

    /** Mermaid {@code flowchart}; an arrow points from a dependency to what waits for it. */
    public static String mermaid(Plan plan) {
        Map<String, String> node = nodeNames(plan);
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Workstream w : plan.workstreams()) {
            out.append("  ").append(node.get(w.id())).append("[\"").append(mermaidText(w.id()));
            if (!w.title().equals(w.id())) {
                out.append("<br/>").append(mermaidText(w.title()));
            }
            out.append("\"]\n");
        }
        for (Workstream w : plan.workstreams()) {
            for (String dependency : w.dependsOn()) {
                out.append("  ").append(node.get(dependency)).append(" --> ").append(node.get(w.id())).append('\n');
            }
        }
        return out.toString();
    }

    /** Graphviz DOT; an arrow points from a dependency to what waits for it. */
    public static String dot(Plan plan) {
        StringBuilder out = new StringBuilder("digraph plan {\n  rankdir=LR;\n  node [shape=box];\n");
        for (Workstream w : plan.workstreams()) {
            String label = w.title().equals(w.id()) ? w.id() : w.id() + "\\n" + dotText(w.title());
            out.append("  \"").append(dotText(w.id())).append("\" [label=\"").append(label).append("\"];\n");
        }
        for (Workstream w : plan.workstreams()) {
            for (String dependency : w.dependsOn()) {
                out.append("  \"").append(dotText(dependency)).append("\" -> \"").append(dotText(w.id())).append("\";\n");
            }
        }
        return out.append("}\n").toString();
    }

    /** Mermaid node ids must be simple words; workstream ids may hold '.' and '-'. */
    private static Map<String, String> nodeNames(Plan plan) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < plan.workstreams().size(); i++) {
            names.put(plan.workstreams().get(i).id(), "w" + i);
        }
        return names;
    }

    private static String mermaidText(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("#quot;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '#' -> out.append("#35;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String dotText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ').replace('\r', ' ');
    }
}
