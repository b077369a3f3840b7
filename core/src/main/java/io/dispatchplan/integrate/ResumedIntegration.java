package io.dispatchplan.integrate;

import java.util.List;

/**
 * How one call of a resumable integration ended: with the integration's result, or at a verify run the caller must
 * make before calling again.
 *
 * @param result the integration's outcome; null while a verify run is pending
 * @param pending the verify run to make, the worktree at its commit; null when the integration is done
 * @param head where the integration branch is now (the next call's {@link ResumableIntegration#lastHead()})
 * @param resolutions every resolver outcome so far, earlier calls' included
 */
public record ResumedIntegration(IntegrationResult result, VerifyRequest pending, String head,
        List<RememberedResolution> resolutions) {

    public ResumedIntegration {
        resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
    }
}
