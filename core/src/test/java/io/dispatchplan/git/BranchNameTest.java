package io.dispatchplan.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.TestGit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BranchNameTest {

    private static final GitCli GIT = TestGit.cli();

    @Test
    void acceptsWorkstreamBranchesAndRefusesWhatGitRefuses() {
        assertThat(BranchName.isValid("chat-system/api-v2.1_x")).isTrue();
        assertThat(BranchName.isValid("feature/ünïcode")).isTrue();
        for (String bad : new String[] {"", "@", "-x", "/a", "a/", "a..b", "a//b", "a.lock", "a/.hidden", "a b",
            "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "a@{1}", "a.", "tab\tx"}) {
            assertThat(BranchName.isValid(bad)).as(bad).isFalse();
        }
    }

    /** Agrees with git itself on names built from the characters the rules are about. */
    @Property(tries = 300)
    void agreesWithGitCheckRefFormat(@ForAll("names") String name) {
        Assume.that(!name.equals("@"));

        assertThat(BranchName.isValid(name)).as("'%s'", name).isEqualTo(GIT.isValidBranchName(name));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("a", "b", "/", ".", "..", "-", "@", "{", "lock", ".lock", " ", "~", "^", ":", "?",
                "*", "[", "\\", "\t", "ü", "_", "0").list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
    }
}
