package io.dispatchplan.report;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.ResolverRun;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The conflict resolver's part of INTEGRATION.md: every run, accepted or rejected, with what it cost. */
final class ResolverSection {

    private ResolverSection() {
    }

    static void write(StringBuilder out, IntegrationResult i) {
        List<ResolverRun> runs = i.resolverRuns();
        if (runs.isEmpty()) {
            return;
        }
        out.append("## Conflict resolver\n\nEach conflicting merge was handed to the resolver worker in the "
                + "integration worktree. A resolution is committed (with a `Resolved-by` trailer) only when no conflict "
                + "marker is left, every conflicted file is resolved, nothing else changed and verify, if set, passes; "
                + "otherwise the merge was aborted and the branch left out as a conflict.\n\n");
        for (ResolverRun run : runs) {
            out.append(run.number()).append(". ").append(Markdown.code(run.workstreamId())).append(", ")
                    .append(String.join(", ", run.files().stream().map(Markdown::code).toList())).append(": ")
                    .append(run.accepted() ? "**accepted** as " + Markdown.code(IntegrationMarkdown.shortSha(
                            run.mergeCommit())) : "**rejected**")
                    .append(" (").append(Markdown.text(run.worker()));
            if (run.sessionId() != null) {
                out.append(", session ").append(Markdown.code(run.sessionId()));
            }
            if (run.costUsd() != null) {
                out.append(", ").append(dollars(run.costUsd()));
            }
            out.append(", ").append(IntegrationMarkdown.duration(run.duration())).append("). ");
            out.append(Markdown.text(VerifySection.capitalized(run.reason()))).append('.');
            if (run.directory() != null) {
                out.append(" Prompt and logs: ").append(Markdown.code(run.directory().toString()));
            }
            out.append('\n');
        }
        Double cost = i.resolverCostUsd();
        if (cost != null) {
            out.append("\nThe resolver cost ").append(dollars(cost)).append(" in all, counted in the run's cost.\n");
        }
        out.append('\n');
    }

    /** The reason the resolver's last resolution of {@code m} was rejected, if it was. */
    static Optional<String> rejection(IntegrationResult i, MergeRecord m) {
        List<ResolverRun> runs = i.resolverRuns().stream().filter(r -> r.workstreamId().equals(m.workstreamId()))
                .toList();
        return runs.isEmpty() || runs.get(runs.size() - 1).accepted() ? Optional.empty()
                : Optional.of(runs.get(runs.size() - 1).reason());
    }

    static String dollars(double usd) {
        return String.format(Locale.ROOT, "$%.2f", usd);
    }
}
