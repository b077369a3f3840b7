package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Pushes a branch of an agent's cache repository to the remote ({@code push: true}). */
public interface BranchPusher extends Serializable {

    /** Pushes {@code refs/heads/<branch>} to the same name at {@code url}; {@code force} only for generated branches. */
    void push(Path gitDir, String url, String branch, boolean force);

    /** The agent's own git (its SSH keys or credential helper), when no credentials are named. */
    final class Cli implements BranchPusher {
        private static final long serialVersionUID = 1L;

        @Override
        public void push(Path gitDir, String url, String branch, boolean force) {
            List<String> args = new ArrayList<>(List.of("push", "--quiet"));
            if (force) {
                args.add("--force");
            }
            args.add(url);
            args.add("refs/heads/" + branch + ":refs/heads/" + branch);
            try {
                new GitCli().run(gitDir, args);
            } catch (GitException e) {
                throw new GitException("could not push " + branch + " to " + GitException.redact(url) + ": " + e.stderr());
            }
        }
    }
}
