package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.DraftWorkstream.DependencyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * Workstreams as bullets with a bold label: {@code - **Stream A** (Backend): REST API. Depends on: none}.
 * A label naming a keyword and code is enough; any other bold label counts only in a list of two or more
 * where a "Depends on:" style phrase follows it, so bullets of prose are not mistaken for a plan.
 */
final class BoldBulletShape implements PlanShape {
    private static final Pattern KEYWORD_LABEL = Pattern.compile(
            "(?i)^(" + Keywords.WORDS + ")\\s+([A-Za-z][0-9]*|[0-9]+):?$");
    private static final Pattern TITLE_NOTE = Pattern.compile("^\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?i)\\b(depends\\s+on|blocked\\s+by|dependencies|requires|can\\s+start\\s+after|waits?\\s+for|after)\\b\\s*(:)?\\s*([^.;]*)");

    @Override
    public String looksLike() {
        return "bullets with a bold label such as '- **Stream A** (Backend): REST API. Depends on: none'";
    }

    @Override
    public List<DraftWorkstream> find(MarkdownDocument document) {
        List<DraftWorkstream> found = new ArrayList<>();
        for (Section section : document.root.flatten()) {
            for (Node node : section.body) {
                if (node instanceof ListBlock list) {
                    found.addAll(fromList(list));
                }
            }
        }
        return found;
    }

    private static List<DraftWorkstream> fromList(ListBlock list) {
        List<DraftWorkstream> keyworded = new ArrayList<>();
        List<DraftWorkstream> generic = new ArrayList<>();
        boolean genericHasDependencies = false;
        for (ListItem item : MarkdownText.items(list)) {
            Paragraph first = MarkdownText.firstParagraph(item);
            Node lead = first.getFirstChild();
            while (lead instanceof Text t && t.getLiteral().isBlank()) {
                lead = lead.getNext();
            }
            if (!(lead instanceof StrongEmphasis strong)) {
                continue;
            }
            String label = MarkdownText.plain(strong).strip();
            String rest = restAfter(strong);
            Matcher keyword = KEYWORD_LABEL.matcher(label);
            DraftWorkstream draft;
            if (keyword.matches()) {
                String kind = Keywords.normalize(keyword.group(1));
                String code = keyword.group(2).toUpperCase(Locale.ROOT);
                draft = new DraftWorkstream(Keywords.capitalized(kind) + " " + code, MarkdownDocument.lineOf(item));
                draft.keyword = kind;
                draft.code = code;
                keyworded.add(draft);
            } else if (FieldKind.of(label) == FieldKind.OTHER && !label.endsWith(":")) {
                draft = new DraftWorkstream(label, MarkdownDocument.lineOf(item));
                generic.add(draft);
            } else {
                continue;
            }
            boolean stated = describe(draft, rest, keyword.matches());
            genericHasDependencies |= stated && !keyword.matches();
            List<Node> nested = new ArrayList<>();
            for (Node child = first.getNext(); child != null; child = child.getNext()) {
                nested.add(child);
            }
            WorkstreamBody.fillNodes(draft, nested);
            genericHasDependencies |= !keyword.matches() && !draft.dependencies.isEmpty();
        }
        if (!keyworded.isEmpty()) {
            return keyworded;
        }
        return generic.size() >= 2 && genericHasDependencies ? generic : List.of();
    }

    private static String restAfter(StrongEmphasis strong) {
        List<Node> rest = new ArrayList<>();
        for (Node node = strong.getNext(); node != null; node = node.getNext()) {
            rest.add(node);
        }
        return new MarkdownText.Line(rest, 0).text();
    }

    /** Reads "(Title): description. Depends on: X" into the draft; true if a dependency phrase was found. */
    private static boolean describe(DraftWorkstream draft, String rest, boolean loose) {
        String text = rest;
        Matcher note = TITLE_NOTE.matcher(text);
        if (note.find()) {
            draft.title = note.group(1).strip();
            text = text.substring(note.end());
        }
        text = text.replaceFirst("^[:\\-–—]\\s*", "");
        Matcher dependency = DEPENDENCY.matcher(text);
        boolean stated = false;
        while (dependency.find()) {
            if (dependency.group(2) == null && !loose) {
                continue; // "after lunch" in prose is not a dependency unless written "After: X"
            }
            draft.dependencies.add(new DependencyRef(dependency.group(3).strip(), draft.line));
            if (!stated) {
                String description = text.substring(0, dependency.start()).strip().replaceAll("[.,;(]+$", "").strip();
                if (!description.isEmpty()) {
                    draft.focus = description;
                }
            }
            stated = true;
        }
        if (!stated && !text.isBlank()) {
            draft.focus = text.strip();
        }
        if (draft.title == null) {
            draft.title = draft.focus != null && draft.focus.length() <= 60 ? draft.focus : draft.name;
        }
        return stated;
    }
}
