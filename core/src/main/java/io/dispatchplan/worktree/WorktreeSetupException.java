package io.dispatchplan.worktree;

import io.dispatchplan.process.ProcessResult;

/** The setup command failed or timed out; carries its result (with the end of its output). */
public final class WorktreeSetupException extends WorktreeException {

    private static final long serialVersionUID = 1L;

    private final transient ProcessResult result;

    public WorktreeSetupException(String message, ProcessResult result) {
        super(message);
        this.result = result;
    }

    public ProcessResult result() {
        return result;
    }
}
