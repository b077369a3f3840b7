package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import java.util.List;

/** One way people lay out workstreams in Markdown. */
interface PlanShape {
    /** How the shape looks, for the "no workstreams found" message. */
    String looksLike();

    /** What the workstreams are written as in a plan of this shape, for "not read" warnings. */
    String writtenAs();

    /** The workstreams in this shape, or an empty list if the document is not written this way. */
    List<DraftWorkstream> find(MarkdownDocument document);
}
