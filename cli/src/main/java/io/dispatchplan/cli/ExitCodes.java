package io.dispatchplan.cli;

/** What the command's exit code tells a script. */
final class ExitCodes {
    static final int OK = 0;
    /** A workstream failed, was skipped or conflicted. */
    static final int WORK_FAILED = 1;
    /** The plan or the arguments are wrong; nothing ran. */
    static final int BAD_INPUT = 2;
    /** Stopped by Ctrl-C or SIGTERM: workers stopped, their work saved, integration not run (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
