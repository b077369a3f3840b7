package io.dispatchplan.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static DependencyGraph diamond() {
        return DependencyGraph.of(List.of("a", "b", "c", "d"),
                Map.of("b", List.of("a"), "c", List.of("a"), "d", List.of("b", "c")),
                Map.of("a", 1.0, "b", 5.0, "c", 2.0, "d", 1.0));
    }

    @Test
    void wavesGroupWhatCanRunTogether() {
        assertThat(diamond().waves()).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    }

    @Test
    void criticalPathFollowsTheHeaviestChain() {
        DependencyGraph graph = diamond();
        assertThat(graph.criticalPath()).containsExactly("a", "b", "d");
        assertThat(graph.criticalPathLength()).isEqualTo(7.0);
        assertThat(graph.remainingChain("c")).isEqualTo(3.0);
    }

    @Test
    void transitiveDependentsInTopologicalOrder() {
        assertThat(diamond().transitiveDependents("a")).containsExactly("b", "c", "d");
        assertThat(diamond().transitiveDependents("d")).isEmpty();
    }

    @Property(tries = 200)
    void ordersRespectEveryEdge(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int nodes,
            @ForAll @DoubleRange(min = 0, max = 0.5) double density) {
        DependencyGraph graph = RandomDags.generate(seed, nodes, density, true);
        List<String> order = graph.topologicalOrder();
        Map<String, Integer> wave = new HashMap<>();
        List<List<String>> waves = graph.waves();
        for (int i = 0; i < waves.size(); i++) {
            for (String id : waves.get(i)) {
                wave.put(id, i);
            }
        }
        assertThat(order).hasSize(nodes).doesNotHaveDuplicates();
        for (String id : graph.ids()) {
            for (String dependency : graph.dependsOn(id)) {
                assertThat(order.indexOf(dependency)).isLessThan(order.indexOf(id));
                assertThat(wave.get(dependency)).isLessThan(wave.get(id));
            }
        }
        assertThat(graph.criticalPathLength()).isEqualTo(longestPathByBruteForce(graph));
        List<String> path = graph.criticalPath();
        for (int i = 1; i < path.size(); i++) {
            assertThat(graph.dependsOn(path.get(i))).contains(path.get(i - 1));
        }
    }

    /** Longest weighted path, computed the slow obvious way: from every node, every path. */
    private static double longestPathByBruteForce(DependencyGraph graph) {
        double best = 0;
        for (String id : graph.ids()) {
            best = Math.max(best, longestEndingAt(graph, id, new HashMap<>()));
        }
        return best;
    }

    private static double longestEndingAt(DependencyGraph graph, String id, Map<String, Double> memo) {
        Double known = memo.get(id);
        if (known != null) {
            return known;
        }
        double longest = 0;
        for (String dependency : graph.dependsOn(id)) {
            longest = Math.max(longest, longestEndingAt(graph, dependency, memo));
        }
        double result = longest + graph.weight(id);
        memo.put(id, result);
        return result;
    }
}
