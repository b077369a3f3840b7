package io.dispatchplan.plan.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * A heading and what belongs to it: the blocks up to the next heading ({@link #body}) and the deeper
 * headings until one of the same or a higher level ({@link #children}). The root has no heading. A
 * {@code <details><summary>Title</summary> ... </details>} block is a section too, one level below the one it is in.
 */
final class Section {
    final Heading heading;
    final int level;
    final String title;
    final int line;
    /** True for a {@code <details>} block, whose title is its summary. */
    final boolean details;
    final List<Node> body = new ArrayList<>();
    final List<Section> children = new ArrayList<>();
    /** Last line of the section, children included. */
    int endLine;

    Section(Heading heading, String title, int line) {
        this(heading, heading == null ? 0 : heading.getLevel(), title, line, false);
    }

    private Section(Heading heading, int level, String title, int line, boolean details) {
        this.heading = heading;
        this.level = level;
        this.title = title;
        this.line = line;
        this.details = details;
        this.endLine = line;
    }

    /** A {@code <details>} block inside {@code parent}, titled by its summary. */
    static Section details(Section parent, String summary, int line) {
        return new Section(null, parent.level + 1, summary, line, true);
    }

    /** How the plan writes the section's heading, for messages. */
    String shown() {
        return details ? "<summary>" + title + "</summary>" : "#".repeat(level) + " " + title;
    }

    /** This section and all below it, in document order. */
    List<Section> flatten() {
        List<Section> all = new ArrayList<>();
        all.add(this);
        for (Section child : children) {
            all.addAll(child.flatten());
        }
        return all;
    }
}
