package io.dispatchplan.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A validated, normalized plan: workstream ids are unique slugs, every dependency names a workstream
 * of this plan, and the dependency graph is acyclic.
 *
 * @param feature slug naming the feature; prefixes branches and worktree paths
 * @param title the plan's own title (its first heading), may equal the feature
 * @param baseBranch the ref workstreams start from, null for the repository's current HEAD
 * @param workstreams in plan order
 * @param warnings what the reader changed or guessed (e.g. a dropped cycle edge)
 * @param source where the plan came from, for messages
 * @param normalized the note on a plan a model wrote from a prose document ({@code --normalize}); null for one a
 *     person wrote
 */
public record Plan(
        String feature,
        String title,
        String baseBranch,
        List<Workstream> workstreams,
        List<String> warnings,
        String source,
        Normalization normalized) {

    public Plan {
        Objects.requireNonNull(feature, "feature");
        title = title == null || title.isBlank() ? feature : title;
        workstreams = List.copyOf(workstreams);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    /** A plan a person wrote. */
    public Plan(String feature, String title, String baseBranch, List<Workstream> workstreams, List<String> warnings,
            String source) {
        this(feature, title, baseBranch, workstreams, warnings, source, null);
    }

    public Optional<Workstream> workstream(String id) {
        return workstreams.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    public Map<String, Workstream> byId() {
        return workstreams.stream()
                .collect(Collectors.toMap(Workstream::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public List<String> ids() {
        return workstreams.stream().map(Workstream::id).toList();
    }
}
