package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The distinctive parts of a name or title, the way people refer to it for short: {@code Alice} and
 * {@code payments backend} of {@code Alice — payments backend}, {@code Carol} of {@code Carol (QA lead)},
 * {@code Ledger} of {@code Ledger: double-entry tables}.
 */
final class TitleParts {
    /** A dash with spaces around it (a hyphen inside a word is part of the word), a long dash, a colon, parentheses. */
    private static final Pattern SEPARATOR = Pattern.compile("\\s+[-–—]+\\s+|\\s*[–—]\\s*|:\\s+|\\s*[()]\\s*|\\s+/\\s+");

    private TitleParts() {}

    static List<String> of(String... texts) {
        Set<String> parts = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || !hasSeparatorCharacter(text)) {
                continue;
            }
            String[] split = SEPARATOR.split(text.strip());
            if (split.length < 2) {
                continue;
            }
            for (String part : split) {
                String stripped = part.strip();
                if (!stripped.isEmpty()) {
                    parts.add(stripped);
                }
            }
        }
        return new ArrayList<>(parts);
    }

    /** Every {@link #SEPARATOR} holds one of these; most names hold none, and skip the regex. */
    private static boolean hasSeparatorCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("-\u2013\u2014:()/".indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
