package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the prose people write after "Dependencies:" into the pieces that each name one workstream:
 * {@code "Requires Stream A, B, C to reach 50% completion"} gives {@code Stream A}, {@code B},
 * {@code C to reach 50% completion}; {@code "None (can start immediately)"} gives nothing. Pieces are
 * resolved by {@link ReferenceResolver}, which tolerates trailing prose.
 */
public final class DependencyPhrase {
    private static final Pattern PARENTHETICAL = Pattern.compile("\\([^()]*\\)|\\[[^\\[\\]]*\\]");
    private static final Pattern NONE = Pattern.compile(
            "(?i)^\\s*(?:(?:none|n/a|nothing|no\\s+dependenc(?:y|ies)|no\\s+blockers?|independent"
                    + "|can\\s+start\\s+immediately|ready\\s+to\\s+start)(?![\\w-]).*|[-—–]+\\s*)$");
    private static final Pattern LEAD_IN = Pattern.compile(
            "(?i)^\\s*[*_]*\\s*(requires|required|depends\\s+on|dependent\\s+on|blocked\\s+by|can\\s+start\\s+after"
                    + "|starts?\\s+after|after|waits?\\s+for|wait_for|needs|prerequisites?|preconditions?|dependencies"
                    + "|dependency)(?![\\w-])\\s*[*_]*\\s*:?\\s*[*_]*\\s*");
    private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:,|;|\\band\\b|&|\\+|\\n)\\s*", Pattern.CASE_INSENSITIVE);

    private static final Pattern QUOTES = Pattern.compile("^[`*_\"'“”]+|[`*_\"'“”.:]+$");

    private DependencyPhrase() {}

    /** True when the phrase says there is no dependency. */
    public static boolean isNone(String phrase) {
        String text = withoutNotes(phrase).strip();
        return text.isEmpty() || NONE.matcher(text).matches();
    }

    /** The phrase without parenthetical notes and without a leading "Requires"/"Blocked by". */
    public static String core(String phrase) {
        String text = withoutNotes(phrase);
        String previous;
        do {
            previous = text;
            text = LEAD_IN.matcher(text).replaceFirst("");
        } while (!text.equals(previous));
        return text.strip();
    }

    /** The pieces of a phrase, each expected to start with a reference; empty when {@link #isNone}. */
    public static List<String> pieces(String phrase) {
        List<String> pieces = new ArrayList<>();
        if (isNone(phrase)) {
            return pieces;
        }
        for (String piece : SEPARATOR.split(core(phrase))) {
            String trimmed = QUOTES.matcher(piece.strip()).replaceAll("").strip();
            if (!trimmed.isEmpty()) {
                pieces.add(trimmed);
            }
        }
        return pieces;
    }

    private static String withoutNotes(String phrase) {
        String text = phrase == null ? "" : phrase;
        String previous;
        do {
            previous = text;
            text = PARENTHETICAL.matcher(text).replaceAll(" ");
        } while (!text.equals(previous));
        return text;
    }
}
