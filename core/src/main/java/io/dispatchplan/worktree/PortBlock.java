package io.dispatchplan.worktree;

import io.dispatchplan.files.SafeFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports a workstream may use, so parallel dev servers on one machine do not collide:
 * {@code PORT = basePort + index * portSpan}, and the block runs to {@code PORT + portSpan - 1}.
 *
 * @param basePort the first port of workstream 0
 * @param portSpan how many ports each workstream gets
 * @param index the workstream's position in the plan, from 0
 */
public record PortBlock(int basePort, int portSpan, int index) {
    /** The file in the worktree root that gets the workstream's {@code PORT}. */
    public static final String ENV_FILE = ".env";


    private static final Pattern PORT_LINE = Pattern.compile("^(\\s*(?:export\\s+)?)PORT\\s*=.*$");

    public PortBlock {
        if (basePort < 1 || basePort > 65535) {
            throw new IllegalArgumentException("basePort must be between 1 and 65535, got " + basePort);
        }
        if (portSpan < 1) {
            throw new IllegalArgumentException("portSpan must be at least 1, got " + portSpan);
        }
        if (index < 0) {
            throw new IllegalArgumentException("the workstream index must not be negative, got " + index);
        }
        long last = (long) basePort + (long) index * portSpan + portSpan - 1;
        if (last > 65535) {
            throw new IllegalArgumentException("workstream " + index + " would need ports up to " + last
                    + " (basePort " + basePort + ", portSpan " + portSpan + "), past 65535; lower basePort or "
                    + "portSpan");
        }
    }

    public int port() {
        return basePort + index * portSpan;
    }

    public int lastPort() {
        return port() + portSpan - 1;
    }

    /**
     * Sets {@code PORT=<port>} in an existing {@code .env}-style file: rewrites every {@code PORT=} line
     * (keeping an {@code export} prefix) or appends one. Does nothing when the file does not exist.
     *
     * @return whether the file exists (and now names this port)
     * @throws io.dispatchplan.files.UnsafePathException when the file is a symbolic link: the user's file it points
     *     at is neither read nor written
     */
    public boolean writeTo(Path envFile) {
        return writeTo(envFile.toAbsolutePath().getParent(), envFile.toAbsolutePath());
    }

    /** {@link #writeTo(Path)} for a file below {@code root} (the worktree), no directory on the way a link. */
    public boolean writeTo(Path root, Path envFile) {
        Optional<String> existing = SafeFiles.readRegularFile(root, envFile);
        if (existing.isEmpty()) {
            return false;
        }
        List<String> lines = new ArrayList<>(existing.get().lines().toList());
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PORT_LINE.matcher(lines.get(i));
            if (m.matches()) {
                lines.set(i, m.group(1) + "PORT=" + port());
                found = true;
            }
        }
        if (!found) {
            lines.add("PORT=" + port());
        }
        SafeFiles.writeRegularFile(root, envFile, String.join("\n", lines) + "\n");
        return true;
    }
}
