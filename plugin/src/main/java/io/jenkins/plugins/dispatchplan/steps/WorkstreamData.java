package io.jenkins.plugins.dispatchplan.steps;

import io.dispatchplan.plan.Workstream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * One workstream as a Pipeline sees it, with this run's settings applied (agent label, timeout). Plain
 * serializable fields: it lives in the Pipeline program's saved state.
 */
public final class WorkstreamData implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String title;
    private final String focus;
    private final ArrayList<String> dependsOn;
    private final String branch;
    private final String label;
    private final int timeoutMinutes;
    private final ArrayList<String> tasks;
    private final ArrayList<String> files;

    public WorkstreamData(Workstream w, String branch, String label, int timeoutMinutes) {
        this.id = w.id();
        this.title = w.title();
        this.focus = w.focus();
        this.dependsOn = new ArrayList<>(w.dependsOn());
        this.branch = branch;
        this.label = label;
        this.timeoutMinutes = timeoutMinutes;
        this.tasks = new ArrayList<>(w.tasks());
        this.files = new ArrayList<>(w.files());
    }

    /** The slug naming its branch, stage, worktree and artifacts. */
    @Whitelisted
    public String getId() {
        return id;
    }

    @Whitelisted
    public String getTitle() {
        return title;
    }

    @Whitelisted
    public String getFocus() {
        return focus;
    }

    @Whitelisted
    public List<String> getDependsOn() {
        return new ArrayList<>(dependsOn);
    }

    @Whitelisted
    public String getBranch() {
        return branch;
    }

    /** Agent label its node runs on; null for any agent. */
    @Whitelisted
    public String getLabel() {
        return label;
    }

    /** Minutes its worker may run; 0 for no limit. */
    @Whitelisted
    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @Whitelisted
    public List<String> getTasks() {
        return new ArrayList<>(tasks);
    }

    @Whitelisted
    public List<String> getFiles() {
        return new ArrayList<>(files);
    }

    @Override
    public String toString() {
        return id;
    }
}
