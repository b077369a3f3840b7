package io.dispatchplan.process;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one argv-to-shell function: turns an argv into shell source that runs exactly that argv. Used where a
 * command must travel as script text (a Jenkins {@code sh}/{@code bat} step, a log line); everything else
 * runs argv directly through {@link ProcessRunner}.
 */
public final class ShellQuoting {

    /** Words that need no quoting in any position. */
    private static final Pattern POSIX_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** Reserved words the shell would parse as syntax when they come first. */
    private static final Set<String> RESERVED_FIRST = Set.of("!", "{", "}", "case", "do", "done", "elif",
            "else", "esac", "fi", "for", "if", "in", "then", "until", "while", "function", "select", "time",
            "[[", "]]", "coproc");

    /** Characters cmd.exe acts on even in arguments; escaped with a caret so cmd passes them through. */
    private static final String CMD_METACHARACTERS = "()!^\"<>&|";

    private ShellQuoting() {
    }

    /** POSIX {@code sh} source for the argv, e.g. {@code [echo, it's]} gives {@code echo 'it'\''s'}. */
    public static String quote(List<String> argv) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            String word = argv.get(i);
            boolean first = i == 0;
            if (first && (word.indexOf('=') >= 0 || RESERVED_FIRST.contains(word))) {
                // "A=b cmd" would be an assignment and "if" a keyword: quote them.
                out.append(singleQuoted(word));
            } else {
                out.append(quote(word));
            }
        }
        return out.toString();
    }

    /** One POSIX word; left bare when it holds only characters the shell never interprets. */
    public static String quote(String word) {
        checkNoNul(word);
        if (POSIX_SAFE.matcher(word).matches()) {
            return word;
        }
        return singleQuoted(word);
    }

    private static String singleQuoted(String word) {
        checkNoNul(word);
        // Inside single quotes nothing is special except the closing quote: end, escape one, reopen.
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Source for a Windows batch file (what a Jenkins {@code bat} step runs): each argument quoted for the
     * C runtime's argument parser ({@code CommandLineToArgvW} rules), then cmd's metacharacters escaped
     * with {@code ^} and {@code %} doubled, so cmd neither expands nor redirects anything. Assumes delayed
     * expansion is off (the cmd default).
     *
     * @throws IllegalArgumentException for a line break, which a Windows command line cannot carry
     */
    public static String quoteForCmd(List<String> argv) {
        return argv.stream().map(ShellQuoting::quoteForCmd).collect(Collectors.joining(" "));
    }

    public static String quoteForCmd(String word) {
        checkNoNul(word);
        if (word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a Windows command line cannot carry a line break; pass this "
                    + "text through a file instead: " + quote(word));
        }
        StringBuilder out = new StringBuilder();
        for (char c : argvQuoted(word).toCharArray()) {
            if (c == '%') {
                out.append("%%");
            } else {
                if (CMD_METACHARACTERS.indexOf(c) >= 0) {
                    out.append('^');
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Quoting for the C runtime's argv parser: backslashes are literal unless they precede a quote. */
    private static String argvQuoted(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"' || c == '\u000b')) {
            return word;
        }
        StringBuilder out = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : word.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                out.append("\\".repeat(backslashes * 2 + 1));
            } else {
                out.append("\\".repeat(backslashes));
            }
            backslashes = 0;
            out.append(c);
        }
        // Backslashes before the closing quote must be doubled or they would escape it.
        out.append("\\".repeat(backslashes * 2)).append('"');
        return out.toString();
    }

    private static void checkNoNul(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument contains a NUL character, which no shell can pass");
        }
    }
}
