package io.dispatchplan.plan.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Labels, keywords and phase mentions are classified without regexes where they were hot; as before, on random text. */
class RegexFreeKeywordsTest {
    private static final String[] WORDS = {"Depends", "on", "depends on", "Tasks", "task", "Key", "files", "to",
        "create", "wait", "for", "_for", "waitsfor", "To do", "Focus", "Your", "mission", "**", "`", ":", "_", " ",
        "\t", "\n", "\u2003", "\u0085", "Timeout", "minutes", "Runs", "after", "Blocked by", "x", "Prerequisites",
        "Key files to modify", "Definition of done", "Deliverable", "git Branch", "Node label", "Success", "criteria",
        "Outputs", "Time estimate", "Steps", "work", "items", "Implementation"};

    private static String randomLabel(Random random) {
        StringBuilder label = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            label.append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextBoolean()) {
                label.append(' ');
            }
        }
        return label.toString();
    }

    private static final Pattern OLD_MARKUP = Pattern.compile("[*_`:]+");
    private static final Pattern OLD_SPACES = Pattern.compile("\\s+");

    private static FieldKind oldKind(String label) {
        String unmarked = OLD_MARKUP.matcher(label.strip()).replaceAll("");
        String normalized = OLD_SPACES.matcher(unmarked).replaceAll(" ").toLowerCase(Locale.ROOT).strip();
        for (FieldKind kind : FieldKind.values()) {
            if (kind != FieldKind.OTHER
                    && Pattern.compile("(?i)^(" + regexOf(kind) + ")$").matcher(normalized).matches()) {
                return kind;
            }
        }
        return FieldKind.OTHER;
    }

    /** The kinds' patterns as they were written before. */
    private static String regexOf(FieldKind kind) {
        return switch (kind) {
            case DEPENDENCIES -> "dependenc(y|ies)|depends?\\s+on|dependent\\s+on|blocked\\s+by|blockers|requires|needs"
                    + "|prerequisites?|preconditions?|can\\s+start\\s+after|starts?\\s+after|waits?\\s*for|after";
            case FILES -> "(key\\s+)?files?|paths?|key\\s+files?\\s+to\\s+(create|modify)";
            case FOCUS -> "focus|mission|your\\s+mission|goal|objective|description|summary|scope|purpose";
            case TASKS -> "tasks?|checklist|implementation\\s+checklist|to\\s*do|todo|work\\s+items|steps";
            case DELIVERABLES -> "deliverables?|outputs?|success\\s+criteria|definition\\s+of\\s+done";
            case BRANCH -> "branch|git\\s+branch";
            case ESTIMATE -> "estimate|effort|duration|size|time\\s+estimate";
            case LABEL -> "label|agent\\s+label|node\\s+label|runs\\s+on";
            case TIMEOUT -> "timeout|timeout\\s+minutes";
            case OTHER -> "";
        };
    }

    @Test
    void labelsAreClassifiedAsBefore() {
        Random random = new Random(21);
        for (int round = 0; round < 20_000; round++) {
            String label = randomLabel(random);
            assertEquals(oldKind(label), FieldKind.of(label), label);
            assertEquals(oldKind(label), FieldKind.of(label), "asked again: " + label);
        }
    }

    @Test
    void everyLabelTheOldPatternsNamedIsStillKnown() {
        String[] written = {"Dependency", "dependencies", "Depend on", "DEPENDS  ON", "dependent on", "Blocked by",
            "blockers", "requires", "needs", "prerequisite", "prerequisites", "precondition", "preconditions",
            "can start after", "start after", "starts after", "wait for", "waits for", "wait_for", "waitfor", "after",
            "file", "files", "key file", "key files", "path", "paths", "key file to create", "key files to modify",
            "focus", "mission", "your mission", "goal", "objective", "description", "summary", "scope", "purpose",
            "task", "tasks", "checklist", "implementation checklist", "to do", "todo", "work items", "steps",
            "deliverable", "deliverables", "output", "outputs", "success criteria", "definition of done", "branch",
            "git branch", "estimate", "effort", "duration", "size", "time estimate", "label", "agent label",
            "node label", "runs on", "timeout", "timeout minutes", "**Tasks:**", "`Files`"};
        for (String label : written) {
            assertEquals(oldKind(label), FieldKind.of(label), label);
            assertNotEquals(FieldKind.OTHER, FieldKind.of(label), label);
        }
        assertEquals(FieldKind.OTHER, FieldKind.of("Tasks\u0085"), "a next-line character is part of the label");
    }

    @Test
    void keywordsNormalizeAsBefore() {
        Random random = new Random(22);
        for (int round = 0; round < 20_000; round++) {
            String keyword = randomLabel(random);
            assertEquals(keyword.toLowerCase(Locale.ROOT).replaceAll("\\s+", ""), Keywords.normalize(keyword), keyword);
        }
    }

    @Test
    void aWholeWordIsFoundAsBefore() {
        Random random = new Random(23);
        String alphabet = "ab-_ 1.";
        String[] words = {"ab", "a b", "aa", "a-a", "b"};
        for (int round = 0; round < 30_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String word = words[random.nextInt(words.length)];
            boolean old = Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text).find();
            assertEquals(old, Phases.containsWord(text.toString(), word), text + " / " + word);
        }
    }

    @Test
    void phasesAreRecognisedAsBefore() {
        Random random = new Random(24);
        String[] pieces = {"Phase", "phase", "PHASE", "pHaSe", "phas", "e", " ", "2", "12", ":", "-", "x", "\u017Fhase", "Ph"};
        for (int round = 0; round < 30_000; round++) {
            StringBuilder title = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                title.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = title.toString();
            assertEquals(Keywords.PHASE.matcher(text).find(), Keywords.isPhase(text), text);
        }
    }
}
