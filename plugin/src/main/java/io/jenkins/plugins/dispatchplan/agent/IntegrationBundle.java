package io.jenkins.plugins.dispatchplan.agent;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.worktree.BranchBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The integration branch as a git bundle archived with the build, so it is reachable without {@code push}: the
 * agent's cache, where it lives otherwise, is no place a user can see. The bundle holds the commits on top of the
 * run's base; any clone of the repository has that base.
 */
public final class IntegrationBundle {
    /** Under {@code .dispatch-plan}, archived with INTEGRATION.md. */
    public static final String ARTIFACT = "integration/integration.bundle";

    private IntegrationBundle() {
    }

    /** Writes the bundle; false when the branch has no commits beyond the base (nothing to fetch). */
    static boolean write(GitCli git, Path repository, String branch, String baseCommit, Path workspace) throws IOException {
        Path file = workspace.resolve(io.jenkins.plugins.dispatchplan.config.RunSettings.ARTIFACTS_DIR).resolve(ARTIFACT);
        SafeFiles.directories(workspace, file.getParent());
        Files.deleteIfExists(file);
        return new BranchBundle(git).export(repository, branch, baseCommit, file).file() != null;
    }

    /**
     * The one line that brings the branch into a clone: download the archived bundle and fetch from it.
     *
     * @param buildUrl the build's absolute URL ({@code BUILD_URL}), or null when Jenkins has no URL configured
     */
    public static String fetchCommand(String buildUrl, String branch) {
        String fetch = "git fetch integration.bundle " + branch + ":" + branch;
        if (buildUrl == null || buildUrl.isBlank()) {
            return fetch + "   # after downloading the artifact " + ARTIFACT + " of this build as integration.bundle";
        }
        String url = (buildUrl.endsWith("/") ? buildUrl : buildUrl + "/") + "artifact/" + ARTIFACT;
        return "curl -fsSL -o integration.bundle '" + url.replace("'", "%27") + "' && " + fetch;
    }

    /** The section INTEGRATION.md ends with. */
    static String markdown(String branch, String baseCommit, String command) {
        return "\n## Get the integration branch\n\n"
                + "The branch `" + branch + "` is archived with this build as `" + ARTIFACT + "` (the commits on top of"
                + " the base " + baseCommit + "). In a clone of the repository:\n\n"
                + "```\n" + command + "\n```\n";
    }
}
