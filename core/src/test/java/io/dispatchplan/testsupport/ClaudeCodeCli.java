package io.dispatchplan.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real Claude Code CLI the build installed (.ci/install-claude-code.sh, run by Maven before core's
 * tests). A test that needs it fails, not skips, when it is missing.
 */
public final class ClaudeCodeCli {

    /** Environment variable (or system property {@value #PROPERTY}) naming the binary. */
    public static final String ENV = "DISPATCH_PLAN_CLAUDE_BIN";
    public static final String PROPERTY = "dispatchplan.claude.bin";
    static final String WELL_KNOWN = ".tools/claude-code/node_modules/.bin/claude";

    private ClaudeCodeCli() {
    }

    /** The {@code claude} binary: from the environment, the system property, or .tools/ in an enclosing directory. */
    public static Path executable() {
        for (String configured : new String[] {System.getenv(ENV), System.getProperty(PROPERTY)}) {
            if (configured != null && !configured.isBlank()) {
                Path path = Path.of(configured).toAbsolutePath().normalize();
                if (Files.isExecutable(path)) {
                    return path;
                }
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(WELL_KNOWN);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("The Claude Code CLI is not installed for the tests (looked at $" + ENV
                + ", -D" + PROPERTY + "=" + System.getProperty(PROPERTY) + " and " + WELL_KNOWN
                + " above " + Path.of("").toAbsolutePath() + "). Run: bash .ci/install-claude-code.sh"
                + " (Maven runs it before core's tests unless they are skipped)");
    }
}
