package io.dispatchplan.worktree;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.GitException;
import java.nio.file.Path;
import java.util.List;

/**
 * Moves a workstream branch between machines as a git bundle of {@code base..branch} (a Jenkins stash):
 * only the workstream's own commits travel; the receiver needs the base commit already.
 */
public final class BranchBundle {

    /**
     * What an export produced.
     *
     * @param file the bundle, or null when the branch had no commits beyond the base (nothing to carry)
     * @param branch the branch exported
     * @param baseSha the base the bundle builds on (its prerequisite)
     * @param head the branch tip
     * @param commits commits in the bundle
     */
    public record Export(Path file, String branch, String baseSha, String head, int commits) {
    }

    /** Where {@link #importCommit} keeps what it brought in. */
    public static final String IMPORTED = "refs/dispatch-plan/imported/";

    private final GitCli git;

    public BranchBundle(GitCli git) {
        this.git = git;
    }

    /** Writes {@code base..branch} into {@code file} and verifies it; writes nothing when the range is empty. */
    public Export export(Path repository, String branch, String baseSha, Path file) {
        String head = git.revParse(repository, "refs/heads/" + branch);
        int commits = git.countCommits(repository, baseSha + ".." + head);
        if (commits == 0) {
            return new Export(null, branch, baseSha, head, 0);
        }
        git.bundleCreate(repository, file, List.of("refs/heads/" + branch, "^" + baseSha));
        git.bundleVerify(repository, file);
        return new Export(file, branch, baseSha, head, commits);
    }

    /**
     * Makes {@code refs/heads/<branch>} in {@code repository} point at the exported head, fetching the bundle
     * when there is one. An existing branch is moved only when that is a fast-forward or {@code force} is set.
     *
     * @return the branch head
     */
    public String importBranch(Path repository, Export export, boolean force) {
        String ref = "refs/heads/" + export.branch();
        if (git.refExists(repository, ref) && git.revParse(repository, ref).equals(export.head())) {
            return export.head();
        }
        if (export.file() == null) {
            if (!git.hasCommit(repository, export.head())) {
                throw new GitException("branch " + export.branch() + " had no commits of its own, but its base "
                        + export.head() + " is not in " + repository + ". Fetch the base commit first");
            }
            boolean exists = git.refExists(repository, ref);
            if (exists && !force && !git.isAncestor(repository, ref, export.head())) {
                throw notFastForward(repository, export);
            }
            git.createBranch(repository, export.branch(), export.head(), exists);
            return export.head();
        }
        try {
            git.bundleVerify(repository, export.file());
        } catch (GitException e) {
            throw new GitException("the bundle " + export.file() + " for branch " + export.branch() + " cannot be "
                    + "used in " + repository + " (it needs the base " + export.baseSha() + " there; fetch it "
                    + "first): " + e.stderr());
        }
        try {
            // Without '+' git itself refuses a non-fast-forward update.
            git.fetchFromBundle(repository, export.file(), List.of((force ? "+" : "") + ref + ":" + ref));
        } catch (GitException e) {
            if (e.stderr().contains("non-fast-forward") || e.stderr().contains("rejected")) {
                throw notFastForward(repository, export);
            }
            throw e;
        }
        String head = git.revParse(repository, ref);
        if (!head.equals(export.head())) {
            throw new GitException("importing " + export.file() + " gave branch " + export.branch() + " at " + head
                    + ", expected " + export.head());
        }
        return head;
    }

    /**
     * Makes {@code head} (with its history) present in {@code repository} from a bundle of {@code branch}, moving no
     * branch: the tip of a dependency, for a dependent to build on. It is kept under
     * {@code refs/dispatch-plan/imported/<branch>} so the objects stay reachable.
     */
    public void importCommit(Path repository, Path file, String branch, String head) {
        if (git.hasCommit(repository, head)) {
            return;
        }
        try {
            git.bundleVerify(repository, file);
        } catch (GitException e) {
            throw new GitException("the bundle " + file + " for branch " + branch + " cannot be used in " + repository
                    + " (it needs its base commit there; fetch it first): " + e.stderr());
        }
        git.fetchFromBundle(repository, file, List.of("+refs/heads/" + branch + ":" + IMPORTED + branch));
        if (!git.hasCommit(repository, head)) {
            throw new GitException("the bundle " + file + " of branch " + branch + " does not hold its recorded head "
                    + head + ": it is from another build. Collect that workstream again");
        }
    }

    private static GitException notFastForward(Path repository, Export export) {
        return new GitException("branch " + export.branch() + " in " + repository + " has commits the bundle "
                + "lacks; refusing to overwrite them. Import with force to replace it");
    }
}
