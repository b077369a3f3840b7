package io.dispatchplan.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds one dependency cycle, iteratively so that long chains cannot overflow the stack. */
final class CycleFinder {
    private CycleFinder() {}

    /**
     * A cycle as the path {@code a, b, ..., a} where each id depends on the next, or empty if the graph
     * is acyclic. Ids are visited in the given order so the same plan always reports the same cycle.
     */
    static Optional<List<String>> find(List<String> ids, Map<String, List<String>> dependsOn) {
        Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the path, 2: done
        for (String start : ids) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            path.push(start);
            pending.push(dependsOn.getOrDefault(start, List.of()).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                Iterator<String> next = pending.peek();
                if (next.hasNext()) {
                    String dependency = next.next();
                    Integer seen = state.get(dependency);
                    if (seen == null) {
                        state.put(dependency, 1);
                        path.push(dependency);
                        pending.push(dependsOn.getOrDefault(dependency, List.of()).iterator());
                    } else if (seen == 1) {
                        return Optional.of(cycleEndingAt(path, dependency));
                    }
                } else {
                    state.put(path.pop(), 2);
                    pending.pop();
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> cycleEndingAt(Deque<String> path, String repeated) {
        List<String> cycle = new ArrayList<>();
        for (String id : path) { // iterates from the top of the stack: the most recent first
            cycle.add(id);
            if (id.equals(repeated)) {
                break;
            }
        }
        Collections.reverse(cycle);
        cycle.add(repeated);
        return cycle;
    }
}
