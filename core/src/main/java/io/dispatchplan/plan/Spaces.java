package io.dispatchplan.plan;

/**
 * Collapsing runs of white space in plan text, without a regular expression: the plan reader does this for every
 * line of a plan, and a large plan is read in a fresh JVM where regex matching runs interpreted.
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
     * Where a regex {@code $} matches at the end of stripped text: before a final next-line character ({@code \u0085},
     * a line terminator that {@link String#strip()} keeps), else at the very end. Hand-written trimming of what a
     * pattern ending in {@code $} removed must stop there too.
     */
    public static int endBeforeNextLine(String stripped) {
        return stripped.endsWith("\u0085") ? stripped.length() - 1 : stripped.length();
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
