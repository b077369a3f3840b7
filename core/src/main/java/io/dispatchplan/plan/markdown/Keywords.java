package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.Spaces;
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
    /** The labels people put before what a workstream depends on, as a regex alternation (no groups). */
    static final String DEPENDENCY_LABELS = "depends\\s+on|dependent\\s+on|dependencies|dependency|blocked\\s+by"
            + "|can\\s+start\\s+after|starts?\\s+after|waits?\\s+for|wait_for|requires|needs|prerequisites?"
            + "|preconditions?|after";
    /**
     * Labels that are everyday words too ({@code After login, show the balance}): without bold or a colon they state
     * a dependency only when what follows names workstreams.
     */
    static final Pattern EVERYDAY_LABEL = Pattern.compile(
            "(?i)requires|needs|after|dependencies|dependency|prerequisites?|preconditions?");

    /** What people put before the keyword: an emoji or symbol ({@code 🚀}, {@code ✅}, {@code →}) or a checkbox ({@code [x]}). */
    private static final Pattern MARKER = Pattern.compile(
            "^(?:[\\p{So}\\p{Sk}\\p{Sm}\\p{Cf}\\p{Mn}\\p{Me}\\p{Cs}•·*>~|–—-]+\\s*|\\[[ xX✓✔]?]\\s*)+");

    private Keywords() {}

    /** Whether a title names a phase ({@code Phase 2: Core}), which groups workstreams and is never one itself. */
    static boolean isPhase(String title) {
        return mayNamePhase(title) && PHASE.matcher(title).find();
    }

    /** False when {@link #PHASE} cannot match (no "phase" in any case): most titles, which then skip the regex. */
    static boolean mayNamePhase(String title) {
        for (int i = 0; i + 5 <= title.length(); i++) {
            char c = title.charAt(i);
            if ((c == 'p' || c == 'P') && title.regionMatches(true, i, "phase", 0, 5)) {
                return true;
            }
        }
        return false;
    }

    /** The text without a leading emoji, symbol or checkbox: {@code 🚀 Workstream 1: API} gives {@code Workstream 1: API}. */
    static String withoutMarker(String text) {
        if (text == null || text.isEmpty() || Character.isLetterOrDigit(text.codePointAt(0))) {
            return text;
        }
        String stripped = MARKER.matcher(text).replaceFirst("");
        return stripped.isEmpty() ? text : stripped;
    }

    /** {@code work stream} and {@code Workstream} alike become {@code workstream}. */
    static String normalize(String keyword) {
        String lower = keyword.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!Spaces.isSpace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String capitalized(String keyword) {
        String k = normalize(keyword);
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }
}
