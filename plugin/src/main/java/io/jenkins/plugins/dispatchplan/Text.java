package io.jenkins.plugins.dispatchplan;

import java.util.Collection;
import java.util.stream.Collectors;

/** String helpers for step arguments. */
final class Text {
    private Text() {
    }

    static String trimToNull(String s) {
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
