package io.dispatchplan.worktree;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.files.SafeFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a worktree ready for a worker: copies untracked files ({@code .env}, what {@code .worktreeinclude}
 * lists), gives it its port block, runs the setup command, and works out the environment a worker needs
 * (commit identity and {@code PORT}).
 *
 * <p>The identity travels as {@code GIT_AUTHOR_*}/{@code GIT_COMMITTER_*} variables (and {@code -c user.*}
 * on the engine's own commits) rather than as worktree config: per-worktree config needs
 * {@code extensions.worktreeConfig}, which would make a bare cache's {@code core.bare} apply to every
 * worktree and which other git implementations may refuse.
 */
public final class WorktreeSetup {

    private static final int OUTPUT_TAIL = 2000;

    private final ProcessRunner runner;

    public WorktreeSetup(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * @param extraEnvironment further variables for the setup command (e.g. {@code WORKSTREAM_ID})
     * @throws WorktreeSetupException when the setup command fails or times out
     */
    public SetupResult apply(Path worktree, SetupOptions options, Map<String, String> extraEnvironment) {
        List<String> copied = options.sourceDir() == null ? List.of()
                : UntrackedFileCopier.copy(options.sourceDir(), worktree, patterns(options, worktree));
        Map<String, String> env = new LinkedHashMap<>(options.identity().environment());
        Integer port = null;
        if (options.ports() != null) {
            port = options.ports().port();
            options.ports().writeTo(worktree, worktree.resolve(PortBlock.ENV_FILE));
            env.put("PORT", Integer.toString(port));
        }
        ProcessResult commandResult = null;
        if (options.command() != null) {
            Map<String, String> commandEnv = new LinkedHashMap<>(env);
            commandEnv.putAll(extraEnvironment);
            ProcessSpec spec = options.command().toSpec(worktree).env(commandEnv).timeout(options.commandTimeout());
            commandResult = runner.run(spec);
            if (!commandResult.succeeded()) {
                throw new WorktreeSetupException("the setup command '" + options.command() + "' in " + worktree
                        + (commandResult.timedOut() ? " timed out after " + options.commandTimeout()
                                : " failed with exit code " + commandResult.exitCode())
                        + tail(commandResult), commandResult);
            }
        }
        return new SetupResult(copied, port, env, commandResult);
    }

    /**
     * The configured patterns, then {@code .worktreeinclude} from the source (or else the worktree). One that is a
     * symbolic link is an {@link io.dispatchplan.files.UnsafePathException}, never followed.
     */
    private static IncludePatterns patterns(SetupOptions options, Path worktree) {
        List<String> lines = new ArrayList<>(options.include());
        Path source = options.sourceDir();
        Path fromSource = source.resolve(SetupOptions.INCLUDE_FILE);
        boolean inSource = SafeFiles.kind(source, fromSource) != SafeFiles.Kind.ABSENT;
        Optional<String> text = inSource ? SafeFiles.readRegularFile(source, fromSource)
                : SafeFiles.readRegularFile(worktree, worktree.resolve(SetupOptions.INCLUDE_FILE));
        text.ifPresent(t -> lines.addAll(t.lines().toList()));
        return IncludePatterns.parse(lines);
    }

    private static String tail(ProcessResult result) {
        String out = (result.stdout() + result.stderr()).strip();
        if (out.isEmpty()) {
            return "";
        }
        return ". Its last output:\n" + (out.length() > OUTPUT_TAIL ? out.substring(out.length() - OUTPUT_TAIL) : out);
    }
}
