package io.dispatchplan.plan.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * A heading and what belongs to it: the blocks up to the next heading ({@link #body}) and the deeper
 * headings until one of the same or a higher level ({@link #children}). The root has no heading.
 */
final class Section {
    final Heading heading;
    final int level;
    final String title;
    final int line;
    final List<Node> body = new ArrayList<>();
    final List<Section> children = new ArrayList<>();
    /** Last line of the section, children included. */
    int endLine;

    Section(Heading heading, String title, int line) {
        this.heading = heading;
        this.level = heading == null ? 0 : heading.getLevel();
        this.title = title;
        this.line = line;
        this.endLine = line;
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
