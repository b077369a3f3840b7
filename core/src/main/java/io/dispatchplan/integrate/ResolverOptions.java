package io.dispatchplan.integrate;

import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The worker that resolves conflicting merges ({@link ConflictResolver}), and how.
 *
 * @param worker the resolver: a Claude worker (give it {@link ResolverPrompt#forClaude} so it gets the resolver's
 *     prompt) or a command worker
 * @param timeout how long one resolution may run before its process tree is killed; null for
 *     {@link #DEFAULT_TIMEOUT}
 * @param mayEditOtherFiles accept a resolution that also changed files outside the conflicted ones (off: such a
 *     resolution is rejected)
 * @param workDir where each resolution gets a directory of its own ({@code <id>}, then {@code <id>-2}...) with its
 *     prompt, logs and worker state; outside the integration worktree
 * @param notesDir where each workstream's archived TASKS.md and RESULTS.md are ({@code <notesDir>/<id>/}), for the
 *     prompt; null when there are none
 * @param environment more variables for the resolver (the API key, the commit identity); never logged
 * @param job names the run, for the resolver's session ids
 * @param secrets values masked in the resolver's logs; null for none
 */
public record ResolverOptions(Worker worker, Duration timeout, boolean mayEditOtherFiles, Path workDir, Path notesDir,
        Map<String, String> environment, String job, Secrets secrets) {

    /** A resolution that runs longer is stopped and rejected, unless the options say otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);

    public ResolverOptions {
        Objects.requireNonNull(worker, "worker");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("the resolver's timeout must be positive, got " + timeout);
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        notesDir = notesDir == null ? null : notesDir.toAbsolutePath().normalize();
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        job = job == null ? "" : job;
        secrets = secrets == null ? Secrets.NONE : secrets;
    }

    /** {@code worker} with the default timeout, no other files, no notes, environment or secrets. */
    public static ResolverOptions of(Worker worker, Path workDir) {
        return new ResolverOptions(worker, null, false, workDir, null, Map.of(), "", null);
    }

    public ResolverOptions withTimeout(Duration value) {
        return new ResolverOptions(worker, value, mayEditOtherFiles, workDir, notesDir, environment, job, secrets);
    }

    public ResolverOptions withMayEditOtherFiles(boolean value) {
        return new ResolverOptions(worker, timeout, value, workDir, notesDir, environment, job, secrets);
    }

    public ResolverOptions withNotesDir(Path value) {
        return new ResolverOptions(worker, timeout, mayEditOtherFiles, workDir, value, environment, job, secrets);
    }

    /** With the variables the resolver gets, the run's name and the secrets masked in its logs. */
    public ResolverOptions withRun(Map<String, String> variables, String runJob, Secrets runSecrets) {
        return new ResolverOptions(worker, timeout, mayEditOtherFiles, workDir, notesDir, variables, runJob,
                runSecrets);
    }
}
