package io.dispatchplan.worktree;

/** What to do when a workstream's worktree or branch already exists from an earlier run. */
public enum WorktreePolicy {

    /**
     * Keep the branch, its commits and any worktree as they are, and carry on from there: the nightly
     * re-run resumes where the last run stopped. The default.
     */
    REUSE,

    /**
     * Start again from the base commit, but only when that loses nothing: refused while the branch holds
     * commits not in the base or its worktree holds uncommitted changes to tracked files.
     */
    RECREATE
}
