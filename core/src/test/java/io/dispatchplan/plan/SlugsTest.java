package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Plans;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Ids become branch names, paths and Jenkins branch names: they must be safe whatever the plan says. */
class SlugsTest {
    private static final String SAFE = "[a-z0-9][a-z0-9._-]*";

    @Property(tries = 2000)
    void everySlugIsSafe(@ForAll @StringLength(max = 400) String name) {
        String slug = Slugs.slug(name);
        assertSafe(slug);
        assertThat(Slugs.slug(slug)).as("slugging is idempotent").isEqualTo(slug);
    }

    /** The default generator rarely strings dots and dashes together, which is where slugs go wrong. */
    @Property(tries = 3000)
    void punctuationHeavyNamesGiveSafeSlugs(
            @ForAll @StringLength(max = 40) @Chars({'.', '-', '_', ' ', '/', 'a', '1', '\u00e9', 'k', 'l', 'o', 'c'}) String name) {
        everySlugIsSafe(name);
    }

    @Property(tries = 500)
    void uniqueSlugsAreDistinctAndSafe(@ForAll @Size(max = 30) List<@StringLength(max = 20) String> names) {
        List<String> ids = Slugs.uniqueSlugs(names);
        assertThat(ids).hasSize(names.size()).doesNotHaveDuplicates();
        ids.forEach(SlugsTest::assertSafe);
        assertThat(ids).doesNotContainAnyElementsOf(Slugs.RESERVED);
    }

    /** Windows refuses files and directories named after devices, with any extension and in any case. */
    @Property(tries = 2000)
    void slugsNeverNameAWindowsDevice(@ForAll("deviceLike") String name) {
        String slug = Slugs.slug(name);
        assertSafe(slug);
        assertThat(Slugs.slug(slug)).as("slugging is idempotent").isEqualTo(slug);
    }

    @Provide
    Arbitrary<String> deviceLike() {
        Arbitrary<String> device = Arbitraries.of("con", "prn", "aux", "nul", "com", "lpt", "CON", "Aux", "nUl",
                "com1", "COM9", "lpt1", "LPT5", "com0", "lpt", "conin$", "clock$");
        Arbitrary<String> affix = Arbitraries.of("", "", "", ".", "..", " ", "-", "_", ".txt", ".TAR.gz", ". x",
                ".lock", "1", "/", "\u00e9");
        return Combinators.combine(affix, device, affix, affix).as((a, b, c, d) -> a + b + c + d);
    }

    @Test
    void deviceNamesGetASuffixKeepingTheExtension() {
        assertThat(Slugs.slug("CON")).isEqualTo("con-ws");
        assertThat(Slugs.slug("con.txt")).isEqualTo("con-ws.txt");
        assertThat(Slugs.slug("Lpt1.tar.gz")).isEqualTo("lpt1-ws.tar.gz");
        assertThat(Slugs.slug("console")).isEqualTo("console");
        assertThat(Slugs.slug("com10")).isEqualTo("com10");
    }

    /** Ids are directory names: two that differ only in case would be one directory on Windows and macOS. */
    @Property(tries = 500)
    void uniqueSlugsNeverCollideIgnoringCase(
            @ForAll @Size(max = 30)
            List<@StringLength(max = 6) @Chars({'a', 'A', 'b', 'B', '\u00c9', '\u00e9', '-', ' ', '.'}) String> names) {
        List<String> ids = Slugs.uniqueSlugs(names);
        assertThat(ids.stream().map(id -> id.toLowerCase(java.util.Locale.ROOT)).distinct()).hasSameSizeAs(ids);
        assertThat(ids.stream().map(id -> id.toUpperCase(java.util.Locale.ROOT)).distinct()).hasSameSizeAs(ids);
    }

    @Test
    void idsThatDifferOnlyInCaseGetDistinctIds() throws Exception {
        Plan plan = Plans.yaml("""
                workstreams:
                  - id: api
                  - id: API
                  - id: Api
                  - id: CON
                """);
        assertThat(plan.ids()).containsExactly("api", "api-2", "api-3", "con-ws");
    }

    @Test
    void hostileNamesGiveSafeDistinctIds() throws Exception {
        String longName = "x".repeat(300);
        Plan plan = Plans.markdown("""
                | Workstream | Depends on |
                |---|---|
                | ../x | none |
                | -rf | none |
                | $(rm -rf /) | none |
                | `whoami` | none |
                | Dévelopment ünicode | none |
                | 数据库 | none |
                | %s | none |
                | Foo Bar | none |
                | foo-bar | none |
                | integration | none |
                | ..lock | none |
                """.formatted(longName));

        List<String> ids = plan.ids();
        assertThat(ids).doesNotHaveDuplicates().hasSize(11);
        ids.forEach(SlugsTest::assertSafe);
        assertThat(ids).contains("x", "rf", "rm-rf", "whoami", "development-unicode", "foo-bar", "foo-bar-2", "integration-2");
        assertThat(ids.get(5)).startsWith("ws-");
        assertThat(ids.get(6)).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).startsWith("xxxx");
        assertThat(plan.workstreams()).allSatisfy(w -> assertThat(BranchNames.problem(w.branch())).isEmpty());
        assertThat(new HashSet<>(plan.workstreams().stream().map(Workstream::branch).toList())).hasSize(11);
    }

    static void assertSafe(String slug) {
        assertThat(slug).matches(SAFE).doesNotContain("..").doesNotEndWith(".").doesNotEndWith(".lock")
                .hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH);
        assertThat(slug.split("\\.", 2)[0]).as("the name before any extension of " + slug)
                .doesNotMatch("con|prn|aux|nul|com[1-9]|lpt[1-9]");
    }
}
