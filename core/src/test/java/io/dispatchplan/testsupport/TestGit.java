package io.dispatchplan.testsupport;

import io.dispatchplan.git.GitCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link GitCli} that ignores this machine's git configuration (empty HOME, no system config), so a test
 * sees what a fresh Jenkins agent would: no identity, no default branch name, no hooks or aliases.
 */
public final class TestGit {

    private static final Path HOME = emptyHome();

    private TestGit() {
    }

    public static GitCli cli() {
        return new GitCli().withEnvironment(environment());
    }

    /** The variables that make any git command (also one a test starts itself) hermetic. */
    public static Map<String, String> environment() {
        return Map.of(
                "HOME", HOME.toString(),
                "XDG_CONFIG_HOME", HOME.resolve(".config").toString(),
                "GIT_CONFIG_NOSYSTEM", "1");
    }

    private static Path emptyHome() {
        try {
            Path home = Files.createTempDirectory("dispatch-plan-test-home");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
