package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.PlanDraft;
import io.dispatchplan.plan.PlanException;
import java.util.List;

/**
 * Reads a Markdown plan from its syntax tree. The shapes are tried in order and the first that finds
 * workstreams wins; the others' tables and lists are then just notes, except what is written like a workstream
 * in the sections that hold workstreams: that is reported as not read.
 */
public final class MarkdownPlanReader {
    private static final List<PlanShape> SHAPES = List.of(
            new HeadingShape(), new BoldBlockShape(), new BoldBulletShape(), new TableShape(), new ListItemShape());

    private MarkdownPlanReader() {}

    public static PlanDraft read(String text, String source) throws PlanException {
        MarkdownDocument document = MarkdownDocument.parse(text);
        for (PlanShape shape : SHAPES) {
            List<DraftWorkstream> found = shape.find(document);
            if (!found.isEmpty()) {
                Phases.assign(document, found);
                PlanDraft draft = new PlanDraft();
                draft.title = document.title;
                draft.dependenciesInProse = true;
                draft.workstreams.addAll(found);
                draft.notRead.addAll(UnreadCandidates.find(document, shape, found));
                return draft;
            }
        }
        throw noWorkstreams(document, source);
    }

    private static PlanException noWorkstreams(MarkdownDocument document, String source) {
        StringBuilder message = new StringBuilder("no workstreams found. This document has ")
                .append(document.headingCount).append(" heading(s) and ").append(document.tableCount)
                .append(" table(s), but none in a shape that lists workstreams; it may describe a process"
                        + " rather than a plan. Looked for:");
        int n = 1;
        for (PlanShape shape : SHAPES) {
            message.append(System.lineSeparator()).append("  ").append(n++).append(". ").append(shape.looksLike());
        }
        message.append(System.lineSeparator()).append("Fix: write the workstreams in one of these shapes, or as a"
                + " YAML plan (workstreams: [{id: api}, {id: ui, dependsOn: [api]}]); see docs/plan-format.md. Or let"
                + " Claude Code write the plan from this document, to review and commit: --normalize (in Jenkins,"
                + " readDispatchPlan normalize: true).");
        return new PlanException(source, message.toString());
    }
}
