package io.dispatchplan.integrate;

import io.dispatchplan.git.GitCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verify runs of one integration. Each run is on a commit of the integration branch and is recorded with its
 * output's last lines; each log after the first is numbered ({@code ...-verify-2.log}). A tree verified before is not
 * verified again: its run stands for it. Moving the integration worktree between commits is done here, and only
 * between commits this integration made (or the base), so nothing but its own merges can be dropped. Resumed
 * ({@link Integrator#integrateResumably}), it runs nothing itself: a tree verified by the caller stands for its run,
 * and any other one stops the integration with {@link Pending}, the worktree at that commit.
 */
final class VerifySession {

    /** Lines of output kept with each run. */
    static final int TAIL_LINES = 20;

    private final GitCli git;
    private final VerifyRunner runner;
    private final IntegrationRequest request;
    private final Path worktree;
    private final List<VerifyRun> runs = new ArrayList<>();
    private final Map<String, VerifyRun> byTree = new HashMap<>();
    /** Where this integration last left HEAD; anything else there is not ours to move. */
    private String expectedHead;
    /** Resumed: the caller's verify runs by tree; null when verify runs here. */
    private final Map<String, RecordedVerify> recorded;

    VerifySession(GitCli git, VerifyRunner runner, IntegrationRequest request, Path worktree) {
        this(git, runner, request, worktree, null);
    }

    /** @param recorded the verify runs a resumed integration's caller made; null to run verify here */
    VerifySession(GitCli git, VerifyRunner runner, IntegrationRequest request, Path worktree,
            List<RecordedVerify> recorded) {
        this.git = git;
        this.runner = runner;
        this.request = request;
        this.worktree = worktree;
        this.recorded = recorded == null ? null : new HashMap<>();
        if (recorded != null) {
            recorded.forEach(r -> this.recorded.put(r.tree(), r));
        }
    }

    List<VerifyRun> runs() {
        return List.copyOf(runs);
    }

    /** Verify on HEAD, which holds {@code merged}; a tree verified before gives its earlier run. */
    VerifyRun atHead(String tested, List<String> merged) {
        String head = git.revParse(worktree, "HEAD");
        String tree = tree(head);
        VerifyRun known = byTree.get(tree);
        if (known != null) {
            expectedHead = head;
            return known;
        }
        Path log = runs.isEmpty() ? request.verifyLog() : numbered(request.verifyLog(), runs.size() + 1);
        VerifyRun run;
        if (recorded != null) {
            RecordedVerify done = recorded.get(tree);
            if (done == null) {
                expectedHead = head;
                throw new Pending(new VerifyRequest(runs.size() + 1, head, tree, tested, merged, log));
            }
            run = new VerifyRun(runs.size() + 1, head, tested, merged, done.passed(), done.exitCode(), false,
                    done.duration(), log, done.outputTail());
        } else {
            VerifyResult result = runner.run(request.verifyCommand(), request.verifyTimeout(), worktree, log);
            run = new VerifyRun(runs.size() + 1, head, tested, merged, result.passed(), result.exitCode(),
                    result.timedOut(), result.duration(), log, VerifyRunner.tail(log, TAIL_LINES));
        }
        runs.add(run);
        byTree.put(tree, run);
        expectedHead = head;
        return run;
    }

    /** Moves the integration branch to {@code commit} (the base, or a merge this integration made), then verifies. */
    VerifyRun at(String commit, String tested, List<String> merged) {
        moveTo(commit);
        return atHead(tested, merged);
    }

    /** The run that stands for {@code commit}'s tree, if it was verified. */
    VerifyRun known(String commit) {
        return byTree.get(tree(commit));
    }

    /**
     * Moves the integration branch, checked out in its worktree, to {@code commit}: the base, or a merge this
     * integration made. The worktree ends clean, holding exactly that commit (a verify's build output is removed).
     *
     * @throws VerifyInterfered when HEAD is not where this integration left it (verify committed, or switched branch)
     */
    void moveTo(String commit) {
        String head = git.revParse(worktree, "HEAD");
        String branch = git.currentBranch(worktree).orElse(null);
        if (expectedHead != null && !head.equals(expectedHead) || !request.integrationBranch().equals(branch)) {
            throw new VerifyInterfered("verify moved the integration worktree (HEAD is now "
                    + (branch == null ? "detached" : "on " + branch) + " at " + head.substring(0, 12) + ", not at "
                    + (expectedHead == null ? "?" : expectedHead.substring(0, 12)) + "); the integration did not "
                    + "move it any further, so that nothing verify made is lost. A verify command must not commit or "
                    + "switch branches");
        }
        git.run(worktree, "reset", "--quiet", "--hard", commit);
        git.run(worktree, "clean", "-ffdxq");
        expectedHead = git.revParse(worktree, "HEAD");
    }

    private String tree(String commit) {
        return git.output(worktree, "rev-parse", "--verify", "--quiet", commit + "^{tree}");
    }

    /** {@code x-verify.log} to {@code x-verify-<n>.log}. */
    static Path numbered(Path log, int n) {
        String name = log.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return log.resolveSibling(numbered);
    }

    /** A resumed integration needs a verify run its caller has not made yet. */
    static final class Pending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient VerifyRequest request;

        Pending(VerifyRequest request) {
            super("verify needed on " + request.commit(), null, false, false);
            this.request = request;
        }

        VerifyRequest request() {
            return request;
        }
    }

    /** Verify changed what the integration was working on: it stops moving the branch. */
    static final class VerifyInterfered extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VerifyInterfered(String message) {
            super(message);
        }
    }
}
