package io.dispatchplan.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A worker's process as data: what the CLI runs through the process runner and what the Jenkins side turns into
 * a durable {@code sh} step (quoting the argv with {@code ShellQuoting}, passing the environment as variables).
 *
 * @param argv the program and its arguments
 * @param workingDir where it runs (the worktree)
 * @param environment variables to add; may hold secrets, so only names are ever shown
 */
public record WorkerCommand(List<String> argv, Path workingDir, Map<String, String> environment) {

    public WorkerCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
        return "WorkerCommand[" + argv + " in " + workingDir + " env " + new TreeSet<>(environment.keySet()) + "]";
    }
}
