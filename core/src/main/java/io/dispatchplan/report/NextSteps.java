package io.dispatchplan.report;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import java.util.List;

/** The "Next steps" section of INTEGRATION.md: what a human does now, with the git commands. */
final class NextSteps {

    /** How to run the integration again from the command line. */
    static final String AGAIN = "`dispatch-plan integrate <plan>` with the same options, or the same"
            + " `dispatch-plan run` command";

    private NextSteps() {
    }

    static void write(StringBuilder out, RunReport r) {
        IntegrationResult i = r.integration();
        out.append("## Next steps\n\n");
        if (i == null) {
            out.append("Fix what kept the integration from running (above), then run it again.\n");
            return;
        }
        String integration = i.integrationBranch();
        if (i.stopped()) {
            out.append("The integration stopped at the first conflict (conflict policy STOP), so later branches were "
                    + "not tried. Resolve the conflict as below and run the integration again, or run it with the "
                    + "SKIP policy to merge every branch that merges cleanly.\n\n");
        }
        for (MergeRecord conflict : i.withStatus(MergeStatus.CONFLICT)) {
            conflict(out, conflict, integration);
        }
        for (MergeRecord m : i.merges()) {
            if (m.flagged() && m.status() == MergeStatus.MERGED) {
                out.append("- ").append(Markdown.code(m.workstreamId())).append(" was merged although it was unstable;"
                        + " review what it changed: ").append(Markdown.code(IntegrationMarkdown.shell(
                                "git", "show", "--stat", "--first-parent", m.mergeCommit()))).append('\n');
            }
        }
        for (MergeRecord m : i.withStatus(MergeStatus.BREAKS_VERIFY)) {
            out.append("- ").append(Markdown.code(m.workstreamId())).append(" breaks verify (its output is above): fix "
                    + "it on its branch, ").append(Markdown.code(IntegrationMarkdown.shell("git", "checkout", m.branch())))
                    .append(", then run the integration again; the branches left out with it merge again too.\n");
        }
        boolean unmerged = r.workstreams().stream().anyMatch(w -> r.mergeOf(w.id()).isEmpty());
        if (unmerged) {
            out.append("- Failed and skipped workstreams were not merged; their branches are kept. Fix the cause "
                    + "given above and run the plan again.\n");
        }
        if (i.verify().ran() && !i.verify().passed()) {
            out.append("- Verify did not pass on the integrated tree: read its log, fix the cause on the workstream "
                    + "branch it belongs to, and run the integration again.\n");
        }
        if (i.clean() && !unmerged) {
            out.append("Everything is merged. Review the integration branch, then merge it into your base branch:\n\n");
        } else {
            out.append("\nWhen the integration branch is as you want it, review it and merge it into your base "
                    + "branch:\n\n");
        }
        out.append(Markdown.block("sh", String.join("\n",
                IntegrationMarkdown.shell("git", "log", "--first-parent", "--oneline",
                        IntegrationMarkdown.shortSha(i.baseSha() == null ? r.baseSha() : i.baseSha()) + ".."
                                + integration),
                IntegrationMarkdown.shell("git", "merge", "--no-ff", integration))));
    }

    private static void conflict(StringBuilder out, MergeRecord m, String integration) {
        String files = String.join(", ", m.conflictFiles().stream().map(Markdown::code).toList());
        out.append("### Resolving ").append(Markdown.code(m.workstreamId())).append(" by hand\n\n")
                .append("Its branch ").append(Markdown.code(m.branch())).append(" conflicts in ").append(files)
                .append(". Either resolve in the workstream branch, so that running the integration again merges it "
                        + "cleanly (recommended):\n\n");
        List<String> fileArgs = m.conflictFiles();
        String add = IntegrationMarkdown.shell(concat(List.of("git", "add", "--"), fileArgs));
        out.append(Markdown.block("sh", String.join("\n",
                IntegrationMarkdown.shell("git", "checkout", m.branch()),
                IntegrationMarkdown.shell("git", "merge", integration),
                "# edit the conflicting files, then:",
                add,
                IntegrationMarkdown.shell("git", "commit", "--no-edit"))));
        out.append("\nand run the integration again (" + AGAIN + "; your commit on the branch is honoured, its worker does"
                + " not run again); or resolve it on the integration branch itself (a later run will then keep that"
                + " branch instead of re-creating it):\n\n");
        out.append(Markdown.block("sh", String.join("\n",
                IntegrationMarkdown.shell("git", "checkout", integration),
                IntegrationMarkdown.shell("git", "merge", "--no-ff", "-m",
                        "Merge workstream " + m.workstreamId() + " (" + m.branch() + ")", m.branch()),
                "# edit the conflicting files, then:",
                add,
                IntegrationMarkdown.shell("git", "commit", "--no-edit"))));
        out.append('\n');
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
