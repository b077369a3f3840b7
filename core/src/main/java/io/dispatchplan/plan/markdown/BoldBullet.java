package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.DraftWorkstream.DependencyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * A list item led by a bold label that is not a field, the way people write a workstream as a bullet:
 * {@code - **Payments**: Card processing. Depends on: Accounts} or {@code - **Stream A** (Backend): REST API}.
 */
final class BoldBullet {
    /** {@code Stream A}, {@code Stream A:}, or with its title: {@code Stream A: Schema}. */
    private static final Pattern KEYWORD_LABEL = Pattern.compile(
            "(?i)^(" + Keywords.WORDS + ")\\s+([A-Za-z][0-9]*|[0-9]+)(?:\\s*[:.)\\-–—](?![0-9])\\s*(.*?))?\\s*:?$");
    private static final Pattern TITLE_NOTE = Pattern.compile("^\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?i)\\b(depends\\s+on|blocked\\s+by|dependencies|requires|can\\s+start\\s+after|waits?\\s+for|after)\\b\\s*(:)?\\s*([^.;]*)");
    private static final String TRAILING_PUNCTUATION = "[.,;(]+$";

    final String label;
    final int line;
    private final Paragraph first;
    private final StrongEmphasis strong;
    private final Matcher keyword;

    private BoldBullet(String label, int line, Paragraph first, StrongEmphasis strong) {
        this.label = label;
        this.line = line;
        this.first = first;
        this.strong = strong;
        this.keyword = KEYWORD_LABEL.matcher(Keywords.withoutMarker(label));
    }

    /** The item as a bold bullet, or empty if it does not start with bold or its label is a field (Files, Status...). */
    static Optional<BoldBullet> of(ListItem item) {
        Paragraph first = MarkdownText.firstParagraph(item);
        Node lead = first == null ? null : first.getFirstChild();
        while (lead instanceof Text t && t.getLiteral().isBlank()) {
            lead = lead.getNext();
        }
        if (!(lead instanceof StrongEmphasis strong)) {
            return Optional.empty();
        }
        BoldBullet bullet = new BoldBullet(MarkdownText.plain(strong).strip(), MarkdownDocument.lineOf(item), first, strong);
        return bullet.named() || FieldKind.of(bullet.label) == FieldKind.OTHER ? Optional.of(bullet) : Optional.empty();
    }

    /** Named by a keyword and code ({@code Stream A}), which is enough to be a workstream. */
    boolean named() {
        return keyword.matches();
    }

    /** {@code **Owner:** Bob}: a colon inside the bold is how fields are written, so the bullet is not read. */
    boolean colonInside() {
        return !named() && label.endsWith(":");
    }

    /** How the plan writes it, for messages. */
    String shown() {
        return "**" + label + "**";
    }

    /** Reads "(Title): description. Depends on: X" and the nested bullets into a draft. */
    DraftWorkstream toDraft() {
        DraftWorkstream draft;
        if (named()) {
            String kind = Keywords.normalize(keyword.group(1));
            String code = keyword.group(2).toUpperCase(Locale.ROOT);
            draft = new DraftWorkstream(Keywords.capitalized(kind) + " " + code, line);
            draft.keyword = kind;
            draft.code = code;
        } else {
            draft = new DraftWorkstream(label, line);
        }
        describe(draft, restAfterLabel());
        if (named() && keyword.group(3) != null && !keyword.group(3).isBlank()) {
            draft.title = keyword.group(3).strip(); // "**Stream A: Schema**" is titled in its label
        }
        List<Node> nested = new ArrayList<>();
        for (Node child = first.getNext(); child != null; child = child.getNext()) {
            nested.add(child);
        }
        WorkstreamBody.fillNodes(draft, nested);
        return draft;
    }

    private String restAfterLabel() {
        List<Node> rest = new ArrayList<>();
        for (Node node = strong.getNext(); node != null; node = node.getNext()) {
            rest.add(node);
        }
        return new MarkdownText.Line(rest, 0).text();
    }

    private void describe(DraftWorkstream draft, String rest) {
        String text = rest;
        Matcher note = TITLE_NOTE.matcher(text);
        if (note.find()) {
            draft.title = note.group(1).strip();
            text = text.substring(note.end());
        }
        text = text.replaceFirst("^[:\\-–—]\\s*", "");
        Matcher dependency = DEPENDENCY.matcher(text);
        String description = text;
        boolean stated = false;
        while (dependency.find()) {
            if (dependency.group(2) == null && !named()) {
                continue; // "after lunch" in prose is not a dependency unless written "After: X"
            }
            draft.dependencies.add(new DependencyRef(dependency.group(3).strip(), line));
            if (!stated) {
                description = text.substring(0, dependency.start());
            }
            stated = true;
        }
        description = description.strip().replaceAll(TRAILING_PUNCTUATION, "").strip();
        if (!description.isEmpty()) {
            draft.focus = description;
        }
        if (draft.title == null) {
            // "**Payments**: Card processing" is named Payments; "**Stream A**: REST API" is named by what follows.
            boolean focusNames = named() && draft.focus != null && draft.focus.length() <= 60;
            draft.title = focusNames ? draft.focus : draft.name;
        }
    }
}
