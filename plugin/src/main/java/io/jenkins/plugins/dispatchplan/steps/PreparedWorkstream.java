package io.jenkins.plugins.dispatchplan.steps;

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

    public PreparedWorkstream(String path, String branch, List<String> environment, String command, boolean unix, String start) {
        this.path = path;
        this.branch = branch;
        this.environment = new ArrayList<>(environment);
        this.command = command;
        this.unix = unix;
        this.start = start;
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
