package io.jenkins.plugins.dispatchplan.run;

import hudson.model.Run;
import java.util.Objects;

/**
 * Finds what earlier builds of the job did with the same plan, so a build continues it (the nightly case): each
 * workstream's row is handed the outcome the nearest earlier build recorded for it ({@link PriorOutcome}).
 */
public final class EarlierBuilds {
    /** Builds looked back through for one with the same plan. */
    static final int LOOK_BACK = 50;

    private EarlierBuilds() {
    }

    /**
     * Hands the rows of {@code action} (this build's) the outcomes of the nearest earlier build of the job that ran the
     * same feature from the same repository.
     *
     * @return that build's number, or null when there is none
     */
    public static Integer continueFrom(Run<?, ?> run, DispatchPlanAction action) {
        Run<?, ?> earlier = run.getPreviousBuild();
        for (int i = 0; earlier != null && i < LOOK_BACK; i++, earlier = earlier.getPreviousBuild()) {
            DispatchPlanAction found = earlier.getAction(DispatchPlanAction.class);
            if (found != null && samePlan(found, action)) {
                carry(found, earlier.getNumber(), action);
                return earlier.getNumber();
            }
        }
        return null;
    }

    static boolean samePlan(DispatchPlanAction earlier, DispatchPlanAction now) {
        return earlier.getFeature().equals(now.getFeature())
                && Objects.equals(earlier.settings().getRepository(), now.settings().getRepository());
    }

    /** Hands each row of {@code now} what the row of the same id and branch in build {@code number} records. */
    public static void carry(DispatchPlanAction earlier, int number, DispatchPlanAction now) {
        for (WorkstreamRecord row : now.getWorkstreams()) {
            for (WorkstreamRecord before : earlier.getWorkstreams()) {
                if (before.getId().equals(row.getId()) && before.getBranch().equals(row.getBranch())) {
                    row.prior(PriorOutcome.of(before, number, earlier.settings().getBaseCommit()));
                }
            }
        }
    }

    /** For the log: what each workstream takes from the earlier build ({@code api done at 1a2b3c4d5e6f, ui runs again}). */
    public static String describe(DispatchPlanAction action, boolean rerunAll) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (WorkstreamRecord row : action.getWorkstreams()) {
            PriorOutcome prior = row.getPrior();
            if (prior == null) {
                parts.add(row.getId() + " new");
            } else if (prior.succeeded() && !rerunAll) {
                parts.add(row.getId() + " done if its branch is still at " + prior.getHeadSha().substring(0, 12));
            } else {
                parts.add(row.getId() + " runs again (" + prior.getStatus().toLowerCase(java.util.Locale.ROOT)
                        + " in #" + prior.getBuild() + ")");
            }
        }
        return String.join(", ", parts);
    }
}
