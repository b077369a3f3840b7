package io.dispatchplan.report;

/**
 * Puts untrusted text (plan titles, reasons, file names) into Markdown so it reads as the same text and never as
 * markup, a link or HTML.
 */
final class Markdown {

    /** ASCII punctuation CommonMark acts on; a backslash makes each literal. */
    private static final String SPECIAL = "\\`*_[]<>|#!&~";

    private Markdown() {
    }

    /** Text for a paragraph, list item or table cell: one line, every special character escaped. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : oneLine(value).toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** An inline code span that holds {@code value} whatever backticks it contains. */
    static String code(String value) {
        String line = oneLine(value == null ? "" : value);
        String fence = "`".repeat(longestRun(line, '`') + 1);
        // In a table a pipe would end the cell even inside code.
        String body = line.replace("|", "\\|");
        boolean pad = body.startsWith("`") || body.endsWith("`") || body.isEmpty();
        return fence + (pad ? " " + body + " " : body) + fence;
    }

    /** A fenced code block of shell lines; the fence is longer than any backtick run inside. */
    static String block(String language, String body) {
        String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
        return fence + language + "\n" + body.stripTrailing() + "\n" + fence + "\n";
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (char x : text.toCharArray()) {
            run = x == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
