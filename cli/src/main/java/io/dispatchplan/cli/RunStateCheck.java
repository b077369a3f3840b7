package io.dispatchplan.cli;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's state (the workers' configuration and sessions) must be ours, never the repository's: a checked-out
 * branch that tracks files there would hand the worker its settings or a forged conversation.
 */
final class RunStateCheck {
    private RunStateCheck() {}

    /** @throws IllegalArgumentException when the repository tracks a file in one of the state directories */
    static void refuseTrackedFiles(GitCli git, Path repository, List<Path> stateDirs) {
        List<String> args = new ArrayList<>(List.of("--literal-pathspecs", "ls-files", "--"));
        stateDirs.forEach(dir -> args.add(dir.toAbsolutePath().normalize().toString()));
        // Outside the working tree (another --out) git refuses the paths: nothing there can be tracked.
        ProcessResult result = git.tryRun(repository, args);
        String first = result.succeeded() ? result.stdout().lines().findFirst().orElse("") : "";
        if (!first.isEmpty()) {
            throw new IllegalArgumentException("the repository tracks " + first + " in the run's state directory,"
                    + " where the workers' configuration lives: choose another --out, or remove it from the repository");
        }
    }
}
