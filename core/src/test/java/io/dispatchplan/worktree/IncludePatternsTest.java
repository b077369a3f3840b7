package io.dispatchplan.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncludePatternsTest {

    private static IncludePatterns patterns(String... lines) {
        return IncludePatterns.parse(List.of(lines));
    }

    @Test
    void aNameWithoutSlashMatchesAtAnyDepth() {
        IncludePatterns p = patterns(".env", "*.local");

        assertThat(p.decide(".env", false)).isTrue();
        assertThat(p.decide("services/api/.env", false)).isTrue();
        assertThat(p.decide("config/app.local", false)).isTrue();
        assertThat(p.decide(".envrc", false)).isNull();
        assertThat(p.decide("a.local/x", false)).isNull();
    }

    @Test
    void aSlashAnchorsThePatternToTheTop() {
        IncludePatterns p = patterns("/.env", "config/*.json");

        assertThat(p.decide(".env", false)).isTrue();
        assertThat(p.decide("sub/.env", false)).isNull();
        assertThat(p.decide("config/dev.json", false)).isTrue();
        assertThat(p.decide("config/deep/dev.json", false)).isNull();
        assertThat(p.decide("x/config/dev.json", false)).isNull();
    }

    @Test
    void doubleStarsSpanDirectories() {
        IncludePatterns p = patterns("**/secrets/*.key", "cache/**");

        assertThat(p.decide("secrets/a.key", false)).isTrue();
        assertThat(p.decide("a/b/secrets/a.key", false)).isTrue();
        assertThat(p.decide("cache/x/y/z", false)).isTrue();
        assertThat(p.decide("cache", true)).isNull();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() {
        IncludePatterns p = patterns("node_modules/");

        assertThat(p.decide("node_modules", true)).isTrue();
        assertThat(p.decide("web/node_modules", true)).isTrue();
        assertThat(p.decide("node_modules", false)).isNull();
    }

    @Test
    void theLastMatchingPatternDecidesSoNegationExcludes() {
        IncludePatterns p = patterns("*.env", "!prod.env", "# a comment", "", "\\#literal");

        assertThat(p.decide("dev.env", false)).isTrue();
        assertThat(p.decide("prod.env", false)).isFalse();
        assertThat(p.decide("#literal", false)).isTrue();
        assertThat(p.decide("# a comment", false)).isNull();
    }

    @Test
    void questionMarksAndCharacterClassesMatchOneCharacter() {
        IncludePatterns p = patterns("v?.cfg", "[a-c]*.txt", "[!x]y");

        assertThat(p.decide("v1.cfg", false)).isTrue();
        assertThat(p.decide("v10.cfg", false)).isNull();
        assertThat(p.decide("b-notes.txt", false)).isTrue();
        assertThat(p.decide("d-notes.txt", false)).isNull();
        assertThat(p.decide("zy", false)).isTrue();
        assertThat(p.decide("xy", false)).isNull();
    }
}
