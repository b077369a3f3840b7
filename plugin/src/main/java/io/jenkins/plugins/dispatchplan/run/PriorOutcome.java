package io.jenkins.plugins.dispatchplan.run;

import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What an earlier build of the same job recorded for a workstream: the head its branch ended at, its status and
 * where its results are archived. A later build continues from it: a workstream whose branch is still at that
 * head is done; any other goes on from its branch, which must be that head or built on it.
 *
 * <p>Kept in {@code build.xml} with the row, so a build that ended before reaching a workstream (aborted, or its
 * controller lost) hands the earlier record on unchanged.
 */
@ExportedBean(defaultVisibility = 3)
public final class PriorOutcome {
    private final int build;
    private final String status;
    private final String headSha;
    private final String baseCommit;
    private final String resultsArtifact;
    private final int resultsBuild;
    private final String resultsMarkdown;
    private final String sessionId;

    PriorOutcome(int build, String status, String headSha, String baseCommit, String resultsArtifact,
            int resultsBuild, String resultsMarkdown, String sessionId) {
        this.build = build;
        this.status = status;
        this.headSha = headSha;
        this.baseCommit = baseCommit;
        this.resultsArtifact = resultsArtifact;
        this.resultsBuild = resultsBuild;
        this.resultsMarkdown = resultsMarkdown;
        this.sessionId = sessionId;
    }

    /**
     * What {@code row} of build {@code number} (run from {@code baseCommit}) hands to the next build: its own outcome
     * when it ended, else what it had been handed itself (it never ran: the build stopped first), else nothing.
     */
    static PriorOutcome of(WorkstreamRecord row, int number, String baseCommit) {
        if (!row.hasEnded()) {
            return row.getPrior();
        }
        if (row.getCarriedFromBuild() != null && row.getPrior() != null) {
            // Done earlier and carried: the results stay where they were archived first.
            PriorOutcome first = row.getPrior();
            return new PriorOutcome(number, row.getStatus(), row.getHeadSha(), baseCommit, first.resultsArtifact,
                    first.resultsBuild, first.resultsMarkdown, first.sessionId);
        }
        return new PriorOutcome(number, row.getStatus(), row.getHeadSha(), baseCommit, row.getResultsArtifact(),
                number, row.resultsMarkdown(), row.getSessionId());
    }

    /** The build that recorded this outcome. */
    @Exported
    public int getBuild() {
        return build;
    }

    @Exported
    public String getStatus() {
        return status;
    }

    /** The head the branch ended at in that build, or null when it was never collected. */
    @Exported
    public String getHeadSha() {
        return headSha;
    }

    /** The base commit that build ran from. */
    @Exported
    public String getBaseCommit() {
        return baseCommit;
    }

    /** RESULTS.md under the artifacts of build {@link #getResultsBuild()}, or null. */
    @Exported
    public String getResultsArtifact() {
        return resultsArtifact;
    }

    @Exported
    public int getResultsBuild() {
        return resultsBuild;
    }

    public String resultsMarkdown() {
        return resultsMarkdown;
    }

    public String getSessionId() {
        return sessionId;
    }

    /** Finished with success: under {@code rerun: 'unfinished'} such a workstream is not run again. */
    public boolean succeeded() {
        return "SUCCEEDED".equals(status) && headSha != null;
    }
}
