package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.DraftWorkstream.DependencyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * A plain list item written like a workstream: a checklist item ({@code - [ ] Sync queue}), one numbered in its
 * text ({@code - #12 Sync queue}, {@code - [ ] 3. Reports}; the marker of a numbered list is not a code), or one led
 * by a keyword and code
 * ({@code - Workstream 2: API}); with what it depends on in a note ({@code (depends on #11)}) or after the name
 * ({@code . Blocked by: 1}).
 */
final class ListedItem {
    /** {@code #12 Title}, {@code 12. Title}, {@code 12) Title}. */
    private static final Pattern CODED = Pattern.compile("^(?:#([0-9]+)|([0-9]+)[.)])\\s+(\\S.*)$");
    /** {@code (depends on #11)}, {@code (blocked by: 1, 2)}, {@code (no dependencies)}. */
    private static final Pattern NOTE = Pattern.compile(
            "(?i)\\(\\s*(?:(?:" + Keywords.DEPENDENCY_LABELS + ")(?![\\w-])\\s*:?\\s*([^()]*)|(no\\s+dependenc(?:y|ies)"
                    + "|none|independent|can\\s+start\\s+immediately))\\s*\\)");
    /** {@code . Blocked by: 1}, {@code — depends on #3}, {@code ; after: A}: a label after the name, with a colon or unmistakable. */
    private static final Pattern TRAILING = Pattern.compile(
            "(?i)(?:^|[.;,]\\s+|\\s+[-–—]+\\s+)(?:(?:" + Keywords.DEPENDENCY_LABELS + ")\\s*:|(?:depends\\s+on|dependent\\s+on"
                    + "|blocked\\s+by|can\\s+start\\s+after|waits?\\s+for|wait_for)(?![\\w-]))\\s*(.+)$");
    private static final String TRAILING_PUNCTUATION = "[\\s.,;:–—-]+$";

    final int line;
    final String text;
    final boolean task;
    private final ListItem item;
    private final Paragraph first;
    private final String code;
    private final String keyword;
    private final String title;
    private final String dependencies;

    private ListedItem(ListItem item, Paragraph first, int line, String text, boolean task, String code,
            String keyword, String title, String dependencies) {
        this.item = item;
        this.first = first;
        this.line = line;
        this.text = text;
        this.task = task;
        this.code = code;
        this.keyword = keyword;
        this.title = title;
        this.dependencies = dependencies;
    }

    /** The items of a list that are written like workstreams. */
    static List<ListedItem> of(ListBlock list) {
        List<ListedItem> out = new ArrayList<>();
        for (ListItem item : MarkdownText.items(list)) {
            parse(item).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<ListedItem> parse(ListItem item) {
        Paragraph first = MarkdownText.firstParagraph(item);
        if (first == null || startsBold(first)) {
            return Optional.empty(); // bold-led items are bold bullets
        }
        List<MarkdownText.Line> lines = MarkdownText.lines(first);
        String text = Keywords.withoutMarker(lines.get(0).text());
        boolean task = MarkdownText.isTaskItem(item);
        if (text.isBlank() || MarkdownText.field(lines.get(0), List.of()).isPresent()) {
            return Optional.empty(); // "Files: a.py" is a field, not a workstream
        }
        String dependencies = null;
        String name = text;
        Matcher note = NOTE.matcher(text);
        if (note.find()) {
            dependencies = note.group(1) != null ? note.group(1).strip() : "none";
            name = text.substring(0, note.start()) + " " + text.substring(note.end());
        } else {
            Matcher trailing = TRAILING.matcher(text);
            if (trailing.find()) {
                dependencies = trailing.group(1).strip();
                name = text.substring(0, trailing.start());
            }
        }
        name = name.strip().replaceAll(TRAILING_PUNCTUATION, "").strip();
        String code = null;
        String keyword = null;
        String title = name;
        Matcher coded = CODED.matcher(name);
        Matcher named = Keywords.KEYWORD_CODE_TITLE.matcher(name);
        if (coded.matches()) {
            code = coded.group(1) != null ? coded.group(1) : coded.group(2);
            title = coded.group(3).strip();
        } else if (named.matches()) {
            keyword = Keywords.normalize(named.group(1));
            code = named.group(2).toUpperCase(Locale.ROOT);
            title = named.group(3) == null || named.group(3).isBlank() ? null : named.group(3).strip();
        }
        if (!task && code == null || title != null && title.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ListedItem(item, first, MarkdownDocument.lineOf(item), text, task, code, keyword, title,
                dependencies));
    }

    private static boolean startsBold(Paragraph paragraph) {
        Node lead = paragraph.getFirstChild();
        while (lead instanceof Text t && t.getLiteral().isBlank()) {
            lead = lead.getNext();
        }
        return lead instanceof StrongEmphasis;
    }

    /** Named by a keyword and code ({@code Workstream 2: API}). */
    boolean named() {
        return keyword != null;
    }

    /** Says what it depends on, "none" included. */
    boolean statesDependencies() {
        return dependencies != null;
    }

    /** The key a keyword-named item shares with other shapes' workstreams ({@code workstream 2}), or null. */
    String key() {
        return keyword == null ? null : keyword + " " + code;
    }

    /** How the plan writes it, for messages. */
    String shown() {
        return (task ? "- [ ] " : "") + text;
    }

    DraftWorkstream toDraft() {
        String name = keyword != null ? Keywords.capitalized(keyword) + " " + code : title;
        DraftWorkstream draft = new DraftWorkstream(name, line);
        draft.keyword = keyword;
        draft.code = code;
        draft.title = title == null ? name : title;
        if (dependencies != null) {
            draft.dependencies.add(new DependencyRef(dependencies, line));
        }
        List<Node> nested = new ArrayList<>();
        for (Node child = first.getNext(); child != null; child = child.getNext()) {
            nested.add(child);
        }
        WorkstreamBody.fillNodes(draft, nested);
        return draft;
    }

    ListItem item() {
        return item;
    }
}
