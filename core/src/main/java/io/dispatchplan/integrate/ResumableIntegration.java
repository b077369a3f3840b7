package io.dispatchplan.integrate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an integration resumed across calls carries from one call to the next. Each call replays the integration
 * from the base; commits are made with {@code commitDate} as their date, so the replay makes the very same commits,
 * and what was already done is taken from here: the verify runs by tree, the resolver's outcomes by merge.
 *
 * @param commitDate the date of every commit the integration makes (the build's first call)
 * @param lastHead where the previous call left the integration branch (it may then be re-created without keeping
 *     it aside: the replay makes those commits again); null on the first call
 * @param verified the verify runs made so far
 * @param resolutions the resolver's outcomes so far
 */
public record ResumableIntegration(Instant commitDate, String lastHead, List<RecordedVerify> verified,
        List<RememberedResolution> resolutions) {

    public ResumableIntegration {
        Objects.requireNonNull(commitDate, "commitDate");
        verified = verified == null ? List.of() : List.copyOf(verified);
        resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
    }

    /** The first call of an integration that starts at {@code date}. */
    public static ResumableIntegration startingAt(Instant date) {
        return new ResumableIntegration(date, null, List.of(), List.of());
    }
}
