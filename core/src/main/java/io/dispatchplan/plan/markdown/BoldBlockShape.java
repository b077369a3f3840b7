package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * Workstreams as bold lead paragraphs, each followed by its details up to the next one:
 * {@code **Developer 1: Handler & Backend**} then a code block with {@code # Branch: feature/x} and
 * {@code # Tasks: T001-T006}. A lead without a keyword ({@code **Payments backend**}) counts when its own list
 * follows it and says what it depends on, and only when the plan has two or more such leads.
 */
final class BoldBlockShape implements PlanShape {
    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call, and this runs per paragraph. */
    private static final Pattern TRAILING_COLON = Pattern.compile(":$");
    private static final Pattern LEAD = Pattern.compile(
            "(?i)^(" + Keywords.WORDS + ")\\s+([A-Za-z]?[0-9]+|[A-Z])\\s*(?:[:\\-–—]\\s*(.*))?$");

    @Override
    public String looksLike() {
        return "bold lead lines such as '**Developer 1: Backend**' followed by their details"
                + " (e.g. a code block with '# Branch: feature/x' and '# Tasks: ...'), or '**Payments backend**'"
                + " followed by its own bullets, one of them 'Depends on: ...'";
    }

    @Override
    public String writtenAs() {
        return "bold lead lines ('**Developer 1: Title**')";
    }

    @Override
    public List<DraftWorkstream> find(MarkdownDocument document) {
        boolean plainLeads = plainLeadCount(document) >= 2;
        List<DraftWorkstream> found = new ArrayList<>();
        for (Section section : document.root.flatten()) {
            DraftWorkstream current = null;
            List<Node> details = new ArrayList<>();
            for (Node node : section.body) {
                DraftWorkstream lead = node instanceof Paragraph p ? lead(p) : null;
                DraftWorkstream plain = lead == null && node instanceof Paragraph p ? plainLead(p) : null;
                if (plain != null && !plainLeads) {
                    finish(current, details); // a lone one is not read (and is named), nor is it another's detail
                    current = null;
                    continue;
                }
                lead = lead != null ? lead : plain;
                if (lead != null) {
                    finish(current, details);
                    current = lead;
                    details = new ArrayList<>();
                    found.add(current);
                } else if (current != null) {
                    details.add(node);
                }
            }
            finish(current, details);
        }
        return found;
    }

    private static void finish(DraftWorkstream current, List<Node> details) {
        if (current != null) {
            WorkstreamBody.fillNodes(current, details);
        }
    }

    /** How many bold lead lines without a keyword the document has ({@link #plainLead}); they count from two on. */
    static int plainLeadCount(MarkdownDocument document) {
        int count = 0;
        for (Section section : document.root.flatten()) {
            for (Node node : section.body) {
                if (node instanceof Paragraph p && plainLead(p) != null) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * A paragraph that is only a bold name that is not a field ({@code **Payments backend**}), directly followed by
     * its own list, one item of which says what it depends on; as a new draft.
     */
    static DraftWorkstream plainLead(Paragraph paragraph) {
        List<Node> inlines = inlines(paragraph);
        if (inlines.isEmpty() || !(inlines.get(0) instanceof StrongEmphasis strong) || lead(paragraph) != null
                || !(paragraph.getNext() instanceof ListBlock list)) {
            return null;
        }
        String label = TRAILING_COLON.matcher(MarkdownText.plain(strong).strip()).replaceAll("").strip();
        String rest = new MarkdownText.Line(inlines.subList(1, inlines.size()), 0).text();
        if (label.isEmpty() || !rest.isEmpty() && !rest.equals(":") || FieldKind.of(label) != FieldKind.OTHER) {
            return null;
        }
        DraftWorkstream probe = new DraftWorkstream("probe", 0);
        WorkstreamBody.fillNodes(probe, List.of(list));
        if (probe.dependencies.stream().noneMatch(DraftWorkstream.DependencyRef::stated)) {
            return null;
        }
        DraftWorkstream draft = new DraftWorkstream(Keywords.withoutMarker(label), MarkdownDocument.lineOf(paragraph));
        draft.title = draft.name;
        return draft;
    }

    private static List<Node> inlines(Paragraph paragraph) {
        List<Node> inlines = new ArrayList<>();
        for (Node node = paragraph.getFirstChild(); node != null; node = node.getNext()) {
            if (!(node instanceof Text t && t.getLiteral().isBlank())) {
                inlines.add(node);
            }
        }
        return inlines;
    }

    /** A paragraph that is only a bold "Keyword N: Title" (or "**Keyword N**: Title"), as a new draft. */
    static DraftWorkstream lead(Paragraph paragraph) {
        List<Node> inlines = inlines(paragraph);
        if (inlines.isEmpty() || !(inlines.get(0) instanceof StrongEmphasis strong)) {
            return null;
        }
        String label = MarkdownText.plain(strong).strip();
        String rest = new MarkdownText.Line(inlines.subList(1, inlines.size()), 0).text();
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":") || label.contains(":")) {
                return null;
            }
            label = label + ": " + rest.substring(1).strip();
        }
        Matcher m = LEAD.matcher(TRAILING_COLON.matcher(Keywords.withoutMarker(label)).replaceAll(""));
        if (!m.matches()) {
            return null;
        }
        String keyword = Keywords.normalize(m.group(1));
        String code = m.group(2).toUpperCase(Locale.ROOT);
        DraftWorkstream draft = new DraftWorkstream(Keywords.capitalized(keyword) + " " + code,
                MarkdownDocument.lineOf(paragraph));
        draft.keyword = keyword;
        draft.code = code;
        draft.title = m.group(3) == null || m.group(3).isBlank() ? draft.name : m.group(3).strip();
        return draft;
    }
}
