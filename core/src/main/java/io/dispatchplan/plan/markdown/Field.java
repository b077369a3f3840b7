package io.dispatchplan.plan.markdown;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A labelled value: {@code **Files**: `a.py`, `b.py`} gives label {@code Files}, value
 * {@code a.py, b.py}, code spans {@code [a.py, b.py]}; a list item's nested bullets are its items.
 *
 * @param tentative the line starts with an everyday word that may be a dependency label ({@code After login, ...},
 *     {@code Requires Stream A}): a dependency only if it names workstreams, else the text it was
 */
record Field(String label, FieldKind kind, String value, List<String> codeSpans, List<String> items, int line,
        boolean tentative) {

    /** A comma and the spaces around it, compiled once (String.split would compile it on every call). */
    static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    Field(String label, FieldKind kind, String value, List<String> codeSpans, List<String> items, int line) {
        this(label, kind, value, codeSpans, items, line, false);
    }

    /** The individual values: nested items if any, else the code spans, else the value split on commas. */
    List<String> values() {
        if (!items.isEmpty()) {
            return value.isBlank() ? items : concat(List.of(value), items);
        }
        if (!codeSpans.isEmpty()) {
            return codeSpans;
        }
        return value.isBlank() ? List.of() : List.of(COMMA.split(value));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
