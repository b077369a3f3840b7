package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.Spaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/** Reads text and labelled fields out of commonmark nodes. */
final class MarkdownText {
    /** {@code Depends on: X} written without bold, recognised only for the labels that matter most. */
    private static final Pattern PLAIN_FIELD = Pattern.compile(
            "(?i)^\\s*(" + Keywords.DEPENDENCY_LABELS + "|branch|files|estimate)\\s*:\\s*(.*)$");
    /** {@code Depends on Stream A}: a dependency label without bold or colon. */
    private static final Pattern PLAIN_DEPENDENCY = Pattern.compile(
            "(?i)^\\s*(" + Keywords.DEPENDENCY_LABELS + ")\\s+(\\S.*)$");


    private MarkdownText() {}

    /** The text of a node and everything inside it; line breaks become spaces, blocks newlines. */
    static String plain(Node node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof Text || node instanceof Code) {
            append(node, out);
        }
        // The node's own separator (a cell's " | ") belongs between it and its siblings, not in its text.
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            append(child, out);
        }
        return Spaces.collapseBlanks(out).strip();
    }

    private static void append(Node node, StringBuilder out) {
        if (node instanceof Text text) {
            out.append(text.getLiteral());
        } else if (node instanceof Code code) {
            out.append(code.getLiteral());
        } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            out.append(' ');
        } else if (node instanceof HtmlInline || node instanceof TaskListItemMarker) {
            return;
        } else {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                append(child, out);
            }
            // Keep words of neighbouring blocks and table cells apart.
            if (node instanceof TableCell) {
                out.append(" | ");
            } else if (node instanceof Block && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
    }

    /** One visual line of a paragraph: its inline nodes and its 1-based source line. */
    record Line(List<Node> inlines, int line) {
        String text() {
            StringBuilder out = new StringBuilder();
            for (Node node : inlines) {
                append(node, out);
            }
            return Spaces.collapse(out).strip();
        }
    }

    /** A paragraph split at its line breaks (a paragraph often holds several {@code **Label**:} lines). */
    static List<Line> lines(Paragraph paragraph) {
        List<Line> lines = new ArrayList<>();
        int line = MarkdownDocument.lineOf(paragraph);
        List<Node> current = new ArrayList<>();
        for (Node node = paragraph.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                lines.add(new Line(current, line));
                current = new ArrayList<>();
                line = line == 0 ? 0 : line + 1;
            } else {
                current.add(node);
            }
        }
        lines.add(new Line(current, line));
        return lines;
    }

    /** The field a line holds, if it starts with a bold label followed by a colon (or a known plain label). */
    static Optional<Field> field(Line line, List<String> items) {
        List<Node> inlines = new ArrayList<>(line.inlines());
        while (!inlines.isEmpty() && inlines.get(0) instanceof Text t && t.getLiteral().isBlank()) {
            inlines.remove(0);
        }
        if (!inlines.isEmpty() && inlines.get(0) instanceof StrongEmphasis strong) {
            String label = plain(strong).strip();
            List<Node> rest = inlines.subList(1, inlines.size());
            String restText = new Line(rest, line.line()).text();
            if (label.endsWith(":")) {
                label = label.substring(0, label.length() - 1).strip();
            } else if (restText.startsWith(":")) {
                restText = restText.substring(1).strip();
            } else if (restText.isEmpty() || FieldKind.of(label) != FieldKind.DEPENDENCIES) {
                return Optional.empty(); // "**Depends on** Stream A": a dependency label needs no colon
            }
            return Optional.of(new Field(label, FieldKind.of(label), restText, codeSpans(rest), items, line.line()));
        }
        String text = line.text();
        Matcher plainField = PLAIN_FIELD.matcher(text);
        if (plainField.matches()) {
            String label = plainField.group(1);
            return Optional.of(new Field(label, FieldKind.of(label), plainField.group(2).strip(),
                    codeSpans(inlines), items, line.line()));
        }
        Matcher plainDependency = PLAIN_DEPENDENCY.matcher(text);
        if (plainDependency.matches()) {
            String label = plainDependency.group(1);
            return Optional.of(new Field(label, FieldKind.DEPENDENCIES, plainDependency.group(2).strip(),
                    codeSpans(inlines), items, line.line(), Keywords.EVERYDAY_LABEL.matcher(label).matches()));
        }
        return Optional.empty();
    }

    static List<String> codeSpans(List<Node> inlines) {
        List<String> codes = new ArrayList<>();
        for (Node node : inlines) {
            collectCode(node, codes);
        }
        return codes;
    }

    private static void collectCode(Node node, List<String> codes) {
        if (node instanceof Code code) {
            codes.add(code.getLiteral().strip());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collectCode(child, codes);
        }
    }

    /** The first paragraph of a list item, or null. */
    static Paragraph firstParagraph(ListItem item) {
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Paragraph paragraph) {
                return paragraph;
            }
        }
        return null;
    }

    /** The items of a list that start with a paragraph (the ones that can carry text). */
    static List<ListItem> items(ListBlock list) {
        List<ListItem> items = new ArrayList<>();
        for (Node node = list.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ListItem item && firstParagraph(item) != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** The first-line texts of the items of lists nested in a list item. */
    static List<String> nestedItems(ListItem item) {
        List<String> texts = new ArrayList<>();
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof ListBlock list) {
                items(list).forEach(nested -> texts.add(plain(firstParagraph(nested))));
            }
        }
        return texts;
    }

    static boolean isTaskItem(ListItem item) {
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TaskListItemMarker) {
                return true;
            }
        }
        return false;
    }
}
