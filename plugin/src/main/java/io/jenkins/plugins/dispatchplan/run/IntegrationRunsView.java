package io.jenkins.plugins.dispatchplan.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The run page's verify and conflict-resolver runs, worded as INTEGRATION.md words them: {@code 2. The merges up to api
 * (schema, api) at 0123456789ab: passed in 41s.} and {@code 1. docs, app.txt: accepted as 89abcdef0123 (claude, $0.42,
 * 1m 5s). Conflicts in app.txt resolved by the resolver (claude).} Empty when the integration made none.
 */
public final class IntegrationRunsView {
    static final IntegrationRunsView NONE = new IntegrationRunsView(List.of(), List.of(), List.of(), null);

    private final List<Line> verifyRuns;
    private final List<String> breaksVerify;
    private final List<Line> resolverRuns;
    private final String resolverCost;

    private IntegrationRunsView(List<Line> verifyRuns, List<String> breaksVerify, List<Line> resolverRuns,
            String resolverCost) {
        this.verifyRuns = verifyRuns;
        this.breaksVerify = breaksVerify;
        this.resolverRuns = resolverRuns;
        this.resolverCost = resolverCost;
    }

    static IntegrationRunsView of(IntegrationRecord record, Collection<String> archivedPaths, String buildUrl) {
        List<Line> verify = new ArrayList<>();
        for (VerifyRunRecord run : record.getVerifyRuns()) {
            verify.add(new Line(run.getNumber(), verifyText(run),
                    IntegrationView.archived("log", run.getLogArtifact(), archivedPaths, buildUrl)));
        }
        List<Line> resolver = new ArrayList<>();
        for (ResolverRunRecord run : record.getResolverRuns()) {
            resolver.add(new Line(run.getNumber(), resolverText(run), null));
        }
        Double cost = record.getResolverCostUsd();
        return new IntegrationRunsView(verify, record.getBreaksVerify(), resolver, cost == null ? null
                : "The resolver cost " + WorkstreamRecord.costText(cost) + " in all, counted in the run's cost.");
    }

    /** {@code Every merge (schema, docs, api) at 0123456789ab: failed with exit code 1 in 12s.} */
    static String verifyText(VerifyRunRecord run) {
        StringBuilder text = new StringBuilder(capitalized(run.getTested()));
        if (!run.getMerged().isEmpty()) {
            text.append(" (").append(String.join(", ", run.getMerged())).append(')');
        }
        if (run.getCommit() != null) {
            text.append(" at ").append(shortSha(run.getCommit()));
        }
        text.append(": ").append(run.isPassed() ? "passed" : run.isTimedOut() ? "failed, timed out"
                : "failed with exit code " + run.getExitCode());
        String duration = WorkstreamRecord.durationText(run.getDurationMillis());
        return text.append(duration.isEmpty() ? "" : " in " + duration).append('.').toString();
    }

    /** {@code api, src/routes.ts: rejected (claude, session 6f2c..., $0.31, 2m 3s). The resolver's resolution was ...} */
    static String resolverText(ResolverRunRecord run) {
        StringBuilder text = new StringBuilder(run.getWorkstreamId());
        if (!run.getFiles().isEmpty()) {
            text.append(", ").append(String.join(", ", run.getFiles()));
        }
        text.append(": ").append(run.isAccepted() ? "accepted" : "rejected");
        if (run.isAccepted() && run.getMergeCommit() != null) {
            text.append(" as ").append(shortSha(run.getMergeCommit()));
        }
        List<String> details = new ArrayList<>();
        if (run.getWorker() != null && !run.getWorker().isEmpty()) {
            details.add(run.getWorker());
        }
        if (run.getSessionId() != null) {
            details.add("session " + run.getSessionId());
        }
        if (run.getCostUsd() != null) {
            details.add(WorkstreamRecord.costText(run.getCostUsd()));
        }
        String duration = WorkstreamRecord.durationText(run.getDurationMillis());
        if (!duration.isEmpty()) {
            details.add(duration);
        }
        if (!details.isEmpty()) {
            text.append(" (").append(String.join(", ", details)).append(')');
        }
        text.append('.');
        String reason = run.getReason();
        if (reason != null && !reason.isBlank()) {
            text.append(' ').append(capitalized(reason)).append(reason.endsWith(".") ? "" : ".");
        }
        return text.toString();
    }

    private static String capitalized(String text) {
        return text == null || text.isEmpty() ? "" : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }

    /** Every verify run, in order; empty when verify did not run. */
    public List<Line> getVerifyRuns() {
        return verifyRuns;
    }

    /** Each branch the verify runs found to break verify, with why. */
    public List<String> getBreaksVerify() {
        return breaksVerify;
    }

    /** Every conflict-resolver run, accepted or rejected, in order; empty without a resolver. */
    public List<Line> getResolverRuns() {
        return resolverRuns;
    }

    /** {@code The resolver cost $0.73 in all, counted in the run's cost.}, or null when no run reported a cost. */
    public String getResolverCost() {
        return resolverCost;
    }

    /** One numbered run: its text, and its log when archived. */
    public static final class Line {
        private final int number;
        private final String text;
        private final RunPageView.Link log;

        Line(int number, String text, RunPageView.Link log) {
            this.number = number;
            this.text = text;
            this.log = log;
        }

        public int getNumber() {
            return number;
        }

        public String getText() {
            return text;
        }

        /** Its archived log, or null. */
        public RunPageView.Link getLog() {
            return log;
        }

        @Override
        public String toString() {
            return number + ". " + text + (log == null ? "" : " [" + log + "]");
        }
    }
}
