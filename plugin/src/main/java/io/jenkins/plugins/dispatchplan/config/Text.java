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

    static String sorted(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }
}
