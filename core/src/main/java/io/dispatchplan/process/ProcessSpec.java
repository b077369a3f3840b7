package io.dispatchplan.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to run: an argv (never a shell string), where, with which environment changes and for how long.
 *
 * <p>Build it fluently: {@code ProcessSpec.of("git", "status").in(dir).env("LC_ALL", "C").timeout(d)}.
 * Every "with" method returns a new spec.
 *
 * @param argv the program and its arguments, passed to the OS as is (no shell, no word splitting)
 * @param workingDir the working directory; null means the current one of this JVM
 * @param environment variables added to, or overriding, the inherited environment
 * @param timeout how long the process tree may run before it is killed; null means no limit
 * @param stdoutFile when set, stdout goes to this file (truncated first) instead of memory
 * @param stderrFile when set, stderr goes to this file (truncated first) instead of memory
 * @param stdin text written to the process's stdin (UTF-8), then closed; null closes stdin at once
 * @param removedEnvironment inherited variable names to remove (applied before {@code environment})
 * @param watch how to watch the process while it runs (live stdout lines, an idle limit); null for not at all
 */
public record ProcessSpec(
        List<String> argv,
        Path workingDir,
        Map<String, String> environment,
        Duration timeout,
        Path stdoutFile,
        Path stderrFile,
        String stdin,
        Set<String> removedEnvironment,
        ProcessWatch watch) {

    public ProcessSpec {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program to run");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument contains a NUL character, which no OS can pass: "
                        + ShellQuoting.quote(List.of(arg.replace("\0", "\\0"))));
            }
        }
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        removedEnvironment = Set.copyOf(removedEnvironment == null ? Set.of() : removedEnvironment);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** The shape other code was written against: no removed variables. */
    public ProcessSpec(List<String> argv, Path workingDir, Map<String, String> environment, Duration timeout,
            Path stdoutFile, Path stderrFile, String stdin) {
        this(argv, workingDir, environment, timeout, stdoutFile, stderrFile, stdin, Set.of(), null);
    }

    /** The shape before watching: not watched. */
    public ProcessSpec(List<String> argv, Path workingDir, Map<String, String> environment, Duration timeout,
            Path stdoutFile, Path stderrFile, String stdin, Set<String> removedEnvironment) {
        this(argv, workingDir, environment, timeout, stdoutFile, stderrFile, stdin, removedEnvironment, null);
    }

    public static ProcessSpec of(String... argv) {
        return of(Arrays.asList(argv));
    }

    public static ProcessSpec of(List<String> argv) {
        return new ProcessSpec(argv, null, Map.of(), null, null, null, null, Set.of(), null);
    }

    public ProcessSpec in(Path dir) {
        return new ProcessSpec(argv, dir, environment, timeout, stdoutFile, stderrFile, stdin, removedEnvironment, watch);
    }

    public ProcessSpec env(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value of " + name));
        return new ProcessSpec(argv, workingDir, env, timeout, stdoutFile, stderrFile, stdin, removedEnvironment, watch);
    }

    public ProcessSpec env(Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(variables);
        return new ProcessSpec(argv, workingDir, env, timeout, stdoutFile, stderrFile, stdin, removedEnvironment, watch);
    }

    /** Removes inherited variables (e.g. {@code GIT_DIR} leaking in from a hook); explicit {@link #env} wins. */
    public ProcessSpec withoutEnv(String... names) {
        Set<String> removed = new LinkedHashSet<>(removedEnvironment);
        removed.addAll(Arrays.asList(names));
        return new ProcessSpec(argv, workingDir, environment, timeout, stdoutFile, stderrFile, stdin, removed, watch);
    }

    public ProcessSpec timeout(Duration limit) {
        return new ProcessSpec(argv, workingDir, environment, limit, stdoutFile, stderrFile, stdin, removedEnvironment, watch);
    }

    public ProcessSpec stdoutTo(Path file) {
        return new ProcessSpec(argv, workingDir, environment, timeout, file, stderrFile, stdin, removedEnvironment, watch);
    }

    public ProcessSpec stderrTo(Path file) {
        return new ProcessSpec(argv, workingDir, environment, timeout, stdoutFile, file, stdin, removedEnvironment, watch);
    }

    public ProcessSpec stdin(String text) {
        return new ProcessSpec(argv, workingDir, environment, timeout, stdoutFile, stderrFile, text, removedEnvironment, watch);
    }

    /** Watched while it runs: see {@link ProcessWatch}. */
    public ProcessSpec watch(ProcessWatch value) {
        return new ProcessSpec(argv, workingDir, environment, timeout, stdoutFile, stderrFile, stdin, removedEnvironment,
                value);
    }

    /** A new spec with more arguments appended. */
    public ProcessSpec args(List<String> more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(more);
        return new ProcessSpec(all, workingDir, environment, timeout, stdoutFile, stderrFile, stdin, removedEnvironment, watch);
    }

    /** The command as POSIX shell text, for messages and logs (never executed). */
    public String commandLine() {
        return ShellQuoting.quote(argv);
    }

    /** Shows variable names only: values may be secrets (API keys) and specs end up in logs. */
    @Override
    public String toString() {
        return "ProcessSpec[" + commandLine()
                + (workingDir == null ? "" : " in " + workingDir)
                + (environment.isEmpty() ? "" : " env " + new TreeSet<>(environment.keySet()))
                + (removedEnvironment.isEmpty() ? "" : " unset " + new TreeSet<>(removedEnvironment))
                + (timeout == null ? "" : " timeout " + timeout)
                + (stdoutFile == null ? "" : " stdout> " + stdoutFile)
                + (stderrFile == null ? "" : " stderr> " + stderrFile)
                + (stdin == null ? "" : " stdin " + stdin.length() + " chars")
                + (watch == null ? "" : " watched" + (watch.idleTimeout() == null ? "" : " idle " + watch.idleTimeout()))
                + "]";
    }
}
