package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Branch clashes are found by lookup, and give the same answer as comparing each branch with every earlier one:
 * the first clashing workstream in plan order, for the same reason.
 */
class PlanBranchesTest {

    @Property(tries = 300)
    void lookupFindsTheSameClashesAsComparingWithEveryEarlierBranch(@ForAll("branches") List<String> branches) {
        PlanBranches plan = new PlanBranches("feat", null);
        List<String[]> earlier = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            String branch = branches.get(i);
            Optional<String> expected = everyEarlier(earlier, "w" + i, branch);
            Optional<String> actual = plan.add("w" + i, branch, i + 1).map(PlanBranches.Problem::message);
            assertThat(actual).as("%s after %s", branch, branches.subList(0, i)).isEqualTo(expected);
            if (expected.isEmpty()) {
                earlier.add(new String[] {"w" + i, branch});
            }
        }
    }

    @Provide
    Arbitrary<List<String>> branches() {
        return Arbitraries.of("a", "A", "a/b", "A/b", "a/B", "b", "a/b/c", "a/c", "x/a", "x/A", "x", "X/a/b", "x/a/b")
                .list().ofMaxSize(8);
    }

    /** What the rule says, checked the slow way: the first earlier branch that is one ref with this one. */
    private static Optional<String> everyEarlier(List<String[]> earlier, String id, String branch) {
        for (String[] other : earlier) {
            String lower = branch.toLowerCase(Locale.ROOT);
            String otherLower = other[1].toLowerCase(Locale.ROOT);
            if (other[1].equals(branch)) {
                return Optional.of("workstreams '" + other[0] + "' and '" + id + "' both use branch '" + branch
                        + "'. Give each workstream its own branch.");
            }
            if (otherLower.equals(lower)) {
                return Optional.of("workstreams '" + other[0] + "' and '" + id + "' both use branch '" + branch
                        + "' (ignoring case: '" + other[1] + "' and '" + branch + "' are one branch on Windows and"
                        + " macOS). Give each workstream its own branch.");
            }
            if (lower.startsWith(otherLower + "/") || otherLower.startsWith(lower + "/")) {
                return Optional.of("workstreams '" + other[0] + "' and '" + id + "' use branches '" + other[1]
                        + "' and '" + branch + "': git cannot have both (a branch cannot also be a folder of"
                        + " branches). Rename one.");
            }
        }
        return Optional.empty();
    }
}
