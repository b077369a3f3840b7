package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.config.Text;

import io.dispatchplan.plan.Slugs;

/** Checks an {@code id:} argument before it names a branch, stage or artifact path. */
public final class WorkstreamIds {
    private WorkstreamIds() {
    }

    static String check(String id, String stepName) {
        String trimmed = Text.trimToNull(id);
        if (trimmed == null) {
            throw new IllegalArgumentException(stepName + ": id is required: the workstream's id from the plan");
        }
        if (!Slugs.isSafe(trimmed)) {
            throw new IllegalArgumentException(stepName + ": '" + id + "' is not a workstream id (ids are slugs: a-z, 0-9, '.', '_', '-')");
        }
        return trimmed;
    }
}
