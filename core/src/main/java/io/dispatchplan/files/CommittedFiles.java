package io.dispatchplan.files;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a file as a commit holds it ({@code git cat-file}), refusing a symbolic link: git stores a link as a blob
 * holding its target, so {@code git show} would hand that text over as the file, and a checkout of it would point
 * anywhere. A link at the file or at any directory on its way is an {@link UnsafePathException} naming it.
 */
public final class CommittedFiles {
    private static final String LINK_MODE = "120000";

    private CommittedFiles() {
    }

    /**
     * The file's text at {@code commit}, empty when the commit has no such file.
     *
     * @param path '/'-separated, relative to the repository root
     */
    public static Optional<String> read(GitCli git, Path repository, String commit, String path) {
        String clean = path.startsWith("./") ? path.substring(2) : path;
        List<String> prefixes = new ArrayList<>();
        String[] parts = clean.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(part);
            prefixes.add(prefix.toString());
        }
        List<String> args = new ArrayList<>(List.of("ls-tree", "-z", commit, "--"));
        args.addAll(prefixes);
        ProcessResult listing = git.tryRun(repository, args);
        if (!listing.succeeded()) {
            return Optional.empty();
        }
        String blob = null;
        for (String entry : listing.stdout().split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] meta = entry.substring(0, tab).split(" ");
            String name = entry.substring(tab + 1);
            if (meta[0].equals(LINK_MODE) && prefixes.contains(name)) {
                throw new UnsafePathException(Path.of(name), name + " is a symbolic link in commit " + commit
                        + " of " + repository + "; dispatch-plan never reads through links. Commit the file itself"
                        + " there instead of a link");
            }
            if (name.equals(clean) && meta[1].equals("blob")) {
                blob = meta[2];
            }
        }
        if (blob == null) {
            return Optional.empty();
        }
        return Optional.of(git.run(repository, "cat-file", "blob", blob).stdout());
    }
}
