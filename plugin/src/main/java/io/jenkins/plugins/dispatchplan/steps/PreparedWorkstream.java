package io.jenkins.plugins.dispatchplan.steps;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/** What {@code prepareWorkstream} returns: where the worktree is and how to run the worker in it. */
public final class PreparedWorkstream implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String branch;
    private final ArrayList<String> environment;
    private final String command;
    private final boolean unix;
    private final String start;
    /** Set when an earlier build finished it: nothing to run, the branch is merged as it is. */
    private String doneHead;
    private int doneCommits;
    private String doneReason;

    public PreparedWorkstream(String path, String branch, List<String> environment, String command, boolean unix, String start) {
        this.path = path;
        this.branch = branch;
        this.environment = new ArrayList<>(environment);
        this.command = command;
        this.unix = unix;
        this.start = start;
    }

    /**
     * A workstream an earlier build of the job finished, its branch still at the head that build recorded (or with a
     * person's commits on top): no worktree, no worker; its branch's bundle is ready for dependents and integration.
     */
    public static PreparedWorkstream done(String branch, String head, int commits, String reason) {
        PreparedWorkstream p = new PreparedWorkstream(null, branch, List.of(), null, File.pathSeparatorChar == ':',
                head.substring(0, 12) + " (" + reason + ")");
        p.doneHead = head;
        p.doneCommits = commits;
        p.doneReason = reason;
        return p;
    }

    /** True when an earlier build finished it: skip the worker and collect (which then only hands on its branch). */
    @Whitelisted
    public boolean isDone() {
        return doneHead != null;
    }

    public String doneHead() {
        return doneHead;
    }

    public int doneCommits() {
        return doneCommits;
    }

    public String doneReason() {
        return doneReason;
    }

    /** Where the branch stands and what it started from: the base, and the dependencies merged in. */
    @Whitelisted
    public String getStart() {
        return start;
    }

    /** Absolute path of the worktree on the agent. */
    @Whitelisted
    public String getPath() {
        return path;
    }

    @Whitelisted
    public String getBranch() {
        return branch;
    }

    /** {@code NAME=value} entries for {@code withEnv}: the worker's variables (no secret among them). */
    @Whitelisted
    public List<String> getEnvironment() {
        return new ArrayList<>(environment);
    }

    /** The worker's command line for {@code sh} (or {@code bat}), quoted from its argv, output to its log files. */
    @Whitelisted
    public String getCommand() {
        return command;
    }

    /** True for {@code sh}, false for {@code bat}. */
    @Whitelisted
    public boolean isUnix() {
        return unix;
    }

    @Override
    public String toString() {
        return path;
    }
}
