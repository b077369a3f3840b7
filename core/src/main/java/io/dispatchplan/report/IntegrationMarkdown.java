package io.dispatchplan.report;

import io.dispatchplan.git.DiffStat;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.integrate.PredictedConflict;
import io.dispatchplan.process.ShellQuoting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * INTEGRATION.md: what a run produced, for a human deciding what to do next. A summary table per workstream, what
 * was merged (unstable ones flagged), the conflicts with their files, the branches that break verify, the conflict
 * resolver's runs, what was not merged and why, conflicts predicted before the integration, the verify result and runs, and next steps, with the git commands to resolve a conflicting branch by hand. Plan text is escaped.
 */
public final class IntegrationMarkdown {

    private IntegrationMarkdown() {
    }

    public static String write(RunReport r) {
        StringBuilder out = new StringBuilder();
        IntegrationResult integration = r.integration();
        out.append("# Integration report: ").append(Markdown.code(r.feature())).append("\n\n");
        if (r.planTitle() != null) {
            out.append("- Plan: ").append(Markdown.text(r.planTitle())).append('\n');
        }
        if (r.baseSha() != null) {
            out.append("- Base commit: ").append(Markdown.code(r.baseSha())).append('\n');
        }
        if (integration != null) {
            out.append("- Integration branch: ").append(Markdown.code(integration.integrationBranch())).append(" at ")
                    .append(Markdown.code(integration.headSha())).append('\n');
        }
        if (r.startedAt() != null) {
            out.append("- Run: started ").append(r.startedAt());
            if (r.finishedAt() != null) {
                out.append(", finished ").append(r.finishedAt()).append(", took ").append(duration(r.duration()));
            }
            out.append('\n');
        }
        ScheduleSection.budgetLine(out, r.schedule());
        out.append("- Result: ").append(verdict(r)).append("\n\n");
        summaryTable(out, r);
        ScheduleSection.rateLimits(out, r.schedule());
        if (integration == null) {
            out.append("## Integration\n\nThe integration did not run")
                    .append(r.integrationMessage() == null ? "." : ": " + Markdown.text(r.integrationMessage()))
                    .append("\n\n");
        } else {
            if (r.integrationMessage() != null) {
                out.append(Markdown.text(r.integrationMessage())).append("\n\n");
            }
            merged(out, r, integration);
            conflicts(out, integration);
            VerifySection.breaksVerify(out, integration);
            ResolverSection.write(out, integration);
        }
        notMerged(out, r);
        predictedConflicts(out, r);
        if (integration != null) {
            VerifySection.verify(out, integration);
        }
        NextSteps.write(out, r);
        return out.toString();
    }

    private static String verdict(RunReport r) {
        IntegrationResult i = r.integration();
        if (i == null) {
            return "**not integrated**";
        }
        List<String> issues = new ArrayList<>();
        count(issues, i.withStatus(MergeStatus.CONFLICT).size(), "conflict", "conflicts");
        count(issues, notMergedCount(r), "workstream not merged", "workstreams not merged");
        count(issues, i.withStatus(MergeStatus.NOT_REACHED).size(), "branch not reached", "branches not reached");
        count(issues, i.withStatus(MergeStatus.MISSING).size(), "branch missing", "branches missing");
        count(issues, i.withStatus(MergeStatus.FAILED).size(), "merge failed", "merges failed");
        count(issues, i.withStatus(MergeStatus.BREAKS_VERIFY).size(), "branch breaks verify", "branches break verify");
        count(issues, i.withStatus(MergeStatus.LEFT_OUT).size(), "branch left out", "branches left out");
        count(issues, (int) i.merges().stream().filter(m -> m.flagged() && m.status().integrated()).count(),
                "unstable workstream merged (flagged)", "unstable workstreams merged (flagged)");
        if (i.verify().ran() && !i.verify().passed()) {
            issues.add(i.verify().timedOut() ? "verify timed out" : "verify failed");
        }
        if (r.clean()) {
            return "**clean**: every branch is merged" + (i.verify().ran() ? " and verify passed" : "");
        }
        if (issues.isEmpty()) {
            issues.add("not every workstream succeeded");
        }
        return "**needs attention**: " + String.join(", ", issues);
    }

    private static void count(List<String> issues, int n, String one, String many) {
        if (n > 0) {
            issues.add(n + " " + (n == 1 ? one : many));
        }
    }

    private static int notMergedCount(RunReport r) {
        return (int) r.workstreams().stream().filter(w -> r.mergeOf(w.id()).isEmpty()).count();
    }

    private static void summaryTable(StringBuilder out, RunReport r) {
        out.append("## Workstreams\n\n");
        out.append("| Workstream | Status | Integration | Commits | Changes | Duration | Agent | Cost | Results |\n");
        out.append("|---|---|---|---:|---|---:|---|---:|---|\n");
        for (WorkstreamReport w : r.workstreams()) {
            out.append("| ").append(Markdown.code(w.id())).append(' ').append(Markdown.text(w.title()))
                    .append(" | ").append(Markdown.text(w.status()))
                    .append(" | ").append(integrationCell(r.mergeOf(w.id())))
                    .append(" | ").append(w.headSha() == null ? "-" : String.valueOf(w.commits()))
                    .append(" | ").append(changes(w.diffStat()))
                    .append(" | ").append(duration(Duration.ofMillis(w.durationMillis())))
                    .append(" | ").append(w.agent() == null ? "-" : Markdown.text(w.agent()))
                    .append(" | ").append(w.costUsd() == null ? "-" : ResolverSection.dollars(w.costUsd()))
                    .append(" | ").append(w.resultsFile() == null ? "none" : link("RESULTS.md", w.resultsFile()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static String integrationCell(Optional<MergeRecord> merge) {
        if (merge.isEmpty()) {
            return "not merged";
        }
        MergeRecord m = merge.get();
        return switch (m.status()) {
            case MERGED -> "merged " + Markdown.code(shortSha(m.mergeCommit())) + (m.flagged() ? " (flagged)" : "")
                    + (m.resolvedBy() == null ? "" : " (conflicts resolved by " + Markdown.text(m.resolvedBy()) + ")");
            case CONFLICT -> "**conflict**";
            case NOTHING_TO_MERGE -> "nothing to merge";
            case NOT_REACHED -> "not reached";
            case MISSING -> "branch missing";
            case FAILED -> "merge failed";
            case BREAKS_VERIFY -> "**breaks verify**";
            case LEFT_OUT -> "left out";
        };
    }

    private static void merged(StringBuilder out, RunReport r, IntegrationResult i) {
        List<MergeRecord> merged = i.withStatus(MergeStatus.MERGED);
        out.append("## Merged\n\n");
        if (merged.isEmpty()) {
            out.append("Nothing was merged.\n\n");
            return;
        }
        for (MergeRecord m : merged) {
            out.append("- ").append(Markdown.code(m.workstreamId())).append(" (").append(Markdown.code(m.branch()))
                    .append(") as ").append(Markdown.code(shortSha(m.mergeCommit())));
            if (m.flagged()) {
                String reason = r.workstream(m.workstreamId()).map(WorkstreamReport::reason).orElse(null);
                out.append(": **flagged**, the workstream was unstable")
                        .append(reason == null ? "" : " (" + Markdown.text(reason) + ")");
            }
            if (m.resolvedBy() != null) {
                out.append(m.flagged() ? "; " : ": ").append("conflicts in ")
                        .append(String.join(", ", m.conflictFiles().stream().map(Markdown::code).toList()))
                        .append(" resolved by the resolver (").append(Markdown.text(m.resolvedBy())).append(')');
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static void conflicts(StringBuilder out, IntegrationResult i) {
        List<MergeRecord> conflicts = i.withStatus(MergeStatus.CONFLICT);
        if (conflicts.isEmpty()) {
            return;
        }
        out.append("## Conflicts\n\nThese branches conflict with what was merged before them. They were left out; "
                + "the integration branch holds no conflict markers and each branch is kept as it is.\n\n");
        for (MergeRecord m : conflicts) {
            out.append("- ").append(Markdown.code(m.workstreamId())).append(" (").append(Markdown.code(m.branch()))
                    .append("): conflicts in ")
                    .append(String.join(", ", m.conflictFiles().stream().map(Markdown::code).toList()));
            if (!m.conflictsWith().isEmpty()) {
                out.append(" with ").append(String.join(", ", m.conflictsWith().stream().map(Markdown::code).toList()));
            }
            ResolverSection.rejection(i, m).ifPresent(reason -> out.append(" (").append(Markdown.text(reason)).append(')'));
            out.append('\n');
        }
        out.append('\n');
    }

    private static void predictedConflicts(StringBuilder out, RunReport r) {
        if (r.predictedConflicts().isEmpty()) {
            return;
        }
        out.append("## Predicted conflicts\n\nFound with git merge-tree as soon as both branches had finished, "
                + "before the integration:\n\n");
        for (PredictedConflict c : r.predictedConflicts()) {
            out.append("- ").append(Markdown.code(c.workstreamId())).append(" and ").append(Markdown.code(c.otherId()))
                    .append(" both change ")
                    .append(String.join(", ", c.files().stream().map(Markdown::code).toList())).append('\n');
        }
        out.append('\n');
    }

    private static void notMerged(StringBuilder out, RunReport r) {
        List<String> lines = new ArrayList<>();
        for (WorkstreamReport w : r.workstreams()) {
            Optional<MergeRecord> merge = r.mergeOf(w.id());
            if (merge.isEmpty()) {
                lines.add("- " + Markdown.code(w.id()) + " " + Markdown.text(w.status())
                        + (w.reason() == null ? "" : ": " + Markdown.text(w.reason()))
                        + (w.branch() == null || r.integration() == null ? ""
                                : ". Not merged; its branch " + Markdown.code(w.branch()) + " is kept for inspection"));
            } else if (merge.get().status() == MergeStatus.NOT_REACHED || merge.get().status() == MergeStatus.MISSING
                    || merge.get().status() == MergeStatus.FAILED) {
                lines.add("- " + Markdown.code(w.id()) + ": " + Markdown.text(merge.get().message()));
            }
        }
        if (!lines.isEmpty()) {
            out.append("## Not merged\n\n").append(String.join("\n", lines)).append("\n\n");
        }
    }

    static String changes(DiffStat stat) {
        if (stat == null) {
            return "-";
        }
        int files = stat.filesChanged();
        return files + (files == 1 ? " file" : " files") + ", +" + stat.insertions() + " -" + stat.deletions();
    }

    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long millis = d.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(12, sha.length()));
    }

    /** A link to a relative path; angle brackets keep spaces and parentheses in it from ending the link. */
    private static String link(String label, String path) {
        String target = path.replace("\\", "/").replace("<", "%3C").replace(">", "%3E").replaceAll("[\\r\\n]", "");
        return "[" + Markdown.text(label) + "](<" + target + ">)";
    }

    /** The argv as one shell line, for a code block a human copies. */
    static String shell(String... argv) {
        return ShellQuoting.quote(List.of(argv));
    }
}
