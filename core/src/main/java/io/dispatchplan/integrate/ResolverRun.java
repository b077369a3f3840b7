package io.dispatchplan.integrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the resolver worker on one conflicting merge.
 *
 * @param number 1 for the first resolution of the integration, then 2, 3...
 * @param workstreamId the workstream whose merge conflicted
 * @param worker the resolver's kind ({@code claude}, {@code command})
 * @param files the conflicted files it was given
 * @param accepted whether its resolution was accepted and committed as the merge
 * @param reason for a human: what it resolved, or why its resolution was rejected
 * @param mergeCommit the merge commit when accepted, else null
 * @param costUsd what it cost (Claude); null when unknown
 * @param sessionId its Claude session id; null for a command
 * @param duration how long the worker ran
 * @param directory its prompt (RESOLVE.md), logs and state
 */
public record ResolverRun(int number, String workstreamId, String worker, List<String> files, boolean accepted,
        String reason, String mergeCommit, Double costUsd, String sessionId, Duration duration, Path directory) {

    public ResolverRun {
        Objects.requireNonNull(workstreamId, "workstreamId");
        worker = worker == null ? "" : worker;
        files = files == null ? List.of() : List.copyOf(files);
        reason = reason == null ? "" : reason;
        duration = duration == null ? Duration.ZERO : duration;
    }
}
