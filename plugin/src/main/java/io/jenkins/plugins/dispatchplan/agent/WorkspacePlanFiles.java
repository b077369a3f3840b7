package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.files.SafeFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * On the agent, for readDispatchPlan: the plan file read from the workspace (a checkout of untrusted repository
 * content) and plan.json and the graph pictures written to {@code .dispatch-plan/} for archiving, neither ever through
 * a symbolic link. No Jenkins types.
 */
public final class WorkspacePlanFiles {
    private WorkspacePlanFiles() {
    }

    /**
     * The plan file's text, empty when there is none.
     *
     * @throws io.dispatchplan.files.UnsafePathException when it, or a directory on its way, is a symbolic link, or the
     *     path leaves the workspace
     */
    static Optional<String> readPlan(Path workspace, String plan) {
        return SafeFiles.readRegularFile(workspace, Path.of(plan));
    }

    /** Writes each file (name to text) into {@code <workspace>/<dir>/}, replacing links, refusing a linked dir. */
    static void write(Path workspace, String dir, Map<String, String> files) {
        files.forEach((name, text) -> SafeFiles.writeRegularFile(workspace, Path.of(dir, name), text));
    }
}
