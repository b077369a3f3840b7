package io.dispatchplan.collect;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds secret values about to be committed, or already committed by the worker; says where by variable name. */
final class SecretScan {
    private final GitCli git;
    private final Secrets secrets;

    SecretScan(GitCli git, Secrets secrets) {
        this.git = git;
        this.secrets = secrets;
    }

    /** Staged files whose content holds a secret, as {@code path (VARIABLE)}. */
    List<String> stagedFiles(Path worktree) {
        List<String> found = new ArrayList<>();
        if (secrets.isEmpty()) {
            return found;
        }
        String staged = git.output(worktree, "diff", "--cached", "--name-only", "-z", "--diff-filter=AMCR", "--no-renames");
        for (String path : staged.split("\0")) {
            if (!path.isEmpty()) {
                secrets.foundIn(worktree.resolve(path)).ifPresent(name -> found.add(path + " (" + name + ")"));
            }
        }
        return found;
    }

    /**
     * Which of the commits {@code revisions} selects add a line holding a secret: a one-line reason naming the
     * commits and variables, or null.
     */
    String ownCommits(Path worktree, String head, List<String> revisions) {
        List<String> args = new ArrayList<>(List.of("log", "-p", "--no-color", "--no-ext-diff", "--format=%x00%H"));
        args.addAll(revisions);
        args.add("--");
        List<String> leaks = new ArrayList<>();
        for (String commit : git.run(worktree, args).stdout().split("\0")) {
            if (commit.isBlank()) {
                continue;
            }
            String sha = commit.substring(0, commit.indexOf('\n') < 0 ? commit.length() : commit.indexOf('\n')).strip();
            Optional<String> name = secrets.foundIn(addedLines(commit).getBytes(StandardCharsets.UTF_8));
            name.ifPresent(n -> leaks.add(sha.substring(0, Math.min(12, sha.length())) + " (" + n + ")"));
        }
        return leaks.isEmpty() ? null : "the worker's commit(s) " + String.join(", ", leaks) + " hold the value of a secret"
                + " variable, so the branch is neither merged nor pushed. Remove the secret from those commits (rewrite"
                + " them, e.g. git rebase -i) and revoke it, then run again";
    }

    private static String addedLines(String patch) {
        StringBuilder added = new StringBuilder();
        for (String line : patch.split("\n")) {
            if (line.startsWith("+") && !line.startsWith("+++")) {
                added.append(line, 1, line.length()).append('\n');
            }
        }
        return added.toString();
    }
}
