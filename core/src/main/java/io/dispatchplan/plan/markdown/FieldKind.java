package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.Spaces;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a labelled line ({@code **Dependencies**: ...}) or a sub-heading ({@code #### Tasks}) carries. */
enum FieldKind {
    DEPENDENCIES("dependency", "dependencies", "depend on", "depends on", "dependent on", "blocked by", "blockers",
            "requires", "needs", "prerequisite", "prerequisites", "precondition", "preconditions", "can start after",
            "start after", "starts after", "wait for", "waits for", "waitfor", "waitsfor", "after"),
    FILES("file", "files", "key file", "key files", "path", "paths", "key file to create", "key files to create",
            "key file to modify", "key files to modify"),
    FOCUS("focus", "mission", "your mission", "goal", "objective", "description", "summary", "scope", "purpose"),
    TASKS("task", "tasks", "checklist", "implementation checklist", "to do", "todo", "work items", "steps"),
    DELIVERABLES("deliverable", "deliverables", "output", "outputs", "success criteria", "definition of done"),
    BRANCH("branch", "git branch"),
    ESTIMATE("estimate", "effort", "duration", "size", "time estimate"),
    LABEL("label", "agent label", "node label", "runs on"),
    TIMEOUT("timeout", "timeout minutes"),
    OTHER;

    /** Each kind's labels, lower case with single spaces: a lookup, no regex, since every line of a plan asks. */
    private static final Map<String, FieldKind> BY_LABEL = new HashMap<>();

    static {
        for (FieldKind kind : values()) {
            for (String label : kind.labels) {
                BY_LABEL.put(label, kind);
            }
        }
    }

    private final List<String> labels;

    FieldKind(String... labels) {
        this.labels = List.of(labels);
    }

    /** The kind of a label, ignoring case, bold, code and colons ({@code **Depends  on:**}), else OTHER. */
    static FieldKind of(String label) {
        StringBuilder unmarked = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c != '*' && c != '_' && c != '`' && c != ':') {
                unmarked.append(c);
            }
        }
        return BY_LABEL.getOrDefault(Spaces.collapse(unmarked).toLowerCase(Locale.ROOT).strip(), OTHER);
    }
}
