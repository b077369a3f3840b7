package io.dispatchplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plan reader's text helpers were written without regular expressions (or skip them when they cannot match) to
 * read large plans faster in a fresh JVM. Each must answer exactly as the regex version it replaced, kept here as the
 * oracle, on random text made of the characters the patterns care about.
 */
class RegexFreeTextTest {
    /** What the patterns care about, and the characters where regex and hand-written code could part ways. */
    private static final String ALPHABET = "aAbZ09 _-.:;,`*\"'\u201C\u201D()[]/\t\n\r\f\u000B\u001C\u0085\u2028\u00A0\u2003"
            + "\u2013\u2014\u00E9e\u0301\u0130\uFB01\u212A#&+";

    private static String randomText(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static final Pattern OLD_MARKUP = Pattern.compile("[`*\"\u201C\u201D]");
    private static final Pattern OLD_SPACES = Pattern.compile("\\s+");
    private static final Pattern OLD_TRAILING_PUNCTUATION = Pattern.compile("[.:;,]+$");

    private static String oldNormalize(String text) {
        String lower = OLD_MARKUP.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return OLD_TRAILING_PUNCTUATION.matcher(OLD_SPACES.matcher(lower).replaceAll(" ").strip()).replaceAll("");
    }

    @Test
    void referenceNamesNormalizeAsBefore() {
        Random random = new Random(11);
        for (int round = 0; round < 30_000; round++) {
            String text = randomText(random, 14);
            assertEquals(oldNormalize(text), ReferenceResolver.normalize(text), text);
        }
        assertEquals("stream a", ReferenceResolver.normalize("  **Stream   A**.: "));
        assertEquals(oldNormalize("Stream A.\u0085"), ReferenceResolver.normalize("Stream A.\u0085"));
        assertEquals(oldNormalize("x:\u0085 "), ReferenceResolver.normalize("x:\u0085 "));
    }

    private static final Pattern OLD_PARENTHETICAL = Pattern.compile("\\([^()]*\\)|\\[[^\\[\\]]*\\]");
    private static final Pattern OLD_LEAD_IN = Pattern.compile(
            "(?i)^\\s*[*_]*\\s*(requires|required|depends\\s+on|dependent\\s+on|blocked\\s+by|can\\s+start\\s+after"
                    + "|starts?\\s+after|after|waits?\\s+for|wait_for|needs|prerequisites?|preconditions?|dependencies"
                    + "|dependency)(?![\\w-])\\s*[*_]*\\s*:?\\s*[*_]*\\s*");
    private static final Pattern OLD_SEPARATOR = Pattern.compile("\\s*(?:,|;|\\band\\b|&|\\+|\\n)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern OLD_QUOTES = Pattern.compile("^[`*_\"'\u201C\u201D]+|[`*_\"'\u201C\u201D.:]+$");

    private static String oldWithoutNotes(String phrase) {
        String text = phrase;
        String previous;
        do {
            previous = text;
            text = OLD_PARENTHETICAL.matcher(text).replaceAll(" ");
        } while (!text.equals(previous));
        return text;
    }

    private static String oldCore(String phrase) {
        String text = oldWithoutNotes(phrase);
        String previous;
        do {
            previous = text;
            text = OLD_LEAD_IN.matcher(text).replaceFirst("");
        } while (!text.equals(previous));
        return text.strip();
    }

    private static final Pattern OLD_NONE = Pattern.compile(
            "(?i)^\\s*(?:(?:none|n/a|nothing|no\\s+dependenc(?:y|ies)|no\\s+blockers?|independent"
                    + "|can\\s+start\\s+immediately|ready\\s+to\\s+start)(?![\\w-]).*|[-\u2014\u2013]+\\s*)$");

    private static boolean oldIsNone(String phrase) {
        String text = oldWithoutNotes(phrase).strip();
        return text.isEmpty() || OLD_NONE.matcher(text).matches();
    }

    private static List<String> oldPieces(String phrase) {
        List<String> pieces = new ArrayList<>();
        if (oldIsNone(phrase)) {
            return pieces;
        }
        for (String piece : OLD_SEPARATOR.split(oldCore(phrase))) {
            String trimmed = OLD_QUOTES.matcher(piece.strip()).replaceAll("").strip();
            if (!trimmed.isEmpty()) {
                pieces.add(trimmed);
            }
        }
        return pieces;
    }

    @Test
    void dependencyPhrasesSplitAsBefore() {
        Random random = new Random(12);
        String[] words = {"Requires ", "depends on ", "**Blocked by**: ", "after ", "Stream A", "B", " and ", ", ", "; ",
            "(note)", "[x]", "`api`", "\"ui\".", "none", " to reach 50% completion", "wait_for ", "*", ":", "'", "\n",
            "\u201Cdocs\u201D", "(a (b))", "Needs: ", "AND", "And", "band", "andy", "and", " & ", "+", "None", "n/a",
            "\u0085", "api.\u0085", "\"x\"\u0085", "\u2014"};
        for (int round = 0; round < 30_000; round++) {
            StringBuilder phrase = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                phrase.append(random.nextBoolean() ? words[random.nextInt(words.length)] : randomText(random, 4));
            }
            String text = phrase.toString();
            assertEquals(oldIsNone(text), DependencyPhrase.isNone(text), text);
            assertEquals(oldCore(text), DependencyPhrase.core(text), text);
            assertEquals(oldPieces(text), DependencyPhrase.pieces(text), text);
        }
    }

    private static final Pattern OLD_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern OLD_DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern OLD_DASHES_AROUND_DOT = Pattern.compile("-*\\.-*");
    private static final Pattern OLD_DASHES = Pattern.compile("-{2,}");
    private static final Pattern OLD_LEADING = Pattern.compile("^[-._]+");
    private static final Pattern OLD_TRAILING = Pattern.compile("[-.]+$");

    /** The part of the old slug that changed: marks dropped, characters mapped, dots and dashes tidied. */
    private static String oldTidy(String text) {
        String ascii = OLD_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ? c : '-');
        }
        String slug = OLD_DASHES_AROUND_DOT.matcher(out).replaceAll(".");
        slug = OLD_DOTS.matcher(slug).replaceAll(".");
        slug = OLD_DASHES.matcher(slug).replaceAll("-");
        slug = OLD_LEADING.matcher(slug).replaceAll("");
        return OLD_TRAILING.matcher(slug).replaceAll("");
    }

    @Test
    void slugsAreAsBefore() {
        Random random = new Random(13);
        for (int round = 0; round < 30_000; round++) {
            String text = randomText(random, 12);
            String expected = oldTidy(text);
            String slug = Slugs.slug(text);
            if (expected.chars().anyMatch(Character::isLetterOrDigit) && !expected.endsWith(".lock")
                    && expected.length() <= Slugs.MAX_LENGTH && !Slugs.isWindowsDeviceName(expected)) {
                assertEquals(expected, slug, text);
            }
        }
        Pattern oldDevice = Pattern.compile("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])");
        String stemLetters = "conprauxlptm19.0Kk";
        for (int round = 0; round < 30_000; round++) {
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(7); i > 0; i--) {
                name.append(stemLetters.charAt(random.nextInt(stemLetters.length())));
            }
            String text = name.toString();
            int dot = text.indexOf('.');
            assertEquals(oldDevice.matcher(dot < 0 ? text : text.substring(0, dot)).matches(),
                    Slugs.isWindowsDeviceName(text), text);
        }
        for (String device : List.of("con", "CON.txt", "lpt1", "com9.x", "nul", "aux")) {
            assertEquals(true, Slugs.isWindowsDeviceName(device), device);
        }
        for (String name : List.of("co", "conn", "lpt10", "console", "com0", "")) {
            assertEquals(false, Slugs.isWindowsDeviceName(name), name);
        }
    }

    private static final Pattern OLD_TITLE_SEPARATOR =
            Pattern.compile("\\s+[-\u2013\u2014]+\\s+|\\s*[\u2013\u2014]\\s*|:\\s+|\\s*[()]\\s*|\\s+/\\s+");

    private static List<String> oldTitleParts(String text) {
        Set<String> parts = new LinkedHashSet<>();
        String[] split = OLD_TITLE_SEPARATOR.split(text.strip());
        if (split.length >= 2) {
            for (String part : split) {
                if (!part.strip().isEmpty()) {
                    parts.add(part.strip());
                }
            }
        }
        return new ArrayList<>(parts);
    }

    @Test
    void titlePartsAreAsBefore() {
        Random random = new Random(14);
        for (int round = 0; round < 30_000; round++) {
            String text = randomText(random, 12);
            assertEquals(oldTitleParts(text), TitleParts.of(text), text);
        }
    }
}
