package io.dispatchplan.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random acyclic graphs for property tests and benchmarks: edges only point to earlier nodes. */
public final class RandomDags {
    private RandomDags() {}

    public static DependencyGraph generate(long seed, int nodes, double edgeProbability, boolean randomWeights) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        Map<String, Double> weight = new HashMap<>();
        for (int i = 0; i < nodes; i++) {
            String id = "w" + i;
            ids.add(id);
            List<String> deps = new ArrayList<>();
            for (int j = Math.max(0, i - 20); j < i; j++) {
                if (random.nextDouble() < edgeProbability) {
                    deps.add("w" + j);
                }
            }
            dependsOn.put(id, deps);
            weight.put(id, randomWeights ? 1 + random.nextInt(10) : 1.0);
        }
        return DependencyGraph.of(ids, dependsOn, weight);
    }
}
