package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the merges that make verify fail, once it failed with every branch merged, by bisection over the merge
 * sequence: the first merges, in dependency order, form a tree that needs nothing merged later, so the shortest
 * failing run of first merges ends at a merge that breaks verify. That culprit, and the later branches that depend on
 * it, are left out; the merges after it are made again on the last passing commit, and verify runs on the result. If
 * it fails again the search goes on from there, so verify passes on the branch it leaves behind, unless verify fails
 * on the base alone: then no merge is to blame and every merge stays.
 *
 * <p>With one culprit among n merges this takes the failed run, about log2(n) runs of first merges, and one run on the
 * rebuilt branch. A tree verified before is not verified again.
 */
final class CulpritSearch {

    /** A merge in the current sequence: its branch, the tip that was merged, and its merge commit. */
    private record Step(BranchToMerge branch, String tip, String commit) {
        String id() {
            return branch.workstreamId();
        }
    }

    private final GitCli git;
    private final Path worktree;
    private final BranchMerger merger;
    private final VerifySession verify;
    private final Quarantine quarantine;
    private final String base;
    private final List<String> original = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();

    CulpritSearch(GitCli git, Path worktree, BranchMerger merger, VerifySession verify, Quarantine quarantine,
            String base) {
        this.git = git;
        this.worktree = worktree;
        this.merger = merger;
        this.verify = verify;
        this.quarantine = quarantine;
        this.base = base;
    }

    /**
     * Searches, the integration branch being at the last of {@code merges}, where verify failed in {@code failed}.
     *
     * @param branches the requested branches by id
     * @return the run standing for the branch the search leaves, what it found, and every merge record in request
     *     order, culprits and the branches left out with them updated
     */
    VerifyOutcome search(List<MergeRecord> merges, Map<String, BranchToMerge> branches, VerifyRun failed) {
        Map<String, MergeRecord> records = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (MergeRecord m : merges) {
            records.put(m.workstreamId(), m);
            if (m.status() == MergeStatus.MERGED) {
                steps.add(new Step(branches.get(m.workstreamId()), git.revParse(worktree, m.mergeCommit() + "^2"),
                        m.mergeCommit()));
                original.add(m.workstreamId());
            }
        }
        Map<String, MergeRecord> before = new LinkedHashMap<>(records);
        String fullHead = steps.get(steps.size() - 1).commit();
        int good = 0;
        VerifyRun goodRun = verify.known(base);
        int bad = steps.size();
        VerifyRun badRun = failed;
        while (true) {
            while (bad - good > 1) {
                int mid = (good + bad) >>> 1;
                VerifyRun run = verify.at(steps.get(mid - 1).commit(), label(steps, mid), ids(steps, mid));
                if (run.passed()) {
                    good = mid;
                    goodRun = run;
                } else {
                    bad = mid;
                    badRun = run;
                }
            }
            // The first `good` merges pass (or the base, not verified yet); one more fails: that one is to blame.
            boolean baseUnknown = good == 0 && goodRun == null;
            Step culprit = steps.get(good);
            records.put(culprit.id(), quarantine.culprit(records.get(culprit.id()), culprit.tip(), badRun));
            removed.add(culprit.id());
            List<Step> rest = new ArrayList<>(steps.subList(good + 1, steps.size()));
            steps = new ArrayList<>(steps.subList(0, good));
            verify.moveTo(good == 0 ? base : steps.get(good - 1).commit());
            for (Step step : rest) {
                var blocker = quarantine.blocker(step.branch(), step.tip());
                if (blocker.isPresent()) {
                    records.put(step.id(), quarantine.leaveOut(records.get(step.id()), blocker.get()));
                    removed.add(step.id());
                    continue;
                }
                MergeRecord again = merger.merge(step.branch(), base, steps.stream().map(s -> records.get(s.id()))
                        .toList());
                records.put(step.id(), again);
                if (again.status() == MergeStatus.MERGED) {
                    steps.add(new Step(step.branch(), step.tip(), again.mergeCommit()));
                } else {
                    removed.add(step.id());
                }
            }
            VerifyRun rebuilt = steps.size() == good && goodRun != null ? goodRun
                    : verify.atHead(label(steps, steps.size()), ids(steps, steps.size()));
            if (!rebuilt.passed() && baseUnknown) {
                VerifyRun baseRun = verify.at(base, label(steps, 0), List.of());
                if (!baseRun.passed()) {
                    quarantine.forget(culprit.id());
                    verify.moveTo(fullHead);
                    return new VerifyOutcome(failed, baseFails(baseRun), List.copyOf(before.values()));
                }
                goodRun = baseRun;
                verify.moveTo(steps.isEmpty() ? base : steps.get(steps.size() - 1).commit());
            }
            if (rebuilt.passed()) {
                int runs = verify.runs().size();
                return new VerifyOutcome(rebuilt, quarantine.describe() + ". The integration branch was rebuilt "
                        + "from the base without " + (quarantine.size() == 1 ? "it" : "them") + ", and verify passes on "
                        + "it (" + runs + " verify runs in all)", List.copyOf(records.values()));
            }
            bad = steps.size();
            badRun = rebuilt;
        }
    }

    static String baseFails(VerifyRun baseRun) {
        return "verify fails on the base alone (run " + baseRun.number() + ", on "
                + baseRun.commit().substring(0, Math.min(12, baseRun.commit().length())) + "), so no merge is to "
                + "blame and nothing was left out: fix the base or the verify command";
    }

    private static List<String> ids(List<Step> steps, int count) {
        return steps.subList(0, count).stream().map(Step::id).toList();
    }

    /** What the first {@code count} steps hold, for a human. */
    private String label(List<Step> steps, int count) {
        List<String> included = ids(steps, count);
        if (included.isEmpty()) {
            return "the base alone";
        }
        if (included.equals(original)) {
            return "every merge";
        }
        List<String> kept = original.stream().filter(id -> !removed.contains(id)).toList();
        if (included.equals(kept)) {
            return "every merge but " + String.join(", ", removed);
        }
        String last = included.get(included.size() - 1);
        List<String> without = original.subList(0, original.indexOf(last)).stream().filter(removed::contains)
                .toList();
        return "the merges up to " + last + (without.isEmpty() ? "" : " but " + String.join(", ", without));
    }
}
