package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.List;

/** What a reader found in a plan document, before validation. */
public final class PlanDraft {
    public String title;
    public String feature;
    public String baseBranch;
    /** The note of a plan a model wrote ({@code --normalize}); null for one a person wrote. */
    public Normalization normalized;
    /**
     * True when dependencies are prose (Markdown): a piece that names no workstream and is not written like a name
     * ("RFC approved") is then a precondition. In YAML/JSON {@code dependsOn} holds names only, and preconditions
     * have a key of their own.
     */
    public boolean dependenciesInProse;
    public final List<DraftWorkstream> workstreams = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    /** What looks like a workstream but was not read: warnings, or errors with --strict. */
    public final List<NotRead> notRead = new ArrayList<>();
}
