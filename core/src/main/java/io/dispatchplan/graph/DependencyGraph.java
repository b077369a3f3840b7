package io.dispatchplan.graph;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph of a validated (acyclic) plan, with the orders the schedule needs: topological
 * order, waves, critical path and each workstream's remaining chain. Ties keep plan order.
 */
public final class DependencyGraph implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> ids;
    private final Map<String, Integer> planIndex = new HashMap<>();
    private final Map<String, List<String>> dependsOn;
    private final Map<String, List<String>> dependents;
    private final Map<String, Double> weight;
    private final List<String> topologicalOrder;
    private final Map<String, Double> remainingChain;

    private DependencyGraph(List<String> ids, Map<String, List<String>> dependsOn, Map<String, Double> weight) {
        this.ids = List.copyOf(ids);
        for (int i = 0; i < ids.size(); i++) {
            planIndex.put(ids.get(i), i);
        }
        this.dependsOn = new LinkedHashMap<>();
        this.dependents = new LinkedHashMap<>();
        for (String id : ids) {
            this.dependsOn.put(id, List.copyOf(dependsOn.getOrDefault(id, List.of())));
            this.dependents.put(id, new ArrayList<>());
        }
        for (String id : ids) {
            for (String dependency : this.dependsOn.get(id)) {
                List<String> list = dependents.get(dependency);
                if (list == null) {
                    throw new IllegalArgumentException(id + " depends on unknown " + dependency);
                }
                list.add(id);
            }
        }
        this.weight = new HashMap<>(weight);
        this.topologicalOrder = computeTopologicalOrder();
        this.remainingChain = computeRemainingChain();
    }

    public static DependencyGraph of(Plan plan) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        Map<String, Double> weight = new HashMap<>();
        for (Workstream w : plan.workstreams()) {
            dependsOn.put(w.id(), w.dependsOn());
            weight.put(w.id(), w.estimate());
        }
        return new DependencyGraph(plan.ids(), dependsOn, weight);
    }

    /** A graph from plain maps; a missing weight counts 1. */
    public static DependencyGraph of(List<String> ids, Map<String, List<String>> dependsOn, Map<String, Double> weight) {
        return new DependencyGraph(ids, dependsOn, weight);
    }

    public List<String> ids() {
        return ids;
    }

    public List<String> dependsOn(String id) {
        return dependsOn.get(id);
    }

    public List<String> dependents(String id) {
        return Collections.unmodifiableList(dependents.get(id));
    }

    public double weight(String id) {
        return weight.getOrDefault(id, 1.0);
    }

    /** Every workstream that waits, directly or not, for {@code id}, in topological order. */
    public List<String> transitiveDependents(String id) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(dependents.get(id));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(dependents.get(next));
            }
        }
        return topologicalOrder.stream().filter(seen::contains).toList();
    }

    public List<String> topologicalOrder() {
        return topologicalOrder;
    }

    /** The direct dependencies of {@code id} in dependency order: a dependency's own dependencies come before it. */
    public List<String> dependenciesInOrder(String id) {
        List<String> direct = dependsOn(id);
        return topologicalOrder.stream().filter(direct::contains).toList();
    }

    /**
     * Waves: wave 0 has no dependencies, wave n holds what depends on something in wave n-1 at the latest.
     * This is the phase-by-phase schedule a plan implies when nothing overlaps.
     */
    public List<List<String>> waves() {
        Map<String, Integer> level = new HashMap<>();
        List<List<String>> waves = new ArrayList<>();
        for (String id : topologicalOrder) {
            int l = 0;
            for (String dependency : dependsOn.get(id)) {
                l = Math.max(l, level.get(dependency) + 1);
            }
            level.put(id, l);
            while (waves.size() <= l) {
                waves.add(new ArrayList<>());
            }
            waves.get(l).add(id);
        }
        List<List<String>> ordered = new ArrayList<>();
        for (List<String> wave : waves) {
            List<String> inPlanOrder = new ArrayList<>(wave);
            inPlanOrder.sort((a, b) -> Integer.compare(planIndex.get(a), planIndex.get(b)));
            ordered.add(List.copyOf(inPlanOrder));
        }
        return List.copyOf(ordered);
    }

    /** The heaviest chain of dependencies, first to last: no schedule can finish sooner than its weight. */
    public List<String> criticalPath() {
        String start = null;
        for (String id : ids) {
            if (dependsOn.get(id).isEmpty()
                    && (start == null || remainingChain.get(id) > remainingChain.get(start) + 1e-9)) {
                start = id;
            }
        }
        List<String> path = new ArrayList<>();
        for (String current = start; current != null; ) {
            path.add(current);
            String next = null;
            for (String dependent : dependents.get(current)) {
                if (next == null || remainingChain.get(dependent) > remainingChain.get(next) + 1e-9) {
                    next = dependent;
                }
            }
            current = next;
        }
        return List.copyOf(path);
    }

    /** Total weight of the critical path. */
    public double criticalPathLength() {
        return criticalPath().stream().mapToDouble(this::weight).sum();
    }

    /** The weight of the heaviest chain from {@code id} (included) to the end: the scheduling priority. */
    public double remainingChain(String id) {
        return remainingChain.get(id);
    }

    private List<String> computeTopologicalOrder() {
        Map<String, Integer> index = planIndex;
        Map<String, Integer> missing = new HashMap<>();
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>((a, b) -> index.get(a) - index.get(b));
        for (String id : ids) {
            missing.put(id, dependsOn.get(id).size());
            if (dependsOn.get(id).isEmpty()) {
                ready.add(id);
            }
        }
        List<String> order = new ArrayList<>(ids.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String dependent : dependents.get(id)) {
                if (missing.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() != ids.size()) {
            throw new IllegalArgumentException("the dependency graph has a cycle; read plans through PlanReader,"
                    + " which breaks or reports cycles");
        }
        return List.copyOf(order);
    }

    private Map<String, Double> computeRemainingChain() {
        Map<String, Double> chain = new HashMap<>();
        for (int i = topologicalOrder.size() - 1; i >= 0; i--) {
            String id = topologicalOrder.get(i);
            double longest = 0;
            for (String dependent : dependents.get(id)) {
                longest = Math.max(longest, chain.get(dependent));
            }
            chain.put(id, weight(id) + longest);
        }
        return chain;
    }
}
