package io.jenkins.plugins.dispatchplan;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.tasks.TaskFiles;
import io.dispatchplan.worker.WorkerOutcome;
import io.dispatchplan.worker.WorkerRequest;
import io.dispatchplan.worker.WorkerResultFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * On the agent, after the worker's {@code sh} ended: the engine's verdict (from the result object and
 * RESULTS.md, not only the exit status), uncommitted work saved as a WIP commit so nothing is lost, and
 * RESULTS.md, TASKS.md and worker-result.json copied to {@code .dispatch-plan/workstreams/<id>/} for archiving.
 */
final class WorkstreamCollection {
    private final GitCli git = new GitCli();

    CollectedWorkstream collect(WorkstreamSetup setup, Path workspace, int exitStatus) throws IOException {
        WorkerRequest request = setup.request(workspace);
        Path worktree = request.worktree();
        if (!Files.isDirectory(worktree)) {
            throw new IllegalStateException("no worktree at " + worktree + ": call prepareWorkstream('" + setup.id
                    + "') in the same node block first");
        }
        WorkerOutcome outcome = setup.worker.judge(request,
                new ProcessResult(exitStatus, "", "", false, Duration.ZERO));
        WorkerResultFile.write(outcome);
        String wip = git.commitAll(worktree, "WIP " + setup.id + ": changes the worker left uncommitted (saved by dispatch-plan)",
                CommitIdentity.DEFAULT).orElse(null);

        Path dir = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve("workstreams").resolve(setup.id);
        Files.createDirectories(dir);
        copyIfPresent(request.resultsFile(), dir.resolve(TaskFiles.RESULTS));
        copyIfPresent(request.tasksFile(), dir.resolve(TaskFiles.TASKS));
        copyIfPresent(request.logs().resultJson(), dir.resolve("worker-result.json"));
        String results = Files.isRegularFile(request.resultsFile())
                ? Files.readString(request.resultsFile(), StandardCharsets.UTF_8) : null;

        return new CollectedWorkstream(status(outcome), reason(outcome), RunSettings.ARTIFACTS_DIR,
                "workstreams/" + setup.id + "/*", outcome.costUsd(), outcome.sessionId(), outcome.resultsWritten(),
                wip, results);
    }

    /** Build-result names: a worker that did its job but wrote no RESULTS.md is unstable, and merged flagged. */
    static String status(WorkerOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED -> "SUCCESS";
            case NO_RESULTS -> "UNSTABLE";
            default -> "FAILURE";
        };
    }

    static String reason(WorkerOutcome outcome) {
        return outcome.status() == WorkerOutcome.Status.SUCCEEDED || outcome.reason().isBlank() ? null : outcome.reason();
    }

    private static void copyIfPresent(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
