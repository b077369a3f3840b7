package io.jenkins.plugins.dispatchplan.config;

import java.util.Collection;
import java.util.stream.Collectors;

/** String helpers for step arguments. */
public final class Text {
    private Text() {
    }

    public static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /** The most of a text from an agent the controller keeps: an agent's answer is not trusted to be small. */
    public static final int KEPT = 4_000;

    public static String cap(String text) {
        return text == null || text.length() <= KEPT ? text : text.substring(0, KEPT) + " ... (cut at " + KEPT + " characters)";
    }

    static String sorted(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }
}
