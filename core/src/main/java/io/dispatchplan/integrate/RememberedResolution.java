package io.dispatchplan.integrate;

import java.util.Objects;

/**
 * What the resolver made of one conflicting merge, kept so that a resumed integration does not run it again: the
 * merge of {@code tip} onto {@code head}, and the run, whose {@link ResolverRun#mergeCommit()} is the resolution
 * commit when the checks accepted it (verify, when set, is asked again on resuming) and null when they rejected it.
 */
public record RememberedResolution(String head, String tip, ResolverRun run) {

    public RememberedResolution {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tip, "tip");
        Objects.requireNonNull(run, "run");
    }
}
