package io.dispatchplan.run;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import io.dispatchplan.report.WorkstreamReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For {@code dispatch-plan integrate}: every workstream judged by its branch as it is, no worker run. A branch with
 * work beyond the base is merged, unless the earlier run recorded it failed and nobody touched it since (half-done
 * work is not merged by accident); a branch a person committed to is honoured. No branch, or nothing on it, is
 * skipped.
 */
final class BranchesAsTheyAre {
    private BranchesAsTheyAre() {
    }

    static Map<String, WorkstreamReport> judge(GitCli git, Path repository, Plan plan, String baseSha,
            Optional<PreviousRun> previous, String agent) {
        Map<String, WorkstreamReport> reports = new LinkedHashMap<>();
        for (Workstream w : plan.workstreams()) {
            Optional<WorkstreamReport> recorded = previous.flatMap(p -> p.outcome(w.id()));
            Optional<String> tip = git.tryRevParse(repository, "refs/heads/" + w.branch());
            int commits = tip.isEmpty() ? 0 : git.countCommits(repository, baseSha + ".." + tip.get());
            String status;
            String reason;
            if (commits == 0) {
                status = WorkstreamState.SKIPPED.name();
                reason = tip.isEmpty() ? "no branch " + w.branch() + ": it has not run" : "its branch holds nothing beyond"
                        + " the base";
            } else if (recorded.isEmpty()) {
                status = WorkstreamState.SUCCEEDED.name();
                reason = "merged as its branch is (no earlier run recorded it)";
            } else if (recorded.get().status().equals(WorkstreamState.FAILED.name())
                    && tip.get().equals(recorded.get().headSha())) {
                status = WorkstreamState.SKIPPED.name();
                reason = "it failed in the earlier run and its branch is as that run left it: not merged ("
                        + recorded.get().reason() + ")";
            } else if (recorded.get().headSha() != null && !tip.get().equals(recorded.get().headSha())) {
                status = recorded.get().status().equals(WorkstreamState.UNSTABLE.name())
                        ? WorkstreamState.UNSTABLE.name() : WorkstreamState.SUCCEEDED.name();
                reason = "its branch was changed after the earlier run: merged as it is";
            } else {
                status = recorded.get().status().equals(WorkstreamState.UNSTABLE.name())
                        ? WorkstreamState.UNSTABLE.name() : WorkstreamState.SUCCEEDED.name();
                reason = "merged as the earlier run left it";
            }
            WorkstreamReport base = recorded.orElse(null);
            reports.put(w.id(), new WorkstreamReport(w.id(), w.title(), status, reason,
                    base == null ? agent : base.agent(), base == null ? 0 : base.durationMillis(), w.branch(),
                    tip.orElse(null), commits, base == null ? null : base.diffStat(), base == null ? null : base.costUsd(),
                    base == null ? null : base.turns(), base == null ? null : base.sessionId(),
                    base == null ? 0 : base.attempts(), base == null ? null : base.resultsFile()));
        }
        return reports;
    }
}
