package io.dispatchplan.plan.markdown;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/** A parsed Markdown plan: the commonmark tree arranged as nested heading sections. */
final class MarkdownDocument {
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    final Section root;
    final String title;
    final int headingCount;
    final int tableCount;

    private MarkdownDocument(Section root, String title, int headingCount, int tableCount) {
        this.root = root;
        this.title = title;
        this.headingCount = headingCount;
        this.tableCount = tableCount;
    }

    static MarkdownDocument parse(String text) {
        Node document = PARSER.parse(text);
        Section root = new Section(null, "", 1);
        Deque<Section> open = new ArrayDeque<>();
        open.push(root);
        String title = null;
        int headings = 0;
        int tables = 0;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            int line = lineOf(node);
            if (node instanceof Heading heading) {
                headings++;
                String headingText = MarkdownText.plain(heading).strip();
                if (title == null && heading.getLevel() == 1) {
                    title = headingText;
                }
                while (open.peek() != root && open.peek().level >= heading.getLevel()) {
                    open.pop();
                }
                Section section = new Section(heading, headingText, line);
                open.peek().children.add(section);
                open.push(section);
            } else if (node instanceof HtmlBlock html) {
                if (!detailsBoundary(html.getLiteral(), open, root, line)) {
                    open.peek().body.add(node);
                }
            } else {
                if (node instanceof TableBlock) {
                    tables++;
                }
                open.peek().body.add(node);
            }
            int end = endLineOf(node);
            for (Section section : open) {
                section.endLine = Math.max(section.endLine, end);
            }
        }
        return new MarkdownDocument(root, title, headings, tables);
    }

    /**
     * Opens a {@code <details>} section for HTML that opens one (closing it again when the same HTML closes it), or
     * closes the open one; false when the HTML does neither and is just part of the body.
     */
    private static boolean detailsBoundary(String html, Deque<Section> open, Section root, int line) {
        Optional<String> summary = DetailsBlocks.summary(html);
        if (summary.isPresent()) {
            Section section = Section.details(open.peek(), summary.get(), line);
            open.peek().children.add(section);
            open.push(section);
        }
        boolean closes = DetailsBlocks.closes(html);
        if (closes) {
            closeDetails(open, root);
        }
        return summary.isPresent() || closes;
    }

    /** Closes the innermost open {@code <details>} section and what is open inside it; nothing if none is open. */
    private static void closeDetails(Deque<Section> open, Section root) {
        if (open.stream().noneMatch(section -> section.details)) {
            return;
        }
        while (open.peek() != root) {
            if (open.pop().details) {
                return;
            }
        }
    }

    /** 1-based first line of a block, 0 if unknown. */
    static int lineOf(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans == null || spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    static int endLineOf(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans == null || spans.isEmpty() ? 0 : spans.get(spans.size() - 1).getLineIndex() + 1;
    }

    /** Every list that stands directly in a section's body (the root's included), in document order. */
    List<ListBlock> lists() {
        List<ListBlock> lists = new ArrayList<>();
        for (Section section : root.flatten()) {
            for (Node node : section.body) {
                if (node instanceof ListBlock list) {
                    lists.add(list);
                }
            }
        }
        return lists;
    }

    /** All sections below the root, in document order. */
    List<Section> sections() {
        List<Section> all = new ArrayList<>(root.flatten());
        all.remove(0);
        return all;
    }
}
