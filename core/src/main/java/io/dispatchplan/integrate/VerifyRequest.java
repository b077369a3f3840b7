package io.dispatchplan.integrate;

import io.dispatchplan.process.ShellQuoting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A verify run a resumable integration needs before it can go on ({@link Integrator#integrateResumably}): the
 * integration worktree is left at {@code commit}, clean, for the caller to run verify there and report back.
 *
 * @param number the run's number among the integration's verify runs
 * @param commit the commit the worktree is at
 * @param tree that commit's tree
 * @param tested what the commit holds, for a human ("every merge", "the merges up to a"...)
 * @param merged the workstreams merged in it, in merge order
 * @param logFile where its output is to go
 */
public record VerifyRequest(int number, String commit, String tree, String tested, List<String> merged,
        Path logFile) {

    public VerifyRequest {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(tree, "tree");
        merged = merged == null ? List.of() : List.copyOf(merged);
    }

    /**
     * POSIX {@code sh} source that runs {@code shellCommand} (shell source from the user's own configuration) with its
     * output and errors both printed and written to {@link #logFile}, and exits with its status.
     */
    public String script(String shellCommand) {
        String log = ShellQuoting.quote(logFile.toString());
        String status = ShellQuoting.quote(logFile + ".status");
        return "rm -f " + status + "\n"
                + "{ ( " + shellCommand + "\n) ; echo $? >" + status + "; } 2>&1 | tee " + log + "\n"
                + "exit \"$(cat " + status + " 2>/dev/null || echo 1)\"\n";
    }

    /** The run as the caller made it: {@code exitCode}, how long it took, and the last lines of its log. */
    public RecordedVerify recorded(int exitCode, Duration duration) {
        return new RecordedVerify(tree, exitCode == 0, exitCode, duration,
                VerifyRunner.tail(logFile, VerifySession.TAIL_LINES));
    }
}
