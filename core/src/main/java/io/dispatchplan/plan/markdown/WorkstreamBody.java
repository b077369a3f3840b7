package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.DraftWorkstream.DependencyRef;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/** Fills a draft workstream from the Markdown that describes it: fields, lists, code blocks, sub-headings. */
final class WorkstreamBody {
    /** A sub-assignment heading inside a workstream: {@code #### A1: Core updates}, {@code B.2 Config}. */
    static final Pattern SUB_ITEM = Pattern.compile(
            "^([A-Z][0-9]+|[A-Z]\\.[0-9]+|[0-9]+\\.[0-9]+)\\s*(?:[:.)\\-–—]\\s*|\\s+)(.+)$");
    private static final int MAX_FOCUS = 400;

    private WorkstreamBody() {}

    static void fill(DraftWorkstream draft, Section section) {
        fillNodes(draft, section.body);
        for (Section child : section.children) {
            fillSubSection(draft, child);
        }
    }

    static void fillNodes(DraftWorkstream draft, List<Node> nodes) {
        for (Node node : nodes) {
            if (node instanceof Paragraph paragraph) {
                boolean anyField = false;
                for (MarkdownText.Line line : MarkdownText.lines(paragraph)) {
                    Optional<Field> field = MarkdownText.field(line, List.of());
                    if (field.isPresent()) {
                        // "After the audit we ..." may be prose: it leaves the paragraph to be the focus
                        anyField |= !field.get().tentative();
                        apply(draft, field.get());
                    }
                }
                if (!anyField && (draft.focus == null || draft.focus.isBlank())) {
                    String text = MarkdownText.plain(paragraph);
                    draft.focus = text.length() > MAX_FOCUS ? text.substring(0, MAX_FOCUS) + "..." : text;
                }
            } else if (node instanceof ListBlock list) {
                fillList(draft, list, FieldKind.TASKS);
            } else if (node instanceof FencedCodeBlock code) {
                CodeBlockFacts.apply(draft, code.getInfo(), code.getLiteral(), MarkdownDocument.lineOf(code));
            } else if (node instanceof IndentedCodeBlock code) {
                CodeBlockFacts.apply(draft, "", code.getLiteral(), MarkdownDocument.lineOf(code));
            } else if (node instanceof TableBlock) {
                continue; // tables inside a workstream are notes, not its structure
            }
        }
    }

    /** Items of a list: labelled items are fields, others go to {@code plainKind}. */
    private static void fillList(DraftWorkstream draft, ListBlock list, FieldKind plainKind) {
        for (ListItem item : MarkdownText.items(list)) {
            Paragraph first = MarkdownText.firstParagraph(item);
            List<MarkdownText.Line> lines = MarkdownText.lines(first);
            Optional<Field> field = MarkdownText.field(lines.get(0), MarkdownText.nestedItems(item));
            if (field.isPresent() && plainKind == FieldKind.TASKS) {
                apply(draft, field.get());
                if (field.get().tentative()) {
                    draft.tasks.add(MarkdownText.plain(first)); // until it turns out to name workstreams
                }
            } else {
                String text = MarkdownText.plain(first);
                int line = MarkdownDocument.lineOf(item);
                apply(draft, new Field("", plainKind, text, MarkdownText.codeSpans(lines.get(0).inlines()), List.of(), line));
            }
        }
    }

    private static void fillSubSection(DraftWorkstream draft, Section child) {
        Matcher subItem = SUB_ITEM.matcher(child.title);
        if (subItem.matches()) {
            DraftWorkstream item = new DraftWorkstream(subItem.group(1), child.line);
            item.code = subItem.group(1);
            item.title = subItem.group(2).strip();
            fill(item, child);
            draft.children.add(item);
            draft.tasks.addAll(item.tasks);
            draft.files.addAll(item.files);
            for (DependencyRef ref : item.dependencies) {
                draft.dependencies.add(new DependencyRef(ref.phrase(), ref.line(), true, ref.tentative()));
            }
            return;
        }
        FieldKind kind = FieldKind.of(child.title);
        if (kind == FieldKind.OTHER) {
            fill(draft, child);
            return;
        }
        for (Node node : child.body) {
            if (node instanceof ListBlock list) {
                fillList(draft, list, kind);
            } else if (node instanceof Paragraph paragraph) {
                apply(draft, new Field(child.title, kind, MarkdownText.plain(paragraph),
                        MarkdownText.codeSpans(List.of(paragraph)), List.of(), MarkdownDocument.lineOf(paragraph)));
            } else if (node instanceof FencedCodeBlock code) {
                CodeBlockFacts.apply(draft, code.getInfo(), code.getLiteral(), MarkdownDocument.lineOf(code));
            }
        }
        for (Section deeper : child.children) {
            fillSubSection(draft, deeper);
        }
    }

    static void apply(DraftWorkstream draft, Field field) {
        switch (field.kind()) {
            case DEPENDENCIES -> {
                String tentative = field.tentative() ? field.label() + " " + field.value() : null;
                for (String phrase : field.items().isEmpty() ? List.of(field.value()) : field.values()) {
                    draft.dependencies.add(new DependencyRef(phrase, field.line(), false, tentative));
                }
            }
            case FILES -> draft.files.addAll(field.values());
            case TASKS -> {
                if (!field.value().isBlank()) {
                    draft.tasks.add(field.value());
                }
                draft.tasks.addAll(field.items());
            }
            case DELIVERABLES -> {
                if (!field.value().isBlank()) {
                    draft.deliverables.add(field.value());
                }
                draft.deliverables.addAll(field.items());
            }
            case FOCUS -> {
                if (draft.focus == null || draft.focus.isBlank()) {
                    draft.focus = field.value();
                }
            }
            case BRANCH -> {
                String branch = field.codeSpans().isEmpty() ? field.value() : field.codeSpans().get(0);
                if (!branch.isBlank()) {
                    draft.branch = branch.strip();
                }
            }
            case ESTIMATE -> Estimates.parse(field.value()).ifPresent(e -> draft.estimate = e);
            case LABEL -> draft.label = field.codeSpans().isEmpty() ? field.value() : field.codeSpans().get(0);
            case TIMEOUT -> Estimates.minutes(field.value()).ifPresent(m -> draft.timeoutMinutes = m);
            case OTHER -> { }
        }
    }

    /** True when the section itself (not a deeper workstream) states dependencies. */
    static boolean declaresDependencies(Section section) {
        DraftWorkstream probe = new DraftWorkstream("probe", 0);
        fillNodesFieldsOnly(probe, section.body);
        if (probe.dependencies.stream().anyMatch(DependencyRef::stated)) {
            return true;
        }
        for (Section child : section.children) {
            if (FieldKind.of(child.title) == FieldKind.DEPENDENCIES) {
                return true;
            }
        }
        return false;
    }

    private static void fillNodesFieldsOnly(DraftWorkstream probe, List<Node> nodes) {
        for (Node node : nodes) {
            if (node instanceof Paragraph paragraph) {
                for (MarkdownText.Line line : MarkdownText.lines(paragraph)) {
                    MarkdownText.field(line, List.of()).ifPresent(f -> apply(probe, f));
                }
            } else if (node instanceof ListBlock list) {
                for (ListItem item : MarkdownText.items(list)) {
                    MarkdownText.field(MarkdownText.lines(MarkdownText.firstParagraph(item)).get(0),
                            MarkdownText.nestedItems(item)).ifPresent(f -> apply(probe, f));
                }
            }
        }
    }
}
