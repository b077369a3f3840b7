package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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

    private DependencyPhrase() {}

    /** True when the phrase says there is no dependency. */
    public static boolean isNone(String phrase) {
        return saysNone(withoutNotes(phrase));
    }

    private static boolean saysNone(String withoutNotes) {
        String text = withoutNotes.strip();
        return text.isEmpty() || NONE.matcher(text).matches();
    }

    /** The phrase without parenthetical notes and without a leading "Requires"/"Blocked by". */
    public static String core(String phrase) {
        return withoutLeadIns(withoutNotes(phrase));
    }

    private static String withoutLeadIns(String withoutNotes) {
        String text = withoutNotes;
        Matcher leadIn = LEAD_IN.matcher(text);
        while (leadIn.lookingAt()) {
            text = text.substring(leadIn.end());
            leadIn.reset(text);
        }
        return text.strip();
    }

    /** The pieces of a phrase, each expected to start with a reference; empty when {@link #isNone}. */
    public static List<String> pieces(String phrase) {
        List<String> pieces = new ArrayList<>();
        String withoutNotes = withoutNotes(phrase);
        if (saysNone(withoutNotes)) {
            return pieces;
        }
        String core = withoutLeadIns(withoutNotes);
        for (String piece : mayHoldSeparator(core) ? SEPARATOR.split(core) : new String[] {core}) {
            String trimmed = withoutQuotes(piece.strip()).strip();
            if (!trimmed.isEmpty()) {
                pieces.add(trimmed);
            }
        }
        return pieces;
    }

    /** False when {@link #SEPARATOR} cannot match: no {@code , ; & +}, line break or "and" in any case. */
    private static boolean mayHoldSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ';' || c == '&' || c == '+' || c == '\n'
                    || ((c == 'a' || c == 'A') && text.regionMatches(true, i, "and", 0, 3))) {
                return true;
            }
        }
        return false;
    }

    /** Without quotes and emphasis around it, nor a full stop or colon after it: {@code "`api`."} gives {@code api}. */
    private static String withoutQuotes(String piece) {
        int start = 0;
        while (start < piece.length() && "`*_\"'\u201C\u201D".indexOf(piece.charAt(start)) >= 0) {
            start++;
        }
        return Spaces.withoutTrailing(piece.substring(start), "`*_\"'\u201C\u201D.:");
    }

    private static String withoutNotes(String phrase) {
        String text = phrase == null ? "" : phrase;
        if (text.indexOf('(') < 0 && text.indexOf('[') < 0) {
            return text;
        }
        String previous;
        do {
            previous = text;
            text = PARENTHETICAL.matcher(text).replaceAll(" ");
        } while (!text.equals(previous));
        return text;
    }
}
