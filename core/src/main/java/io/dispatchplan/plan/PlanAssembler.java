package io.dispatchplan.plan;

import io.dispatchplan.plan.PlanOptions.Granularity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a reader found into a validated {@link Plan}: picks the granularity, assigns safe unique ids,
 * resolves dependency phrases, and checks names, branches and cycles. Every problem a user can cause
 * becomes a {@link PlanException} naming the line and the fix.
 */
public final class PlanAssembler {
    private static final int MAX_REPORTED_PROBLEMS = 20;

    private final PlanDraft draft;
    private final String source;
    private final PlanOptions options;
    private final List<String> warnings = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private PlanAssembler(PlanDraft draft, String source, PlanOptions options) {
        this.draft = draft;
        this.source = source;
        this.options = options;
    }

    public static Plan assemble(PlanDraft draft, String source, PlanOptions options) throws PlanException {
        return new PlanAssembler(draft, source, options).assemble();
    }

    private record Problem(int line, String message) {}

    /** Where dependency resolution reports what it finds. */
    private final class Findings implements DependencyResolution.Findings {
        @Override
        public void warning(int line, String message) {
            warnings.add(at(line) + message);
        }

        @Override
        public void problem(int line, String message) {
            problems.add(new Problem(line, message));
        }

        @Override
        public void unchecked(int line, String message) {
            warnOrStrict(line, message);
        }
    }

    /** Something a dependency phrase can name; at fine granularity a parent stands for all its children. */
    record Target(String displayName, String title, int line, List<String> names, List<String> codes,
            List<Integer> members) {

        Target(DraftWorkstream w, List<String> codes, List<Integer> members) {
            this(w.displayName(), w.title, w.line, PlanAssembler.names(w), codes, members);
        }

        /** {@code 'db'}, with the title when it says more: {@code 'db' (Database schema)}. */
        String described() {
            boolean titled = title != null && !title.isBlank()
                    && !ReferenceResolver.normalize(title).equals(ReferenceResolver.normalize(displayName));
            return "'" + displayName + "'" + (titled ? " (" + title.strip() + ")" : "");
        }
    }

    private Plan assemble() throws PlanException {
        warnings.addAll(draft.warnings);
        reportNotRead();
        String feature = feature();
        List<DraftWorkstream> units = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        chooseUnits(units, targets);
        checkDuplicateNames(units);
        List<String> ids = assignIds(units);
        throwIfProblems();

        DependencyResolution resolution = new DependencyResolution(draft.dependenciesInProse, new Findings());
        Map<String, List<String>> dependsOn = resolution.dependsOn(units, ids, targets);
        Map<String, List<String>> preconditions = resolution.preconditions(units, ids);
        throwIfProblems();
        breakCycles(ids, dependsOn, units);

        List<Workstream> workstreams = new ArrayList<>();
        PlanBranches branches = new PlanBranches(feature, draft.baseBranch);
        for (int i = 0; i < units.size(); i++) {
            DraftWorkstream unit = units.get(i);
            int known = problems.size();
            String branch = branch(feature, ids.get(i), unit, branches);
            if (problems.size() == known) {
                // A branch already refused is not compared with the others: one message per mistake.
                branches.add(ids.get(i), branch, unit.line)
                        .ifPresent(clash -> problems.add(new Problem(clash.line(), clash.message())));
            }
            workstreams.add(new Workstream(ids.get(i), unit.title, unit.focus, distinct(unit.tasks),
                    distinct(unit.files), distinct(unit.deliverables), dependsOn.get(ids.get(i)), branch,
                    unit.label, unit.worker, unit.timeoutMinutes, unit.estimate == null ? 1 : unit.estimate,
                    unit.phase, unit.line, preconditions.get(ids.get(i))));
        }
        throwIfProblems();
        return new Plan(feature, draft.title, draft.baseBranch, workstreams, warnings, source, draft.normalized);
    }

    /** Nothing that looks like a workstream is dropped silently: each is a warning, or with --strict a problem. */
    private void reportNotRead() {
        for (NotRead item : draft.notRead) {
            warnOrStrict(item.line(), item.message());
        }
    }

    /** A guess or something unchecked: a warning, or with --strict a problem. */
    private void warnOrStrict(int line, String message) {
        if (options.strictCycles()) {
            problems.add(new Problem(line, message + " (--strict makes this an error.)"));
        } else {
            warnings.add(at(line) + message);
        }
    }

    private String feature() {
        String chosen = firstNonBlank(options.feature(), draft.feature, FeatureNames.fromSource(source), draft.title);
        return chosen == null ? "plan" : Slugs.slug(chosen);
    }

    private void chooseUnits(List<DraftWorkstream> units, List<Target> targets) {
        boolean fine = options.granularity() == Granularity.FINE;
        for (DraftWorkstream parent : draft.workstreams) {
            if (fine && !parent.children.isEmpty()) {
                List<Integer> members = new ArrayList<>();
                for (DraftWorkstream child : parent.children) {
                    inheritFromParent(child, parent);
                    members.add(units.size());
                    targets.add(new Target(child, codes(child), List.of(units.size())));
                    units.add(child);
                }
                targets.add(new Target(parent, codes(parent), members));
            } else {
                List<String> codes = new ArrayList<>(codes(parent));
                for (DraftWorkstream child : parent.children) {
                    codes.addAll(codes(child));
                }
                targets.add(new Target(parent, codes, List.of(units.size())));
                units.add(parent);
            }
        }
    }

    private static void inheritFromParent(DraftWorkstream child, DraftWorkstream parent) {
        if (child.dependencies.isEmpty()) {
            parent.dependencies.stream().filter(ref -> !ref.fromSubItem()).forEach(child.dependencies::add);
        }
        if (child.label == null) {
            child.label = parent.label;
        }
        if (child.worker == null) {
            child.worker = parent.worker;
        }
        if (child.timeoutMinutes == null) {
            child.timeoutMinutes = parent.timeoutMinutes;
        }
        if (child.phase == null) {
            child.phase = parent.phase;
        }
        if (child.focus == null || child.focus.isBlank()) {
            child.focus = parent.focus;
        }
    }

    private static List<String> names(DraftWorkstream w) {
        List<String> names = new ArrayList<>();
        for (String name : new String[] {w.explicitId, w.name, w.title}) {
            if (name != null && !name.isBlank()) {
                names.add(name);
                names.add(Slugs.slug(name));
            }
        }
        if (w.keyword != null && w.code != null) {
            names.add(w.keyword + " " + w.code);
        }
        return names;
    }

    private static List<String> codes(DraftWorkstream w) {
        return w.code == null ? List.of() : List.of(w.code);
    }

    private void checkDuplicateNames(List<DraftWorkstream> units) {
        Map<String, DraftWorkstream> seen = new HashMap<>();
        for (DraftWorkstream unit : units) {
            String key = unit.explicitId != null
                    ? "id:" + unit.explicitId
                    : "name:" + ReferenceResolver.normalize(unit.name);
            DraftWorkstream first = seen.putIfAbsent(key, unit);
            if (first != null) {
                problems.add(new Problem(unit.line, "duplicate workstream '" + unit.displayName()
                        + "' (first defined at line " + first.line + "). Each workstream needs its own "
                        + (unit.explicitId != null ? "id" : "name") + ": rename one, or merge the two."));
            }
        }
    }

    private List<String> assignIds(List<DraftWorkstream> units) {
        List<String> names = new ArrayList<>();
        for (DraftWorkstream unit : units) {
            String name = unit.explicitId != null ? unit.explicitId : unit.name;
            if (unit.explicitId != null && !Slugs.slug(unit.explicitId).equals(unit.explicitId)) {
                warnings.add(at(unit.line) + "id '" + unit.explicitId + "' is not a safe branch and path name;"
                        + " using '" + Slugs.slug(unit.explicitId) + "' (lower case letters, digits, '.', '_', '-').");
            }
            names.add(name);
        }
        List<String> ids = Slugs.uniqueSlugs(names);
        for (int i = 0; i < ids.size(); i++) {
            String plain = Slugs.slug(names.get(i));
            if (!ids.get(i).equals(plain)) {
                warnings.add(at(units.get(i).line) + "'" + names.get(i) + "' gets id '" + ids.get(i)
                        + "' because '" + plain + "' is already taken or reserved.");
            }
        }
        return ids;
    }

    private void breakCycles(List<String> ids, Map<String, List<String>> dependsOn, List<DraftWorkstream> units)
            throws PlanException {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            order.put(ids.get(i), i);
        }
        Optional<List<String>> cycle;
        while ((cycle = CycleFinder.find(ids, dependsOn)).isPresent()) {
            List<String> path = cycle.get();
            String shown = String.join(" -> ", path);
            if (options.strictCycles()) {
                DraftWorkstream first = units.get(order.get(path.get(0)));
                throw new PlanException(source, first.line, "dependency cycle: " + shown + " (each depends on the"
                        + " next). A cycle can never start; remove one of these dependencies from the plan,"
                        + " or run without --strict to let dispatch-plan drop one by the plan's phases.");
            }
            DroppedEdge dropped = chooseEdgeToDrop(path, order, units);
            dependsOn.get(dropped.from()).remove(dropped.to());
            warnings.add("dependency cycle " + shown + ": dropped the dependency " + dropped.from() + " -> "
                    + dropped.to() + ", because " + dropped.reason() + ". Remove one of these dependencies"
                    + " from the plan to silence this, or use --strict to make cycles an error.");
        }
    }

    private record DroppedEdge(String from, String to, String reason) {}

    /** Drops the edge that goes most against the plan's own order: a later phase first, else document order. */
    private static DroppedEdge chooseEdgeToDrop(List<String> path, Map<String, Integer> order,
            List<DraftWorkstream> units) {
        DroppedEdge best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < path.size(); i++) {
            String from = path.get(i);
            String to = path.get(i + 1);
            DraftWorkstream dependent = units.get(order.get(from));
            DraftWorkstream dependency = units.get(order.get(to));
            double score;
            String reason;
            if (dependent.phase != null && dependency.phase != null && dependency.phase > dependent.phase) {
                score = 1_000_000 + dependency.phase - dependent.phase;
                reason = "the plan schedules " + from + " in phase " + dependent.phase + ", before " + to
                        + " in phase " + dependency.phase;
            } else {
                score = order.get(to) - order.get(from);
                reason = to + " comes after " + from + " in the plan";
            }
            if (score > bestScore) {
                bestScore = score;
                best = new DroppedEdge(from, to, reason);
            }
        }
        return best;
    }

    private String branch(String feature, String id, DraftWorkstream unit, PlanBranches branches) {
        if (unit.branch == null || unit.branch.isBlank()) {
            return feature + "/" + id;
        }
        String branch = unit.branch.strip();
        branches.problem(branch).ifPresent(why -> problems.add(new Problem(unit.line, "branch '" + branch
                + "' of '" + unit.displayName() + "' cannot be used: " + why + ". Change it in the plan, or"
                + " remove it to use the default '" + feature + "/" + id + "'.")));
        return branch;
    }

    private void throwIfProblems() throws PlanException {
        if (problems.isEmpty()) {
            return;
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        if (problems.size() == 1) {
            Problem only = problems.get(0);
            throw new PlanException(source, only.line(), only.message());
        }
        StringBuilder message = new StringBuilder(problems.size() + " problems:");
        for (Problem problem : problems.subList(0, Math.min(problems.size(), MAX_REPORTED_PROBLEMS))) {
            message.append(System.lineSeparator()).append("  ")
                    .append(at(problem.line())).append(problem.message());
        }
        if (problems.size() > MAX_REPORTED_PROBLEMS) {
            message.append(System.lineSeparator()).append("  ... and ")
                    .append(problems.size() - MAX_REPORTED_PROBLEMS).append(" more");
        }
        throw new PlanException(source, problems.get(0).line(), message.toString());
    }

    /** {@code "line 12: "}, or nothing when the line is not known. */
    static String at(int line) {
        return line > 0 ? "line " + line + ": " : "";
    }

    private static List<String> distinct(List<String> items) {
        return items.size() < 2 ? new ArrayList<>(items) : new ArrayList<>(new LinkedHashSet<>(items));
    }

    static String quotedList(List<String> items, String separator) {
        return String.join(separator, items.stream().map(s -> "'" + s + "'").toList());
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
