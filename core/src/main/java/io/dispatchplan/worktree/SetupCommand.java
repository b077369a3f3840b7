package io.dispatchplan.worktree;

import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.process.ShellQuoting;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A command run once in each new worktree (e.g. {@code npm ci}). Either an argv, or a shell string that
 * comes from trusted configuration (Jenkinsfile, CLI option), never from plan text.
 *
 * @param argv the program and arguments, or null for a shell string
 * @param shell shell source run with {@code sh -c} ({@code cmd /c} on Windows), or null for an argv
 */
public record SetupCommand(List<String> argv, String shell) {

    public SetupCommand {
        if ((argv == null) == (shell == null)) {
            throw new IllegalArgumentException("a setup command is either an argv or a shell string");
        }
        argv = argv == null ? null : List.copyOf(argv);
        if (argv != null && argv.isEmpty()) {
            throw new IllegalArgumentException("a setup command argv must name a program");
        }
        if (shell != null && shell.isBlank()) {
            throw new IllegalArgumentException("a setup command shell string must not be blank");
        }
    }

    public static SetupCommand argv(String... argv) {
        return new SetupCommand(List.of(argv), null);
    }

    public static SetupCommand shell(String script) {
        return new SetupCommand(null, Objects.requireNonNull(script, "script"));
    }

    /** The process to run with the worktree as working directory. */
    ProcessSpec toSpec(Path worktree) {
        List<String> command;
        if (argv != null) {
            command = argv;
        } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            command = List.of("cmd.exe", "/d", "/c", shell);
        } else {
            command = List.of("sh", "-c", shell);
        }
        return ProcessSpec.of(command).in(worktree);
    }

    @Override
    public String toString() {
        return argv != null ? ShellQuoting.quote(argv) : shell;
    }
}
