package io.dispatchplan.plan;

import io.dispatchplan.plan.DraftWorkstream.DependencyRef;
import io.dispatchplan.plan.PlanAssembler.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves each workstream's dependency phrases to the ids of the workstreams they name. What a phrase names that is
 * not a workstream is an unknown-dependency problem (with the closest names) when it is written like a name, and a
 * precondition, kept as text, when it is not ("RFC approved"); so is a condition on part of a workstream ("Stream A
 * to reach 50% completion").
 */
final class DependencyResolution {
    /** Where resolution reports what it finds, each with its line. */
    interface Findings {
        void warning(int line, String message);

        void problem(int line, String message);

        /** Something nothing checks: a warning, or with --strict a problem. */
        void unchecked(int line, String message);
    }

    private final boolean prose;
    private final Findings findings;
    private final Map<Integer, Set<String>> inferredPreconditions = new HashMap<>();

    /**
     * @param prose dependencies are prose (Markdown), so a piece that is no name may be a precondition; in YAML/JSON
     *     every dependency is a name
     */
    DependencyResolution(boolean prose, Findings findings) {
        this.prose = prose;
        this.findings = findings;
    }

    /** Each unit's dependencies as ids; what they name that is no workstream is a precondition or a problem. */
    Map<String, List<String>> dependsOn(List<DraftWorkstream> units, List<String> ids, List<Target> targets) {
        ReferenceResolver resolver = new ReferenceResolver();
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            List<String> names = new ArrayList<>(target.names());
            if (target.members().size() == 1) {
                names.add(ids.get(target.members().get(0)));
            }
            resolver.add(t, target.displayName(), names, target.codes());
            resolver.addParts(t, TitleParts.of(target.displayName(), target.title()));
        }
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            DraftWorkstream unit = units.get(i);
            Set<String> resolved = new LinkedHashSet<>();
            for (DependencyRef ref : unit.dependencies) {
                if (!ref.stated()) {
                    resolveTentative(unit, i, ref, resolver, targets, ids, resolved);
                    continue;
                }
                List<String> pieces = DependencyPhrase.pieces(ref.phrase());
                List<String> phraseIds = new ArrayList<>();
                boolean pureSoFar = true;
                for (int k = 0; k < pieces.size(); k++) {
                    String piece = pieces.get(k);
                    ReferenceResolver.Lookup lookup = resolver.lookup(piece);
                    if (!lookup.found()) {
                        pureSoFar = false;
                        if (lookup.candidates().isEmpty() && prose
                                && !resolver.looksLikeReference(piece)) {
                            precondition(i, piece, ref.line(), "'" + unit.displayName() + "' has a precondition that is"
                                    + " not a workstream: '" + piece + "'. It is kept as text on the workstream (in"
                                    + " plan.json and its TASKS.md), but nothing waits for it: make sure it holds before"
                                    + " the run, or remove it from the dependencies.");
                            continue;
                        }
                        findings.problem(ref.line(), unknownDependency(unit, i, piece, resolver, targets));
                        continue;
                    }
                    List<String> waitedFor = addMembers(unit, i, ref, targets.get(lookup.index()).members(), ids, resolved);
                    phraseIds.addAll(waitedFor);
                    if (!ref.fromSubItem() && Preconditions.partialProgress(lookup.rest())) {
                        boolean wholePhrase = pureSoFar && k == pieces.size() - 1 && k > 0;
                        String text = wholePhrase ? DependencyPhrase.core(ref.phrase()) : piece;
                        List<String> waits = wholePhrase ? phraseIds : waitedFor;
                        precondition(i, text, ref.line(), "'" + unit.displayName() + "' has the precondition '" + text
                                + "', but a workstream cannot start part-way through another, so it waits for "
                                + String.join(", ", waits) + " to finish. The condition is kept as text on the"
                                + " workstream (in plan.json and its TASKS.md).");
                    }
                    pureSoFar &= lookup.rest().isEmpty();
                }
            }
            dependsOn.put(ids.get(i), new ArrayList<>(resolved));
        }
        return dependsOn;
    }

    /** The ids a reference to {@code members} adds to {@code resolved}: never the unit itself. */
    private List<String> addMembers(DraftWorkstream unit, int i, DependencyRef ref, List<Integer> members,
            List<String> ids, Set<String> resolved) {
        List<String> added = new ArrayList<>();
        for (int member : members) {
            if (member != i) {
                resolved.add(ids.get(member));
                added.add(ids.get(member));
            } else if (members.size() == 1 && !ref.fromSubItem() && ref.stated()) {
                findings.warning(ref.line(), "'" + unit.displayName() + "' lists itself as a dependency; ignored.");
            }
        }
        return added;
    }

    /**
     * A line led by an everyday word ({@code After login, ...}, {@code Requires Stream A}): the workstreams it names
     * are dependencies; when it names nothing else it is no task, and when it names none it stays the task it was.
     */
    private void resolveTentative(DraftWorkstream unit, int i, DependencyRef ref, ReferenceResolver resolver,
            List<Target> targets, List<String> ids, Set<String> resolved) {
        List<String> pieces = DependencyPhrase.pieces(ref.phrase());
        int found = 0;
        for (String piece : pieces) {
            ReferenceResolver.Lookup lookup = resolver.lookup(piece);
            if (lookup.found()) {
                found++;
                addMembers(unit, i, ref, targets.get(lookup.index()).members(), ids, resolved);
            }
        }
        if (found > 0 && found == pieces.size()) {
            String text = ref.tentative();
            unit.tasks.removeIf(task -> task.equals(text) || task.startsWith(text + " "));
            if (unit.focus != null && (unit.focus.equals(text) || unit.focus.startsWith(text + " "))) {
                unit.focus = null;
            }
        }
    }

    private void precondition(int unit, String text, int line, String message) {
        if (inferredPreconditions.computeIfAbsent(unit, u -> new LinkedHashSet<>()).add(text)) {
            findings.unchecked(line, message);
        }
    }

    /** Each unit's preconditions: the ones its dependencies name, then the ones the plan states as such. */
    Map<String, List<String>> preconditions(List<DraftWorkstream> units, List<String> ids) {
        Map<String, List<String>> out = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            DraftWorkstream unit = units.get(i);
            Set<String> all = new LinkedHashSet<>(inferredPreconditions.getOrDefault(i, Set.of()));
            for (DependencyRef stated : unit.preconditions) {
                String text = stated.phrase().strip();
                if (!text.isEmpty() && all.add(text)) {
                    findings.unchecked(stated.line(), "'" + unit.displayName() + "' has the precondition '" + text
                            + "', which dispatch-plan does not check: make sure it holds before the run.");
                }
            }
            out.put(ids.get(i), new ArrayList<>(all));
        }
        return out;
    }

    private static String unknownDependency(DraftWorkstream unit, int unitIndex, String piece,
            ReferenceResolver resolver, List<Target> targets) {
        List<Integer> candidates = resolver.ambiguous(piece);
        if (!candidates.isEmpty()) {
            return "'" + unit.displayName() + "' depends on '" + piece + "', which could mean "
                    + String.join(" or ", candidates.stream().map(t -> targets.get(t).described()
                            + (targets.get(t).line() > 0 ? " (line " + targets.get(t).line() + ")" : "")).toList())
                    + ". Rename one of them so each name is its own, or refer to a name only one of them has.";
        }
        StringBuilder message = new StringBuilder("'" + unit.displayName() + "' depends on '" + piece
                + "', which is not a workstream in this plan.");
        Set<Integer> itself = new HashSet<>();
        for (int t = 0; t < targets.size(); t++) {
            if (targets.get(t).members().contains(unitIndex)) {
                itself.add(t);
            }
        }
        List<Integer> closest = resolver.closestTargets(piece, 3, itself);
        if (!closest.isEmpty()) {
            message.append(" Did you mean ")
                    .append(String.join(" or ", closest.stream().map(t -> targets.get(t).described()).toList()))
                    .append('?');
        }
        message.append(" Fix the name, or remove it from the dependencies. Workstreams in this plan: ")
                .append(PlanAssembler.quotedList(new ArrayList<>(resolver.displayNames()).stream().limit(12).toList(), ", "))
                .append(resolver.displayNames().size() > 12 ? ", ..." : "")
                .append('.');
        return message.toString();
    }
}
