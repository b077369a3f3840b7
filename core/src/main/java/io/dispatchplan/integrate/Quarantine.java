package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The branches left out because verify fails with them (culprits), and those left out with them: a branch that
 * depends on a culprit, declared or because it holds the culprit's tip, cannot be kept without it.
 */
final class Quarantine {

    private final GitCli git;
    private final Path worktree;
    private final Map<String, BranchToMerge> requested = new LinkedHashMap<>();
    /** Culprit id to the tip of its branch that was merged. */
    private final Map<String, String> culprits = new LinkedHashMap<>();
    /** Left-out id to the culprit it holds. */
    private final Map<String, String> leftOut = new LinkedHashMap<>();

    Quarantine(GitCli git, Path worktree, List<BranchToMerge> branches) {
        this.git = git;
        this.worktree = worktree;
        branches.forEach(b -> requested.put(b.workstreamId(), b));
    }

    boolean isEmpty() {
        return culprits.isEmpty();
    }

    MergeRecord culprit(MergeRecord merged, String tip, VerifyRun failed) {
        culprits.put(merged.workstreamId(), tip);
        return merged.as(MergeStatus.BREAKS_VERIFY, null, "breaks verify: verify failed with it (run "
                + failed.number() + ") and passes without it; left out, its branch is kept as it is",
                failed.outputTail());
    }

    /** The culprit {@code b} (whose branch is at {@code tip}) cannot be kept without, if any. */
    Optional<String> blocker(BranchToMerge b, String tip) {
        for (String dependency : declaredDependencies(b)) {
            if (culprits.containsKey(dependency)) {
                return Optional.of(dependency);
            }
            if (leftOut.containsKey(dependency)) {
                return Optional.of(leftOut.get(dependency));
            }
        }
        if (tip != null) {
            for (Map.Entry<String, String> c : culprits.entrySet()) {
                if (git.isAncestor(worktree, c.getValue(), tip)) {
                    return Optional.of(c.getKey());
                }
            }
        }
        return Optional.empty();
    }

    MergeRecord leaveOut(MergeRecord record, String culprit) {
        leftOut.put(record.workstreamId(), culprit);
        return record.as(MergeStatus.LEFT_OUT, null, leftOutReason(culprit), null);
    }

    /** Undoes {@link #culprit} and the {@link #leaveOut}s it caused: {@code culprit} turned out not to be one. */
    void forget(String culprit) {
        culprits.remove(culprit);
        leftOut.values().removeIf(culprit::equals);
    }

    static String leftOutReason(String culprit) {
        return "left out: depends on " + culprit + ", which breaks verify";
    }

    /** {@code c breaks verify (left out with it: d, e); ...}, or empty when nothing is quarantined. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (String culprit : culprits.keySet()) {
            List<String> with = leftOut.entrySet().stream().filter(e -> e.getValue().equals(culprit))
                    .map(Map.Entry::getKey).toList();
            parts.add(culprit + " breaks verify" + (with.isEmpty() ? ""
                    : " (left out with it, as they depend on it: " + String.join(", ", with) + ")"));
        }
        return String.join("; ", parts);
    }

    int size() {
        return culprits.size() + leftOut.size();
    }

    /** Every workstream {@code b} depends on, directly or not, as the request declares them. */
    private Set<String> declaredDependencies(BranchToMerge b) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(b.dependsOn());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next) && requested.containsKey(next)) {
                todo.addAll(requested.get(next).dependsOn());
            }
        }
        return seen;
    }
}
