package io.dispatchplan.report;

import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.integrate.VerifyResult;
import io.dispatchplan.integrate.VerifyRun;
import java.util.List;
import java.util.Locale;

/**
 * The verify parts of INTEGRATION.md: the branches that break verify (with what verify printed) and those left out
 * with them, then the verify result and every verify run with its commit and last lines of output.
 */
final class VerifySection {

    private VerifySection() {
    }

    static void breaksVerify(StringBuilder out, IntegrationResult i) {
        List<MergeRecord> culprits = i.withStatus(MergeStatus.BREAKS_VERIFY);
        List<MergeRecord> leftOut = i.withStatus(MergeStatus.LEFT_OUT);
        if (culprits.isEmpty() && leftOut.isEmpty()) {
            return;
        }
        out.append("## Breaks verify\n\nThese branches merge cleanly, but verify fails with them and passes without "
                + "them. They were left out of the integration branch, with the branches that depend on them; each "
                + "branch is kept as it is.\n\n");
        for (MergeRecord m : culprits) {
            out.append("- ").append(Markdown.code(m.workstreamId())).append(" (").append(Markdown.code(m.branch()))
                    .append("): ").append(Markdown.text(m.message()));
            if (m.verifyOutput() != null && !m.verifyOutput().isBlank()) {
                out.append(". Verify's last lines with it:\n\n").append(indented(Markdown.block("text",
                        m.verifyOutput()), "  "));
            }
            out.append('\n');
        }
        for (MergeRecord m : leftOut) {
            out.append("- ").append(Markdown.code(m.workstreamId())).append(" (").append(Markdown.code(m.branch()))
                    .append("): ").append(Markdown.text(m.message())).append('\n');
        }
        out.append('\n');
    }

    static void verify(StringBuilder out, IntegrationResult i) {
        VerifyResult v = i.verify();
        out.append("## Verify\n\n");
        if (!v.ran()) {
            out.append(i.stopped() ? "Not run: the integration stopped at a conflict.\n\n"
                    : "No verify command is configured.\n\n");
            listRuns(out, i.verifyRuns());
            return;
        }
        if (v.passed()) {
            out.append("Passed in ").append(IntegrationMarkdown.duration(v.duration())).append('.');
        } else if (v.timedOut()) {
            out.append("**Timed out** after ").append(IntegrationMarkdown.duration(v.duration()))
                    .append(" and was killed.");
        } else {
            out.append("**Failed** with exit code ").append(v.exitCode()).append(" after ")
                    .append(IntegrationMarkdown.duration(v.duration())).append('.');
        }
        if (v.logFile() != null) {
            out.append(" Log: ").append(Markdown.code(v.logFile().toString()));
        }
        out.append("\n\n");
        if (i.verifyMessage() != null) {
            out.append(Markdown.text(i.verifyMessage())).append("\n\n");
        }
        listRuns(out, i.verifyRuns());
    }

    private static void listRuns(StringBuilder out, List<VerifyRun> runs) {
        if (runs.size() < 2 && runs.stream().allMatch(VerifyRun::passed)) {
            return;
        }
        out.append("Verify runs:\n\n");
        for (VerifyRun run : runs) {
            out.append(run.number()).append(". ").append(Markdown.text(capitalized(run.tested()))).append(" at ")
                    .append(Markdown.code(IntegrationMarkdown.shortSha(run.commit()))).append(": ")
                    .append(run.passed() ? "passed" : "**failed**");
            if (!run.passed()) {
                out.append(run.timedOut() ? ", timed out" : " with exit code " + run.exitCode());
            }
            out.append(" in ").append(IntegrationMarkdown.duration(run.duration())).append('.');
            if (run.logFile() != null) {
                out.append(" Log: ").append(Markdown.code(run.logFile().toString()));
            }
            out.append('\n');
            if (!run.outputTail().isBlank()) {
                out.append('\n').append(indented(Markdown.block("text", run.outputTail()), "   "));
            }
        }
        out.append('\n');
    }

    static String capitalized(String text) {
        return text == null || text.isEmpty() ? "" : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** A block inside a list item: every line indented to the item's text. */
    private static String indented(String block, String indent) {
        StringBuilder out = new StringBuilder();
        block.lines().forEach(line -> out.append(line.isEmpty() ? "" : indent).append(line).append('\n'));
        return out.toString();
    }
}
