package io.dispatchplan.plan.markdown;

import java.util.Locale;
import java.util.regex.Pattern;

/** The words people use for a workstream in headings and bold labels. */
final class Keywords {
    static final String WORDS = "work\\s*stream|workstream|stream|track|lane|spec|specification|team|squad"
            + "|developer|dev|engineer|agent|worker|epic";
    /** {@code Stream A: Title}, {@code Track 3 - Title}, {@code Workstream 2}. */
    static final Pattern KEYWORD_CODE_TITLE = Pattern.compile(
            "(?i)^(" + WORDS + ")\\s+([A-Za-z][0-9]*|[0-9]+)\\s*(?:(?:[:.)\\-–—]\\s*)(.*))?$");
    static final Pattern PHASE = Pattern.compile("(?i)\\bphase\\s+(\\d+)\\b");

    private Keywords() {}

    /** {@code work stream} and {@code Workstream} alike become {@code workstream}. */
    static String normalize(String keyword) {
        return keyword.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    static String capitalized(String keyword) {
        String k = normalize(keyword);
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }
}
