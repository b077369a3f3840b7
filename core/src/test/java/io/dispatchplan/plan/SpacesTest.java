package io.dispatchplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpacesTest {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

    @Test
    void collapsesEveryRunLikeTheRegexItReplaces() {
        assertEquals(" a b c ", Spaces.collapse(" \t a \n\n b\r\n\u000Bc\f"));
        assertEquals("a b", Spaces.collapse("a b"));
        assertEquals("a\nb c\n", Spaces.collapseBlanks("a\nb \t c\n"));
    }

    @Test
    void agreesWithTheRegexOnRandomText() {
        Random random = new Random(7);
        String alphabet = "ab \t\n\r\u000B\f\u00A0\u2003x";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(SPACES.matcher(text).replaceAll(" "), Spaces.collapse(text), text.toString());
            assertEquals(BLANKS.matcher(text).replaceAll(" "), Spaces.collapseBlanks(text), text.toString());
            assertEquals(SPACES.matcher(text).find(), Spaces.any(text), text.toString());
        }
    }
}
