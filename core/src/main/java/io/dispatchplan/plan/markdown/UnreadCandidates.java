package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.NotRead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * What is written like a workstream in the sections that hold a plan's workstreams but was not read as one:
 * a bold bullet ({@code - **Cleanup**: ...}), a bold lead line ({@code **Developer 3: Docs**}, or
 * {@code **Docs**} followed by bullets stating dependencies), a list item named by a keyword or stating
 * dependencies ({@code - [ ] #12 Docs (depends on #11)}), or a heading or {@code <details>} summary that states
 * dependencies or is numbered like the plan's numbered workstream headings.
 */
final class UnreadCandidates {
    private final PlanShape shape;
    private final Set<Integer> workstreamLines = new HashSet<>();
    private final Set<Integer> readLines = new HashSet<>();
    private final Set<String> readKeys = new HashSet<>();
    private final boolean numberedHeadings;
    private final List<NotRead> found = new ArrayList<>();

    private UnreadCandidates(PlanShape shape, List<DraftWorkstream> workstreams) {
        this.shape = shape;
        for (DraftWorkstream workstream : workstreams) {
            workstreamLines.add(workstream.line);
            readLines.add(workstream.line);
            workstream.children.forEach(child -> readLines.add(child.line));
            if (workstream.keyword != null) {
                readKeys.add(workstream.keyword + " " + workstream.code);
            }
        }
        numberedHeadings = shape instanceof HeadingShape
                && workstreams.stream().anyMatch(w -> w.keyword == null && w.code != null);
    }

    static List<NotRead> find(MarkdownDocument document, PlanShape shape, List<DraftWorkstream> workstreams) {
        UnreadCandidates audit = new UnreadCandidates(shape, workstreams);
        for (Section section : WorkstreamSections.of(document, audit.workstreamLines)) {
            section.children.forEach(audit::checkHeading);
            section.body.forEach(audit::checkBlock);
        }
        audit.found.sort(Comparator.comparingInt(NotRead::line));
        return audit.found;
    }

    private void checkHeading(Section heading) {
        if (readLines.contains(heading.line) || Keywords.isPhase(heading.title)) {
            return;
        }
        String shown = heading.shown();
        if (WorkstreamBody.declaresDependencies(heading)) {
            // Headings that state dependencies are read in twos or more; a lone one in another shape's plan lands here.
            report(heading.line, shown, differentShape("a heading"));
        } else if (numberedHeadings && HeadingShape.NUMBERED.matcher(heading.title).matches()) {
            report(heading.line, shown, "its section does not say what it depends on. Add '**Dependencies**: None'"
                    + " under it (or what it depends on) to read it as a workstream.");
        }
    }

    private void checkBlock(Node block) {
        if (block instanceof Paragraph paragraph) {
            DraftWorkstream lead = BoldBlockShape.lead(paragraph);
            if (lead != null && !readLines.contains(lead.line) && !readKeys.contains(lead.keyword + " " + lead.code)) {
                report(lead.line, MarkdownText.plain(paragraph), differentShape("a bold lead line"));
            }
            DraftWorkstream plainLead = BoldBlockShape.plainLead(paragraph);
            if (plainLead != null && !readLines.contains(plainLead.line)) {
                report(plainLead.line, "**" + plainLead.name + "**", shape instanceof BoldBlockShape
                        ? "it is the plan's only bold lead line without a keyword ('Developer 1'); such lines count from"
                                + " two on. Name it by a keyword and code to read it as a workstream."
                        : differentShape("a bold lead line"));
            }
        } else if (block instanceof ListBlock list) {
            for (BoldBullet bullet : BoldBulletShape.bullets(list)) {
                if (!readLines.contains(bullet.line)) {
                    checkBullet(bullet, list);
                }
            }
            for (ListedItem item : ListedItem.of(list)) {
                if (!readLines.contains(item.line) && (item.named() || item.statesDependencies())
                        && (item.key() == null || !readKeys.contains(item.key()))) {
                    report(item.line, item.shown(), shape instanceof ListItemShape
                            ? "no item of its list says what it depends on. Add '(depends on ...)' or '(no dependencies)'"
                                    + " to one of them to read the list as workstreams."
                            : differentShape("a list item"));
                }
            }
        }
    }

    private void checkBullet(BoldBullet bullet, ListBlock list) {
        if (shape instanceof BoldBulletShape) {
            report(bullet.line, bullet.shown(), BoldBulletShape.whyNotRead(bullet, list));
        } else if (bullet.named() || !bullet.toDraft().dependencies.isEmpty()) {
            report(bullet.line, bullet.shown(), differentShape("a bullet"));
        }
    }

    private String differentShape(String what) {
        return "this plan's workstreams are " + shape.writtenAs() + " and this is " + what + "."
                + " Write it the way the others are written to read it as a workstream.";
    }

    private void report(int line, String shown, String why) {
        found.add(new NotRead(line, shown, why));
    }
}
