package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.secrets.Secrets;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.steps.CollectedWorkstream;

import io.dispatchplan.collect.CollectRequest;
import io.dispatchplan.collect.ResultCollector;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.worker.DurableWorkerScript;
import io.dispatchplan.worker.WorkerLogs;
import io.dispatchplan.worker.WorkerOutcome;
import io.dispatchplan.worker.RetryPolicy;
import io.dispatchplan.worker.WorkerRequest;
import io.dispatchplan.worker.WorkerResultFile;
import io.dispatchplan.worktree.WorktreeManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * On the agent, after the worker's {@code sh} ended: the engine's verdict on the worker (from its result
 * object and RESULTS.md, not only the exit status), then the engine's {@link ResultCollector}: uncommitted
 * work saved as a WIP commit, RESULTS.md and TASKS.md copied to {@code .dispatch-plan/workstreams/<id>/}
 * for archiving, beside worker-result.json and Claude's raw events ({@code worker.events.jsonl}). What the worker did
 * last (turns, last activity) is read from those events once more here, after the attempt; while it ran,
 * {@code trackWorkstream} read them every few seconds for the run page, and the stage log showed each event.
 */
public final class WorkstreamCollection {
    private final GitCli git = new GitCli();

    /** Retryable failures (an overload, a lost process) get this many attempts in all. */
    public static final RetryPolicy RETRIES = RetryPolicy.defaults();

    CollectedWorkstream collect(WorkstreamSetup setup, Path workspace, int exitStatus) throws IOException {
        return collect(setup, workspace, exitStatus, null, 1);
    }

    /**
     * @param pusher pushes the branch to the repository when the run says {@code push: true}; null for not
     * @param attempt which attempt of the worker this was, from 1
     */
    CollectedWorkstream collect(WorkstreamSetup setup, Path workspace, int exitStatus, BranchPusher pusher, int attempt)
            throws IOException {
        return collect(setup, workspace, exitStatus, pusher, attempt, Secrets.NONE);
    }

    /**
     * @param secrets what to mask in the worker's logs archived now and in the output tail handed back (the run's API
     *     key: the worker had it in its environment and may have printed it)
     */
    CollectedWorkstream collect(WorkstreamSetup setup, Path workspace, int exitStatus, BranchPusher pusher, int attempt,
            Secrets secrets) throws IOException {
        if (setup.carriedHead != null) {
            return carried(setup, workspace);
        }
        WorkerRequest request = setup.request(workspace);
        if (!Files.isDirectory(request.worktree())) {
            throw new IllegalStateException("no worktree at " + request.worktree() + ": call prepareWorkstream('"
                    + setup.id + "') in the same node block first");
        }
        // The script's watchdog says whether it stopped the worker (idle, or still running after its result).
        ProcessResult process = new ProcessResult(exitStatus, "", "", false, Duration.ZERO,
                DurableWorkerScript.stopped(request));
        boolean fixed = setup.worker.fixForNextAttempt(request, process);
        WorkerOutcome outcome = setup.worker.judge(request, process);
        WorkerResultFile.write(outcome);
        Path dir = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve("workstreams").resolve(setup.id);
        WorkerProgress activity = keepEvents(request, WorkstreamSetup.stateRoot(workspace), workspace, dir, attempt);
        String outputTail = keepLogs(request, WorkstreamSetup.stateRoot(workspace), workspace, dir, attempt, secrets);
        keepTranscript(setup, request, workspace, secrets);
        if ((fixed || outcome.retryable()) && attempt < RETRIES.maxAttempts()) {
            // Nothing is collected yet: the next attempt goes on in the same worktree.
            long delay = fixed ? 0 : RETRIES.delayBefore(attempt + 1).toSeconds();
            String why = fixed ? "the CLI refused the session flag; trying the other one" : outcome.reason();
            return CollectedWorkstream.retry(why, delay, outcome.costUsd(), outcome.sessionId())
                    .withActivity(activity.turns(), activity.lastActivity(), activity.lastActivityAt()).withRateLimit(activity.rateLimit());
        }

        Path bundle = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve(bundlePath(setup.id));
        // What is archived and stashed is written below the workspace only: a committed .dispatch-plan link is refused.
        SafeFiles.directories(workspace, dir);
        SafeFiles.directories(workspace, bundle.getParent());
        io.dispatchplan.collect.CollectedWorkstream saved = new ResultCollector(git).collect(new CollectRequest(
                setup.id, request.worktree(), setup.branch, setup.baseCommit, dir, CommitIdentity.DEFAULT, bundle,
                setup.dependencies.stream().map(d -> d.head).toList()));
        SafeFiles.copyRegularFile(WorkstreamSetup.stateRoot(workspace), request.logs().resultJson(), workspace,
                dir.resolve("worker-result.json"));
        String results = saved.resultsCopy() == null ? null
                : SafeFiles.readRegularFile(workspace, saved.resultsCopy()).orElse(null);
        if (results != null && results.length() > WorkstreamRecord.RESULTS_KEPT) {
            results = results.substring(0, WorkstreamRecord.RESULTS_KEPT); // the controller keeps no more; the file is archived
        }
        String pushProblem = null;
        if (pusher != null && saved.commits() > 0) {
            try {
                pusher.push(git.commonDir(request.worktree()), setup.repository, setup.branch, false);
            } catch (GitException e) {
                pushProblem = e.getMessage();
            }
        }
        String cleanup = null;
        if (!setup.keepWorktree) {
            // The branch (and the bundle) hold the work now; a later run checks the branch out again.
            ResultCollector.removeArchivedCopies(request.worktree(), dir);
            cleanup = new WorktreeManager(git).cleanup(git.commonDir(request.worktree()), request.worktree(), setup.branch,
                    null, false, false).message();
        }
        String status = status(outcome);
        String reason = reason(outcome);
        if (status.equals("SUCCESS") && saved.unstable()) {
            status = "UNSTABLE";
            reason = saved.reason();
        }
        for (String note : saved.notes()) {
            reason = reason == null ? note : reason + "; " + note;
        }
        if (pushProblem != null) {
            status = status.equals("SUCCESS") ? "UNSTABLE" : status;
            reason = reason == null ? pushProblem : reason + "; " + pushProblem;
        }
        return new CollectedWorkstream(status, reason, RunSettings.ARTIFACTS_DIR, "workstreams/" + setup.id + "/*",
                outcome.costUsd(), outcome.sessionId(), saved.resultsPresent(),
                saved.wipCommitted() ? saved.headSha() : null, results,
                saved.bundle() == null ? null : bundlePath(setup.id), saved.headSha(), saved.commits(), cleanup)
                .withActivity(activity.turns(), activity.lastActivity(), activity.lastActivityAt()).withRateLimit(activity.rateLimit())
                .withOutputTail(status.equals("FAILURE") ? outputTail : null);
    }

    /**
     * A workstream an earlier build finished: nothing ran, so nothing is judged or saved. Its branch goes on to
     * dependents and integration through the bundle prepare made; its results stay where that build archived them.
     */
    private static CollectedWorkstream carried(WorkstreamSetup setup, Path workspace) {
        Path bundle = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve(bundlePath(setup.id));
        boolean bundled = SafeFiles.kind(workspace, bundle) == SafeFiles.Kind.FILE;
        return new CollectedWorkstream("SUCCESS", setup.carriedReason, RunSettings.ARTIFACTS_DIR, null, null, null,
                false, null, null, bundled ? bundlePath(setup.id) : null, setup.carriedHead, setup.carriedCommits, null);
    }

    /** How much of a failed worker's output comes back to the stage log and the run page: the end of each log. */
    static final int TAIL_BYTES_PER_LOG = 2_000;

    /**
     * Copies this attempt's stdout and stderr beside RESULTS.md for archiving ({@code worker.stdout.log}, numbered for
     * a later attempt), the run's secrets masked in the copies, never through a link; returns the end of each, masked,
     * for a failure's detail.
     */
    private static String keepLogs(WorkerRequest request, Path stateRoot, Path workspace, Path dir, int attempt,
            Secrets secrets) throws IOException {
        SafeFiles.directories(workspace, dir);
        WorkerLogs archived = WorkerLogs.in(dir).forAttempt(attempt);
        StringBuilder tail = new StringBuilder();
        Path[][] pairs = {{request.logs().stdout(), archived.stdout()}, {request.logs().stderr(), archived.stderr()}};
        for (Path[] pair : pairs) {
            if (SafeFiles.kind(stateRoot, pair[0]) != SafeFiles.Kind.FILE) {
                continue;
            }
            SafeFiles.copyRegularFile(stateRoot, pair[0], workspace, pair[1]);
            secrets.maskFiles(pair[1]);
            String end = io.dispatchplan.files.FileTail.wholeLines(pair[1], TAIL_BYTES_PER_LOG).strip();
            if (!end.isEmpty()) {
                tail.append(tail.length() == 0 ? "" : "\n").append("--- ").append(pair[1].getFileName()).append(" (end)\n")
                        .append(end);
            }
        }
        return tail.length() == 0 ? null : secrets.mask(tail.toString());
    }

    /**
     * Claude's session transcript beside RESULTS.md, masked, for a later build on another agent to resume the
     * conversation from ({@link ClaudeWorker#restoreTranscript}).
     */
    private static void keepTranscript(WorkstreamSetup setup, WorkerRequest request, Path workspace, Secrets secrets) {
        if (!setup.worker.streamsEvents()) {
            return;
        }
        io.dispatchplan.worker.ClaudeWorker.newestTranscript(request).ifPresent(transcript -> {
            Path copy = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve(transcriptPath(setup.id));
            SafeFiles.copyRegularFile(request.stateDir(), transcript, workspace, copy);
            secrets.maskFiles(copy);
        });
    }

    /**
     * Copies this attempt's raw events ({@code worker.events.jsonl}, {@code worker.events.<attempt>.jsonl} for a
     * later attempt: each attempt's script starts the file afresh) beside RESULTS.md for archiving, and reads from them
     * the turns, the last activity and when it happened, and the last rate limit or overload it reported.
     */
    private static WorkerProgress keepEvents(WorkerRequest request, Path stateRoot, Path workspace, Path dir, int attempt)
            throws IOException {
        Path events = request.logs().events();
        // Never through a link: the events file lies where the worker could have put one.
        WorkerProgress progress = WorkerProgress.read(stateRoot, events, null);
        if (progress != WorkerProgress.NONE) {
            SafeFiles.copyRegularFile(stateRoot, events, workspace,
                    dir.resolve(WorkerLogs.in(dir).forAttempt(attempt).events().getFileName()));
        }
        return progress;
    }

    /** Where the branch's bundle goes, relative to {@code .dispatch-plan}: stashed for the integration node. */
    public static String bundlePath(String id) {
        return "bundles/" + id + ".bundle";
    }

    /** Where Claude's session transcript is archived, relative to {@code .dispatch-plan}: a later build resumes it. */
    public static String transcriptPath(String id) {
        return "workstreams/" + id + "/claude-session.jsonl";
    }

    /** Build-result names: a worker that did its job but wrote no RESULTS.md is unstable, and merged flagged. */
    public static String status(WorkerOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED -> "SUCCESS";
            case NO_RESULTS -> "UNSTABLE";
            default -> "FAILURE";
        };
    }

    public static String reason(WorkerOutcome outcome) {
        return outcome.status() == WorkerOutcome.Status.SUCCEEDED || outcome.reason().isBlank() ? null : outcome.reason();
    }
}
