package io.dispatchplan.integrate;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.WorkerProcesses;
import io.dispatchplan.worker.WorkerLogs;
import io.dispatchplan.worker.WorkerOutcome;
import io.dispatchplan.worker.WorkerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands a conflicting merge to the resolver worker: the merge is started in the integration worktree (conflicted
 * files hold markers, {@code git status} shows them) and the worker runs there with {@code RESOLVE.md} as its
 * {@code TASKS_FILE}. Its resolution is committed as the merge, with a {@code Resolved-by} trailer (and the worker's
 * session id), only when {@link ResolutionCheck} accepts it and verify, when set, passes with it. Otherwise the merge
 * is aborted and the branch left out as a conflict: never half merged, no marker anywhere.
 */
final class ConflictResolver {

    /** The trailer that marks a merge commit whose conflicts the resolver worker resolved. */
    static final String RESOLVED_BY = "Resolved-by";
    /** The trailer with the resolver's session id, when it has one. */
    static final String SESSION = "Resolver-session";

    /**
     * The variable every resolver process carries: the integration worktree it works in. A process it left behind (or
     * one of a run that was killed) is found by it and stopped.
     */
    static final String MARK = "DISPATCH_PLAN_RESOLVER";

    /** A variable the resolver gets: the conflicted files, one a line. */
    static final String CONFLICTED_FILES = "CONFLICTED_FILES";

    /**
     * One conflicting merge.
     *
     * @param head the integration branch's tip before the merge
     * @param tip the workstream branch's tip being merged
     * @param mergedTree git's own merge of the two ({@code merge-tree --write-tree}: markers in the conflicted files)
     * @param files the conflicted files (report files not counted)
     * @param conflictsWith the earlier merged workstreams that changed them
     * @param mergedBefore the workstreams the integration branch holds now, in merge order
     */
    record Conflict(String head, String tip, String mergedTree, List<String> files, List<String> conflictsWith,
            List<String> mergedBefore) {
    }

    private final GitCli git;
    private final Path worktree;
    private final IntegrationRequest request;
    private final ResolverOptions options;
    private final WorktreeMerge merge;
    private final VerifySession verify;
    private final List<ResolverRun> runs = new ArrayList<>();
    private final List<RememberedResolution> remembered = new ArrayList<>();

    /**
     * @param verify the integration's verify runs; null when no verify command is set
     * @param earlier what the resolver made of merges in earlier calls of a resumed integration: not run again
     */
    ConflictResolver(GitCli git, Path worktree, IntegrationRequest request, WorktreeMerge merge, VerifySession verify,
            List<RememberedResolution> earlier) {
        this.git = git;
        this.worktree = worktree;
        this.request = request;
        this.options = request.resolver();
        this.merge = merge;
        this.verify = verify;
        this.remembered.addAll(earlier);
    }

    List<ResolverRun> runs() {
        return List.copyOf(runs);
    }

    /** What the resolver made of each merge it was given, earlier calls' included. */
    List<RememberedResolution> remembered() {
        return List.copyOf(remembered);
    }

    /** Resolves {@code b}'s conflicting merge with the worker, or leaves it out as a conflict. */
    MergeRecord resolve(BranchToMerge b, Conflict conflict) {
        Optional<ResolverRun> earlier = remembered.stream()
                .filter(r -> r.head().equals(conflict.head()) && r.tip().equals(conflict.tip()))
                .map(RememberedResolution::run).findFirst();
        ResolverRun checked;
        if (earlier.isPresent()) {
            checked = earlier.get();
            if (checked.accepted()) {
                git.run(worktree, "reset", "--quiet", "--hard", checked.mergeCommit());
            }
        } else {
            // Untracked leftovers (a verify's build output) would pass for the resolver's own changes.
            git.run(worktree, "clean", "-ffdq");
            Optional<String> notStarted = merge.start(conflict.head(), conflict.tip(), BranchMerger.mergeMessage(b));
            if (notStarted.isPresent()) {
                return new MergeRecord(b.workstreamId(), b.branch(), MergeStatus.FAILED, null, conflict.files(),
                        b.flagged(), "git merge did not start: " + notStarted.get() + "; the integration branch was "
                                + "left as it was", conflict.conflictsWith());
            }
            checked = attempt(b, conflict);
            remembered.add(new RememberedResolution(conflict.head(), conflict.tip(), checked));
        }
        if (!checked.accepted()) {
            return rejected(b, conflict, checked, checked.reason());
        }
        Optional<String> verifyProblem = verifyProblem(b, conflict, checked.mergeCommit());
        if (verifyProblem.isPresent()) {
            return rejected(b, conflict, checked, verifyProblem.get());
        }
        String reason = "conflicts in " + String.join(", ", conflict.files()) + " resolved by the resolver ("
                + checked.worker() + ")";
        record(b, checked, true, reason);
        return new MergeRecord(b.workstreamId(), b.branch(), MergeStatus.MERGED, checked.mergeCommit(),
                conflict.files(), b.flagged(), "merged" + (b.flagged() ? ", flagged: the workstream was unstable" : "")
                        + "; " + reason + (conflict.conflictsWith().isEmpty() ? ""
                                : " (conflicts with " + String.join(", ", conflict.conflictsWith()) + ")"),
                conflict.conflictsWith(), null, checked.worker());
    }

    /**
     * Runs the worker on the merge in progress and judges what it left: committed as the merge when the checks
     * accept it, else put back. The run says which ({@link ResolverRun#accepted()}), with the commit or the problem.
     */
    private ResolverRun attempt(BranchToMerge b, Conflict conflict) {
        Path dir = directoryFor(b.workstreamId());
        WorkerOutcome outcome = null;
        String problem;
        try {
            outcome = run(b, conflict, dir);
            problem = outcome.succeeded() ? new ResolutionCheck(git, worktree, merge, request.integrationBranch())
                    .problem(conflict, options.mayEditOtherFiles()).orElse(null)
                    : "the resolver " + outcome.status().name().toLowerCase().replace('_', ' ') + ": "
                            + outcome.reason();
        } catch (RuntimeException e) {
            // Whatever went wrong, the merge it was given must not stay half done.
            problem = "the resolver could not run: " + e.getMessage();
        }
        String commit = null;
        if (problem != null) {
            putBack(conflict.head());
        } else {
            commit = merge.commit(BranchMerger.mergeMessage(b) + "\n\nConflicts in " + String.join(", ",
                    conflict.files()) + " resolved by the resolver worker.\n\n" + trailers(outcome));
        }
        return new ResolverRun(0, b.workstreamId(), options.worker().kind(), conflict.files(), problem == null,
                problem == null ? "" : options.secrets().mask(problem), commit,
                outcome == null ? null : outcome.costUsd(), outcome == null ? null : outcome.sessionId(),
                outcome == null ? null : outcome.duration(), dir);
    }

    /**
     * Verify with the resolution, when set: passing, or failing without it too (then an earlier merge is to blame,
     * and the search for it decides), it stays; else it is undone.
     */
    private Optional<String> verifyProblem(BranchToMerge b, Conflict conflict, String commit) {
        if (verify == null) {
            return Optional.empty();
        }
        List<String> with = new ArrayList<>(conflict.mergedBefore());
        with.add(b.workstreamId());
        VerifyRun run = verify.atHead("the resolution of " + b.workstreamId() + "'s conflicts", with);
        if (run.passed()) {
            return Optional.empty();
        }
        VerifyRun before = verify.at(conflict.head(), conflict.mergedBefore().isEmpty() ? "the base alone"
                : "the merges up to " + conflict.mergedBefore().get(conflict.mergedBefore().size() - 1),
                conflict.mergedBefore());
        if (!before.passed()) {
            verify.moveTo(commit);
            return Optional.empty();
        }
        return Optional.of("verify fails with its resolution (run " + run.number() + ") and passes without it (run "
                + before.number() + ")");
    }

    /** Back to the integration branch at {@code head}, clean, whatever the resolver did. */
    private void putBack(String head) {
        if (!request.integrationBranch().equals(git.currentBranch(worktree).orElse(null))) {
            git.tryRun(worktree, List.of("merge", "--abort"));
            git.run(worktree, "checkout", "--quiet", "--force", request.integrationBranch());
        }
        merge.restore(head);
        git.run(worktree, "clean", "-ffdq");
    }

    private MergeRecord rejected(BranchToMerge b, Conflict conflict, ResolverRun checked, String problem) {
        String reason = options.secrets().mask("the resolver's resolution was rejected: " + problem);
        record(b, checked, false, reason);
        return BranchMerger.conflict(b, conflict.files(), conflict.conflictsWith(), "not merged (" + reason
                + "); the branch is kept as it is");
    }

    /** The run in the integration's list, numbered, with its final verdict. */
    private void record(BranchToMerge b, ResolverRun checked, boolean accepted, String reason) {
        runs.add(new ResolverRun(runs.size() + 1, b.workstreamId(), checked.worker(), checked.files(), accepted,
                reason, accepted ? checked.mergeCommit() : null, checked.costUsd(), checked.sessionId(),
                checked.duration(), checked.directory()));
    }

    private WorkerOutcome run(BranchToMerge b, Conflict conflict, Path dir) {
        WorkerRequest work = workerRequest(b, conflict, dir);
        try {
            return options.worker().run(work);
        } finally {
            // Nothing it started may go on changing the worktree while it is judged.
            WorkerProcesses.stopAll(MARK, worktree.toString());
            WorkerLogs logs = work.logs();
            options.secrets().maskFiles(logs.stdout(), logs.stderr(), logs.resultJson(), logs.events());
        }
    }

    private static String trailers(WorkerOutcome outcome) {
        return RESOLVED_BY + ": dispatch-plan resolver (" + outcome.worker() + ")"
                + (outcome.sessionId() == null ? "" : "\n" + SESSION + ": " + outcome.sessionId());
    }

    private WorkerRequest workerRequest(BranchToMerge b, Conflict conflict, Path dir) {
        Path prompt = SafeFiles.writeRegularFile(dir, dir.resolve(ResolverPrompt.FILE_NAME), ResolverPrompt.text(b,
                request.integrationBranch(), conflict, options.mayEditOtherFiles(), options.notesDir()));
        return WorkerRequest.builder(request.feature(), b.workstreamId(), worktree)
                // Its own session each time: a resolution is never the continuation of an earlier one.
                .job(options.job() + "#resolve/" + dir.getFileName())
                .title("resolve the conflicts of " + b.workstreamId())
                .tasksFile(prompt)
                .coordinationFile(prompt)
                .resultsFile(dir.resolve("RESOLUTION.md"))
                .env(options.environment())
                .env(request.identity().environment())
                .env(CONFLICTED_FILES, String.join("\n", conflict.files()))
                .env(MARK, worktree.toString())
                .timeout(options.timeout())
                .stateDir(dir.resolve("state"))
                .logs(WorkerLogs.in(dir))
                .build();
    }

    /** A new directory for this resolution: {@code <id>}, or {@code <id>-2}... when an earlier one is there. */
    private Path directoryFor(String id) {
        Path dir = options.workDir().resolve(id);
        for (int n = 2; Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            dir = options.workDir().resolve(id + "-" + n);
        }
        return SafeFiles.directories(options.workDir(), dir);
    }
}
