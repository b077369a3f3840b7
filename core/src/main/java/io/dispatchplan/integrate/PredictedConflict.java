package io.dispatchplan.integrate;

import java.util.List;
import java.util.Objects;

/**
 * Two finished workstream branches that will conflict when both are merged, found by {@code git merge-tree} as soon
 * as the second one finished, before the integration.
 *
 * @param workstreamId the workstream that finished last
 * @param branch its branch
 * @param otherId the workstream that finished before it
 * @param otherBranch that one's branch
 * @param files the paths both change in ways that conflict
 */
public record PredictedConflict(String workstreamId, String branch, String otherId, String otherBranch,
        List<String> files) {

    private static final int FILES_NAMED = 3;

    public PredictedConflict {
        Objects.requireNonNull(workstreamId, "workstreamId");
        Objects.requireNonNull(otherId, "otherId");
        files = List.copyOf(files);
    }

    /** For a human: {@code web and api both change src/routes.ts}. */
    public String describe() {
        List<String> named = files.size() <= FILES_NAMED ? files : files.subList(0, FILES_NAMED);
        String list = files.size() <= FILES_NAMED ? join(named)
                : String.join(", ", named) + " and " + (files.size() - FILES_NAMED) + " more files";
        return workstreamId + " and " + otherId + " both change " + list;
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
