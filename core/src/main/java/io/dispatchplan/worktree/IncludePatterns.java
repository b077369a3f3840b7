package io.dispatchplan.worktree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gitignore-style patterns naming untracked files to copy into each worktree (a {@code .worktreeinclude}
 * file): {@code #} comments, {@code !} negation, {@code *}, {@code ?}, {@code [a-z]}, {@code **}, a trailing
 * {@code /} for directories only, and a {@code /} at the start or in the middle anchoring a pattern to the
 * top; otherwise a pattern matches a name at any depth. The last matching pattern decides; a path no
 * pattern matches inherits its directory's decision, so {@code node_modules/} takes the whole directory
 * and {@code !node_modules/.cache/} can still leave part of it out.
 */
public final class IncludePatterns {

    private record Rule(Pattern regex, boolean negated, boolean directoryOnly) {
    }

    private final List<Rule> rules;

    private IncludePatterns(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static IncludePatterns parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = stripTrailingSpaces(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = false;
            if (line.startsWith("!")) {
                negated = true;
                line = line.substring(1);
            } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean directoryOnly = line.endsWith("/");
            if (directoryOnly) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
            rules.add(new Rule(Pattern.compile(regex), negated, directoryOnly));
        }
        return new IncludePatterns(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The decision of the last pattern matching {@code relativePath} ('/'-separated): TRUE to include,
     * FALSE to exclude, null when no pattern matches (the caller uses the parent directory's decision).
     */
    public Boolean decide(String relativePath, boolean directory) {
        Boolean decision = null;
        for (Rule rule : rules) {
            if ((!rule.directoryOnly() || directory) && rule.regex().matcher(relativePath).matches()) {
                decision = !rule.negated();
            }
        }
        return decision;
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
                re.append("/.*");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String body = glob.substring(i + 1, end);
                if (body.startsWith("!")) {
                    body = "^" + body.substring(1);
                }
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end + 1;
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return re.toString();
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        String s = line.substring(0, end);
        return s.endsWith("\\ ") ? s.substring(0, s.length() - 2) + " " : s;
    }
}
