package io.dispatchplan.plan.markdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.commonmark.node.Node;

/**
 * The sections where a plan keeps its workstreams: those that hold one (as a sub-heading or in their text),
 * their sibling sections (a plan's other phases) and their sub-sections. What is written like a workstream
 * there must be read as one or reported; the rest of the document is notes.
 */
final class WorkstreamSections {
    private WorkstreamSections() {}

    /** The sections in document order, without the workstreams' own sections (those hold their details). */
    static List<Section> of(MarkdownDocument document, Set<Integer> workstreamLines) {
        NavigableSet<Integer> lines = new TreeSet<>(workstreamLines);
        Map<Section, Section> parents = new HashMap<>();
        for (Section section : document.root.flatten()) {
            section.children.forEach(child -> parents.put(child, section));
        }
        Set<Section> holders = new LinkedHashSet<>();
        for (Section section : document.root.flatten()) {
            if (section != document.root && workstreamLines.contains(section.line)) {
                holders.add(parents.get(section));
            }
            if (section.body.stream().anyMatch(node -> holdsAny(node, lines))) {
                holders.add(section);
            }
        }
        Set<Section> scope = new LinkedHashSet<>();
        for (Section holder : holders) {
            Section parent = parents.get(holder);
            scope.addAll(parent == null ? List.of(holder) : parent.children);
            scope.addAll(holder.children);
        }
        List<Section> inOrder = new ArrayList<>(document.root.flatten());
        inOrder.retainAll(scope);
        inOrder.removeIf(section -> section != document.root && workstreamLines.contains(section.line));
        return inOrder;
    }

    private static boolean holdsAny(Node node, NavigableSet<Integer> lines) {
        Integer line = lines.ceiling(MarkdownDocument.lineOf(node));
        return line != null && line <= MarkdownDocument.endLineOf(node);
    }
}
