package io.dispatchplan.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One unit of parallel work: it gets its own worktree, branch and worker.
 *
 * @param id safe slug, unique in its plan; used for branch names, paths and artifact names
 * @param title human title from the plan
 * @param focus one-line mission, may be empty
 * @param tasks checklist items
 * @param files key files the workstream owns
 * @param deliverables what "done" delivers
 * @param dependsOn ids of the workstreams that must succeed first
 * @param branch branch name; defaults to {@code <feature>/<id>}
 * @param label agent label override (Jenkins), may be null
 * @param worker worker override by name (e.g. {@code claude}, {@code command}), may be null
 * @param timeoutMinutes per-workstream timeout override, may be null
 * @param estimate relative size used for the critical path; 1 when the plan gives none
 * @param phase the first phase the plan schedules it in, may be null
 * @param line 1-based source line where it is defined, 0 when unknown
 * @param preconditions what the plan says must hold before it starts but is not a workstream ("RFC approved",
 *     "Stream A to reach 50% completion"): kept as text, never checked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workstream(
        String id,
        String title,
        String focus,
        List<String> tasks,
        List<String> files,
        List<String> deliverables,
        List<String> dependsOn,
        String branch,
        String label,
        String worker,
        Integer timeoutMinutes,
        double estimate,
        Integer phase,
        int line,
        List<String> preconditions) {

    public Workstream {
        Objects.requireNonNull(id, "id");
        title = title == null || title.isBlank() ? id : title;
        focus = focus == null ? "" : focus;
        tasks = List.copyOf(tasks == null ? List.of() : tasks);
        files = List.copyOf(files == null ? List.of() : files);
        deliverables = List.copyOf(deliverables == null ? List.of() : deliverables);
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        preconditions = List.copyOf(preconditions == null ? List.of() : preconditions);
        if (!(estimate > 0)) {
            estimate = 1;
        }
    }

    /** A workstream without preconditions. */
    public Workstream(String id, String title, String focus, List<String> tasks, List<String> files,
            List<String> deliverables, List<String> dependsOn, String branch, String label, String worker,
            Integer timeoutMinutes, double estimate, Integer phase, int line) {
        this(id, title, focus, tasks, files, deliverables, dependsOn, branch, label, worker, timeoutMinutes, estimate,
                phase, line, List.of());
    }

    public Workstream withDependsOn(List<String> newDependsOn) {
        return new Workstream(id, title, focus, tasks, files, deliverables, newDependsOn, branch, label,
                worker, timeoutMinutes, estimate, phase, line, preconditions);
    }

    public Workstream withBranch(String newBranch) {
        return new Workstream(id, title, focus, tasks, files, deliverables, dependsOn, newBranch, label,
                worker, timeoutMinutes, estimate, phase, line, preconditions);
    }
}
