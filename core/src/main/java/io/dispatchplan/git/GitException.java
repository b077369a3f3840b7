package io.dispatchplan.git;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A git command failed, or git state forbids what was asked. The message names the command, where it
 * ran and git's own words (stderr), with credentials in URLs masked.
 */
public class GitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code https://user:token@host} and {@code https://token@host}: the part before {@code @} is secret. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public GitException(List<String> command, Path dir, int exitCode, String stderr, boolean timedOut) {
        super(describe(command, dir, exitCode, stderr, timedOut));
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = redact(stderr == null ? "" : stderr.strip());
    }

    /** A refusal decided by dispatch-plan itself, not by a failing git command. */
    public GitException(String message) {
        super(redact(message));
        this.command = List.of();
        this.exitCode = -1;
        this.stderr = "";
    }

    /** The git arguments (after {@code git}); empty for a refusal. */
    public List<String> command() {
        return command;
    }

    /** Git's exit code; -1 for a refusal. */
    public int exitCode() {
        return exitCode;
    }

    /** What git printed on stderr, credentials masked. */
    public String stderr() {
        return stderr;
    }

    public static String redact(String text) {
        return text == null ? null : URL_CREDENTIALS.matcher(text).replaceAll("$1****@");
    }

    private static String describe(List<String> command, Path dir, int exitCode, String stderr, boolean timedOut) {
        String what = "git " + String.join(" ", command);
        String where = dir == null ? "" : " in " + dir;
        String how = timedOut ? " timed out and was killed" : " failed with exit code " + exitCode;
        String said = stderr == null || stderr.isBlank() ? "" : ": " + stderr.strip();
        return redact(what + where + how + said);
    }
}
