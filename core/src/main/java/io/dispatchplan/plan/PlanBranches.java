package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The branch rules that depend on the plan, checked when the plan is read rather than failing halfway through
 * a run: a workstream's branch is a new branch of its own, so not {@code HEAD}, not a full ref, not the
 * integration branch or the base branch, no Windows device name as a part, and no two branches may be one ref
 * for git (the same name, the same name but for case on Windows and macOS, or one a folder of the other).
 */
final class PlanBranches {
    private static final String HEADS = "refs/heads/";

    private final String feature;
    private final String integration;
    private final String baseBranch;
    private final List<Assigned> assigned = new ArrayList<>();
    /** The branches recorded so far by their lower-case name, and by each folder their lower-case names imply. */
    private final Map<String, Integer> byLowerName = new HashMap<>();
    private final Map<String, Integer> byLowerFolder = new HashMap<>();

    /** A workstream's branch and where the plan gives it. */
    record Assigned(String id, String branch, int line) {}

    /** A problem to report at a line. */
    record Problem(int line, String message) {}

    PlanBranches(String feature, String baseBranch) {
        this.feature = feature;
        this.integration = feature + "/" + Slugs.INTEGRATION;
        this.baseBranch = baseBranch == null || baseBranch.isBlank() ? null : baseBranch.strip();
    }

    /** Why a branch the plan gives cannot be a workstream's own branch, or empty if it can. */
    Optional<String> problem(String branch) {
        Optional<String> gitRule = BranchNames.problem(branch);
        if (gitRule.isPresent()) {
            return gitRule;
        }
        if (branch.equals("HEAD")) {
            return Optional.of("'HEAD' names whatever is checked out, not a branch");
        }
        if (branch.startsWith("refs/")) {
            return Optional.of(branch.startsWith(HEADS) && branch.length() > HEADS.length()
                    ? "write the branch name without 'refs/heads/' ('" + branch.substring(HEADS.length()) + "')"
                    : "it is a ref path, not a branch name; give a branch name such as 'feature/x'");
        }
        for (String part : branch.split("/")) {
            if (Slugs.isWindowsDeviceName(part)) {
                return Optional.of("'" + part + "' is a device name on Windows, where git cannot create this branch");
            }
        }
        if (sameRef(branch, integration)) {
            return Optional.of("it is the integration branch, which dispatch-plan creates to merge every"
                    + " workstream into");
        }
        if (baseBranch != null && sameRef(branch, baseBranch)) {
            return Optional.of("it is the plan's baseBranch, which every workstream starts from; the workers would"
                    + " commit straight onto it");
        }
        if (sameRef(branch, feature)) {
            return Optional.of("git keeps '" + integration + "' and the default branches under '" + feature
                    + "/', and a branch cannot also be a folder of branches");
        }
        if (folderOf(integration, branch) || folderOf(branch, integration)) {
            return Optional.of("git cannot have it next to the integration branch '" + integration + "' (a branch"
                    + " cannot also be a folder of branches)");
        }
        if (baseBranch != null && (folderOf(baseBranch, branch) || folderOf(branch, baseBranch))) {
            return Optional.of("git cannot have it next to the baseBranch '" + baseBranch + "' (a branch cannot"
                    + " also be a folder of branches)");
        }
        return Optional.empty();
    }

    /**
     * Records a workstream's branch; returns the problem if an earlier workstream's branch is the same ref, the
     * first such workstream in plan order. The branches recorded never clash with each other, so only those with
     * the same lower-case name, a lower-case folder of it, or it as a folder can clash: found by lookup, not by
     * comparing with every branch (a plan of thousands of workstreams).
     */
    Optional<Problem> add(String id, String branch, int line) {
        String lower = branch.toLowerCase(Locale.ROOT);
        int first = Integer.MAX_VALUE;
        first = Math.min(first, byLowerName.getOrDefault(lower, Integer.MAX_VALUE));
        first = Math.min(first, byLowerFolder.getOrDefault(lower, Integer.MAX_VALUE));
        for (int slash = lower.indexOf('/'); slash >= 0; slash = lower.indexOf('/', slash + 1)) {
            first = Math.min(first, byLowerName.getOrDefault(lower.substring(0, slash), Integer.MAX_VALUE));
        }
        if (first != Integer.MAX_VALUE) {
            Optional<Problem> clash = clash(assigned.get(first), id, branch, line);
            if (clash.isPresent()) {
                return clash;
            }
        }
        byLowerName.putIfAbsent(lower, assigned.size());
        for (int slash = lower.indexOf('/'); slash >= 0; slash = lower.indexOf('/', slash + 1)) {
            byLowerFolder.putIfAbsent(lower.substring(0, slash), assigned.size());
        }
        assigned.add(new Assigned(id, branch, line));
        return Optional.empty();
    }

    /** The problem of {@code branch} next to {@code other}'s, if they are one ref for git. */
    private static Optional<Problem> clash(Assigned other, String id, String branch, int line) {
        if (other.branch().equals(branch)) {
            return Optional.of(new Problem(line, "workstreams '" + other.id() + "' and '" + id + "' both use"
                    + " branch '" + branch + "'. Give each workstream its own branch."));
        }
        if (sameRef(other.branch(), branch)) {
            return Optional.of(new Problem(line, "workstreams '" + other.id() + "' and '" + id + "' both use"
                    + " branch '" + branch + "' (ignoring case: '" + other.branch() + "' and '" + branch
                    + "' are one branch on Windows and macOS). Give each workstream its own branch."));
        }
        if (folderOf(other.branch(), branch) || folderOf(branch, other.branch())) {
            return Optional.of(new Problem(line, "workstreams '" + other.id() + "' and '" + id + "' use"
                    + " branches '" + other.branch() + "' and '" + branch + "': git cannot have both (a branch"
                    + " cannot also be a folder of branches). Rename one."));
        }
        return Optional.empty();
    }

    private static boolean sameRef(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** True when {@code folder} would have to be a directory holding {@code branch}. */
    private static boolean folderOf(String folder, String branch) {
        return branch.toLowerCase(Locale.ROOT).startsWith(folder.toLowerCase(Locale.ROOT) + "/");
    }
}
