package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A workstream as a reader found it, before ids are assigned and references resolved. Readers fill it
 * in; {@link PlanAssembler} turns drafts into a validated {@link Plan}.
 */
public final class DraftWorkstream {
    /** Id the plan states explicitly (canonical YAML/JSON); null when it must be derived from the name. */
    public String explicitId;
    /** Name to derive the id from, e.g. {@code Stream A} or {@code database-schema-completion}. */
    public String name;
    public String title;
    /** Kind word of the heading, lower case ({@code stream}, {@code track}), null if none. */
    public String keyword;
    /** Short code the plan refers to it by ({@code A}, {@code 3}, {@code A1}), null if none. */
    public String code;
    public String focus;
    public final List<String> tasks = new ArrayList<>();
    public final List<String> files = new ArrayList<>();
    public final List<String> deliverables = new ArrayList<>();
    public final List<DependencyRef> dependencies = new ArrayList<>();
    /** Preconditions the plan states as such (canonical {@code preconditions}), as text with their line. */
    public final List<DependencyRef> preconditions = new ArrayList<>();
    public String branch;
    public String label;
    public String worker;
    public Integer timeoutMinutes;
    public Double estimate;
    public Integer phase;
    public int line;
    /** Sub-assignments (e.g. A1, A2 of Stream A), used as workstreams at fine granularity. */
    public final List<DraftWorkstream> children = new ArrayList<>();

    public DraftWorkstream(String name, int line) {
        this.name = name;
        this.line = line;
    }

    public String displayName() {
        return name != null ? name : explicitId;
    }

    /** Lowers the phase to {@code candidate} if that is earlier. */
    public void notePhase(int candidate) {
        if (phase == null || candidate < phase) {
            phase = candidate;
        }
    }

    /**
     * A dependency as the plan wrote it: a phrase naming one or more workstreams, and where.
     *
     * @param fromSubItem true when a sub-assignment stated it and its parent took it over, so a reference
     *     to a sibling sub-assignment (the parent itself) is dropped quietly
     * @param tentative null for a stated dependency; else the line as written, led by an everyday word
     *     ({@code After login, show the balance}, {@code Requires Stream A}) and also kept as a task or the focus:
     *     it is a dependency only when it names workstreams, and then it is no task
     */
    public record DependencyRef(String phrase, int line, boolean fromSubItem, String tentative) {
        public DependencyRef(String phrase, int line) {
            this(phrase, line, false, null);
        }

        public DependencyRef(String phrase, int line, boolean fromSubItem) {
            this(phrase, line, fromSubItem, null);
        }

        /** Stated as a dependency, not just a line that may be one. */
        public boolean stated() {
            return tentative == null;
        }
    }
}
