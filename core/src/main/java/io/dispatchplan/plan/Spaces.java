package io.dispatchplan.plan;

/**
 * Collapsing runs of white space in plan text and trimming its ends, without a regular expression: the plan reader
 * does this for every line of a plan, and a large plan is read in a fresh JVM where regex matching runs interpreted.
 */
public final class Spaces {
    private Spaces() {}

    /** Each run of {@code \s} (space, tab, line breaks, form feed, vertical tab) becomes one space; not stripped. */
    public static String collapse(CharSequence text) {
        return collapse(text, true);
    }

    /** Each run of spaces and tabs becomes one space; line breaks stay. Not stripped. */
    public static String collapseBlanks(CharSequence text) {
        return collapse(text, false);
    }

    private static String collapse(CharSequence text, boolean lineBreaksToo) {
        int length = text.length();
        int firstRun = -1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean spaceRun = c == ' ' && i + 1 < length && isSpace(text.charAt(i + 1), lineBreaksToo);
            if (isSpace(c, lineBreaksToo) && (c != ' ' || spaceRun)) {
                firstRun = i;
                break;
            }
        }
        if (firstRun < 0) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(length).append(text, 0, firstRun);
        boolean inRun = false;
        for (int i = firstRun; i < length; i++) {
            char c = text.charAt(i);
            if (isSpace(c, lineBreaksToo)) {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    /** Java's {@code \s}: {@code [ \t\n\x0B\f\r]}; only space and tab when line breaks are kept. */
    private static boolean isSpace(char c, boolean lineBreaksToo) {
        return c == ' ' || c == '\t' || (lineBreaksToo && (c == '\n' || c == '\u000B' || c == '\f' || c == '\r'));
    }

    /**
     * What {@code [characters]+$} leaves of stripped text: the run of those characters at its end removed. Like the
     * regex {@code $}, the end is before a final next-line character ({@code \u0085}, a line terminator that
     * {@link String#strip()} keeps), which stays.
     */
    public static String withoutTrailing(String stripped, String characters) {
        int end = stripped.endsWith("\u0085") ? stripped.length() - 1 : stripped.length();
        int kept = end;
        while (kept > 0 && characters.indexOf(stripped.charAt(kept - 1)) >= 0) {
            kept--;
        }
        return kept == end ? stripped : stripped.substring(0, kept) + stripped.substring(end);
    }

    /** Whether the character is one of Java's {@code \s}. */
    public static boolean isSpace(char c) {
        return isSpace(c, true);
    }

    /** Whether the text holds any {@code \s} character. */
    public static boolean any(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isSpace(text.charAt(i), true)) {
                return true;
            }
        }
        return false;
    }
}
