package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.testsupport.Plans;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
    }
}
