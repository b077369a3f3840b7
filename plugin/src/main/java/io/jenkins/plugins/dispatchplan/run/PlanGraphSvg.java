package io.jenkins.plugins.dispatchplan.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan graph as an SVG drawn on the server: one column per wave (a workstream depends only on earlier
 * columns), a box per workstream in its status colour, and an arrow from each dependency to its dependent. Within
 * a column the boxes are ordered by where their dependencies sit, so arrows cross less. Every text from the plan is
 * escaped; the page includes the result as it is.
 */
public final class PlanGraphSvg {
    static final int NODE_WIDTH = 190;
    static final int NODE_HEIGHT = 44;
    static final int COLUMN_GAP = 56;
    static final int ROW_GAP = 14;
    static final int PADDING = 8;
    private static final int SHOWN_ID_LENGTH = 24;

    /** One box: the workstream, what it depends on, and how its status looks. */
    public record Node(String id, String title, List<String> dependsOn, StatusLook look) {
    }

    private PlanGraphSvg() {
    }

    /** Where each box goes: its column and row. */
    record Place(int column, int row) {
    }

    /** Columns from the waves; rows ordered by the mean row of each box's dependencies, then plan order. */
    static Map<String, Place> layout(List<List<String>> waves, Map<String, Node> nodes) {
        Map<String, Place> places = new HashMap<>();
        for (int column = 0; column < waves.size(); column++) {
            List<String> ids = new ArrayList<>(waves.get(column));
            if (column > 0) {
                Map<String, Double> weight = new HashMap<>();
                for (String id : ids) {
                    weight.put(id, meanRowOfDependencies(nodes.get(id), places));
                }
                ids.sort(Comparator.comparingDouble(weight::get));
            }
            for (int row = 0; row < ids.size(); row++) {
                places.put(ids.get(row), new Place(column, row));
            }
        }
        return places;
    }

    private static double meanRowOfDependencies(Node node, Map<String, Place> places) {
        double sum = 0;
        int count = 0;
        for (String dependency : node == null ? List.<String>of() : node.dependsOn()) {
            Place place = places.get(dependency);
            if (place != null) {
                sum += place.row();
                count++;
            }
        }
        return count == 0 ? Double.MAX_VALUE : sum / count;
    }

    /** The SVG element for the plan: {@code waves} as the graph's columns, {@code nodes} in plan order. */
    public static String render(List<List<String>> waves, List<Node> nodes) {
        Map<String, Node> byId = new HashMap<>();
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        Map<String, Place> places = layout(waves, byId);
        int rows = 0;
        for (List<String> wave : waves) {
            rows = Math.max(rows, wave.size());
        }
        int columns = waves.size();
        int width = 2 * PADDING + Math.max(0, columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP);
        int height = 2 * PADDING + Math.max(0, rows * NODE_HEIGHT + (rows - 1) * ROW_GAP);
        int edges = 0;
        StringBuilder edgePaths = new StringBuilder();
        for (Node n : nodes) {
            Place to = places.get(n.id());
            for (String dependency : n.dependsOn()) {
                Place from = places.get(dependency);
                if (to != null && from != null) {
                    edge(edgePaths, dependency, from, n.id(), to);
                    edges++;
                }
            }
        }
        StringBuilder svg = new StringBuilder(512 + nodes.size() * 700 + edgePaths.length());
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dispatch-plan-graph\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Plan graph: ").append(nodes.size()).append(" workstreams, ")
                .append(edges).append(" dependencies\">")
                .append("<defs><marker id=\"dispatch-plan-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                        + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                        + "<path d=\"M0,0L10,5L0,10z\" fill=\"var(--text-color-secondary, #6d7780)\"/></marker></defs>")
                .append("<g class=\"dispatch-plan-edges\" fill=\"none\" stroke=\"var(--text-color-secondary, #6d7780)\""
                        + " stroke-width=\"1.5\">").append(edgePaths).append("</g>");
        for (Node n : nodes) {
            Place place = places.get(n.id());
            if (place != null) {
                node(svg, n, place);
            }
        }
        return svg.append("</svg>").toString();
    }

    private static int x(Place p) {
        return PADDING + p.column() * (NODE_WIDTH + COLUMN_GAP);
    }

    private static int y(Place p) {
        return PADDING + p.row() * (NODE_HEIGHT + ROW_GAP);
    }

    private static void edge(StringBuilder out, String fromId, Place from, String toId, Place to) {
        int x1 = x(from) + NODE_WIDTH;
        int y1 = y(from) + NODE_HEIGHT / 2;
        int x2 = x(to);
        int y2 = y(to) + NODE_HEIGHT / 2;
        int bend = Math.max(20, (x2 - x1) / 2);
        out.append("<path class=\"dispatch-plan-edge\" data-from=\"").append(escape(fromId)).append("\" data-to=\"")
                .append(escape(toId)).append("\" marker-end=\"url(#dispatch-plan-arrow)\" d=\"M").append(x1).append(',')
                .append(y1).append(" C").append(x1 + bend).append(',').append(y1).append(' ').append(x2 - bend).append(',')
                .append(y2).append(' ').append(x2).append(',').append(y2).append("\"/>");
    }

    private static void node(StringBuilder out, Node n, Place place) {
        int x = x(place);
        int y = y(place);
        String id = escape(n.id());
        String shownId = n.id().length() > SHOWN_ID_LENGTH ? n.id().substring(0, SHOWN_ID_LENGTH - 1) + "\u2026" : n.id();
        String color = n.look().getColor();
        out.append("<a href=\"#workstream-").append(id).append("\" class=\"dispatch-plan-node\" data-id=\"").append(id)
                .append("\" data-status=\"").append(escape(n.look().getLabel().toLowerCase(Locale.ROOT))).append("\">")
                .append("<title>").append(id);
        if (n.title() != null && !n.title().equals(n.id())) {
            out.append(": ").append(escape(n.title()));
        }
        out.append(" (").append(escape(n.look().getLabel())).append(")</title>")
                .append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(NODE_WIDTH)
                .append("\" height=\"").append(NODE_HEIGHT).append("\" rx=\"6\" fill=\"var(--card-background, #fff)\" stroke=\"")
                .append(color).append("\" stroke-width=\"2\"/>")
                .append("<circle cx=\"").append(x + 16).append("\" cy=\"").append(y + NODE_HEIGHT / 2)
                .append("\" r=\"7\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"3\"/>")
                .append("<text x=\"").append(x + 32).append("\" y=\"").append(y + 19)
                .append("\" font-weight=\"bold\" font-size=\"13\" fill=\"var(--text-color, #1f2937)\">").append(escape(shownId))
                .append("</text><text x=\"").append(x + 32).append("\" y=\"").append(y + 35).append("\" font-size=\"11\" fill=\"")
                .append(color).append("\">").append(escape(n.look().getLabel())).append("</text></a>");
    }

    /** XML text and attribute escaping; control characters, which XML cannot hold, become spaces. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\t' && c != '\n' ? " " : null;
            };
            if (replacement != null || out != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
