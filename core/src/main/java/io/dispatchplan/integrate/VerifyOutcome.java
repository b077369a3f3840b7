package io.dispatchplan.integrate;

import java.util.List;

/**
 * What the verify runs of an integration came to.
 *
 * @param verify the run standing for the integration branch as it was left (null when none could run)
 * @param message what the runs found, for a human; null when verify passed at once
 * @param merges the merge records when verifying changed them (culprits, branches left out); null when they stand
 */
record VerifyOutcome(VerifyRun verify, String message, List<MergeRecord> merges) {
}
