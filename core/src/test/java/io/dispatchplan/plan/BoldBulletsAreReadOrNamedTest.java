package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For generated plans of bold bullets and plain list items written like workstreams ({@code - Workstream 3: ...},
 * {@code - [ ] #105 Task (depends on #104)}) under section headings, every bold-led item is a workstream or named in
 * a warning with its own line, never both and never silently neither; so is every list item named by a keyword or
 * stating a dependency. With --strict each warning is an error.
 */
class BoldBulletsAreReadOrNamedTest {
    private static final List<String> NAMES = List.of("Schema", "Invoices API", "Billing UI", "Emails",
            "Remove legacy billing", "Reports", "Search index", "Audit log", "Exports", "Webhooks", "Caching", "Metrics");

    /** How an entry of a section is written. */
    enum Kind {
        PLAIN_NAME, COLON_INSIDE, KEYWORD_NAME, FIELD, NOTE, PROSE,
        /** {@code - **Stream C: title 7**: work item 7.} */
        KEYWORD_TITLED,
        /** {@code - Workstream 2: step 7 (depends on Workstream 1)}, not bold. */
        LIST_KEYWORD,
        /** {@code - [ ] #107 Task 7 (depends on #105)}. */
        ISSUE;

        boolean bold() {
            return this == PLAIN_NAME || this == COLON_INSIDE || this == KEYWORD_NAME || this == KEYWORD_TITLED;
        }
    }

    /** An entry; {@code dependency} 0: none stated, 1: "Depends on: none", 2: an earlier bullet of its list. */
    record Entry(Kind kind, int dependency) {}

    record SectionSpec(String heading, boolean ordered, List<Entry> entries) {}

    /**
     * An item as generated: where it is and what it should read as.
     *
     * @param label how a warning quotes it: the bold label, or for a list item text it contains
     * @param stated named by a keyword or stating a dependency, so it is named wherever it is not read
     */
    record Item(Kind kind, int line, String label, String name, String title, String focus, String dependsOn,
            boolean stated) {}

    @Property(tries = 500)
    void everyBoldBulletIsAWorkstreamOrAWarningWithItsLine(@ForAll("plans") List<SectionSpec> sections,
            @ForAll boolean titled) {
        List<Item> items = new ArrayList<>();
        String text = render(sections, titled, items);

        Plan plan;
        try {
            plan = PlanReader.parse(text, "plan.md", PlanOptions.defaults());
        } catch (PlanException e) {
            assertThat(e.getMessage()).as(text).contains("no workstreams found");
            return;
        }
        List<String> notRead = plan.warnings().stream().filter(w -> w.contains("looks like a workstream")).toList();
        List<Item> readItems = items.stream()
                .filter(item -> plan.workstreams().stream().anyMatch(w -> w.line() == item.line())).toList();
        assertThat(readItems).as("one shape reads the plan: %s", text)
                .allMatch(item -> item.kind().bold() == readItems.get(0).kind().bold());
        // bold bullets read the plan: each bold bullet is read or named; else only those named or stating dependencies
        boolean bulletPlan = !readItems.isEmpty() && readItems.get(0).kind().bold();
        int expectedNamed = 0;
        for (Item item : items) {
            Optional<Workstream> read = plan.workstreams().stream().filter(w -> w.line() == item.line()).findFirst();
            List<String> named = notRead.stream().filter(w -> item.kind().bold()
                    ? w.startsWith("line " + item.line() + ": '**" + item.label() + "**' looks like")
                    : w.startsWith("line " + item.line() + ": '") && w.contains(item.label())).toList();
            boolean candidate = bulletPlan && item.kind().bold() || item.stated();
            if (read.isPresent()) {
                assertThat(named).as("read and named: %s in%n%s%n%s", item, text, plan.warnings()).isEmpty();
                assertReadAsWritten(read.get(), item);
            } else {
                assertThat(named).as("%s once: %s in%n%s%n%s", candidate ? "named" : "not named", item, text,
                        plan.warnings()).hasSize(candidate ? 1 : 0);
                expectedNamed += candidate ? 1 : 0;
            }
        }
        assertThat(notRead).as(text).hasSize(expectedNamed).noneMatch(w -> w.startsWith("line 0"));
        assertThat(plan.workstreams()).as(text).hasSameSizeAs(readItems);
        assertStrictFailsOnEach(text, notRead, plan);
    }

    private static void assertReadAsWritten(Workstream workstream, Item item) {
        assertThat(workstream.id()).isEqualTo(Slugs.slug(item.name()));
        if (item.title() != null) {
            assertThat(workstream.title()).isEqualTo(item.title());
        }
        if (item.focus() != null || item.kind().bold() && !item.name().startsWith("Stream")) {
            assertThat(workstream.focus()).isEqualTo(item.focus());
        }
        assertThat(workstream.dependsOn()).isEqualTo(
                item.dependsOn() == null ? List.of() : List.of(Slugs.slug(item.dependsOn())));
    }

    private static void assertStrictFailsOnEach(String text, List<String> notRead, Plan plan) {
        PlanOptions strict = PlanOptions.defaults().withStrictCycles(true);
        try {
            Plan strictPlan = PlanReader.parse(text, "plan.md", strict);
            assertThat(notRead).as(text).isEmpty();
            assertThat(strictPlan.ids()).isEqualTo(plan.ids());
        } catch (PlanException e) {
            assertThat(notRead).as(text).isNotEmpty();
            for (String warning : notRead) {
                String line = warning.substring("line ".length(), warning.indexOf(':'));
                String what = warning.substring(warning.indexOf(": ") + 2, warning.indexOf(" looks like"));
                assertThat(e.getMessage()).as(text).containsAnyOf("line " + line + ": " + what, ":" + line + ": " + what);
            }
        }
    }

    @Provide
    Arbitrary<List<SectionSpec>> plans() {
        Arbitrary<Entry> entry = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2)).as(Entry::new);
        Arbitrary<SectionSpec> section = Combinators.combine(
                Arbitraries.of("Phase 1", "Phase 2", "Phase 3", "Backend", "Frontend", "Later"),
                Arbitraries.of(false, true),
                entry.list().ofMinSize(1).ofMaxSize(5)).as(SectionSpec::new);
        return section.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Writes the plan, one line per element, and records each bold-led item it writes. */
    private static String render(List<SectionSpec> sections, boolean titled, List<Item> items) {
        List<String> lines = new ArrayList<>();
        if (titled) {
            lines.add("# Billing rewrite");
        }
        int named = 0;
        int streams = 0;
        int workstreams = 0;
        for (SectionSpec section : sections) {
            lines.add("## " + section.heading());
            String marker = section.ordered() ? "1. " : "- ";
            for (List<Entry> list : lists(section.entries())) {
                boolean keywordInList = list.stream().anyMatch(e -> e.kind() == Kind.KEYWORD_NAME
                        || e.kind() == Kind.KEYWORD_TITLED);
                List<String> readableBefore = new ArrayList<>();
                List<String[]> listedBefore = new ArrayList<>(); // {name, how to refer to it}
                for (Entry entry : list) {
                    int line = lines.size() + 1;
                    String focus = "work item " + line;
                    switch (entry.kind()) {
                        case PLAIN_NAME -> {
                            String name = NAMES.get(named++ % NAMES.size()) + (named > NAMES.size() ? " " + named : "");
                            String dependsOn = entry.dependency() == 2 && !keywordInList && !readableBefore.isEmpty()
                                    ? readableBefore.get(readableBefore.size() - 1) : null;
                            String phrase = dependsOn != null ? " Depends on: " + dependsOn
                                    : entry.dependency() > 0 ? " Depends on: none" : "";
                            lines.add(marker + "**" + name + "**: " + focus + "." + phrase);
                            items.add(new Item(entry.kind(), line, name, name, name, focus, dependsOn, !phrase.isEmpty()));
                            readableBefore.add(name);
                        }
                        case COLON_INSIDE -> {
                            String name = "Owner " + line;
                            lines.add(marker + "**" + name + ":** Ann." + (entry.dependency() > 0 ? " Depends on: none" : ""));
                            items.add(new Item(entry.kind(), line, name + ":", name, name, null, null, entry.dependency() > 0));
                        }
                        case KEYWORD_NAME -> {
                            String name = "Stream " + (char) ('A' + streams++);
                            lines.add(marker + "**" + name + "**: " + focus + "." + (entry.dependency() > 0 ? " Depends on: none" : ""));
                            items.add(new Item(entry.kind(), line, name, name, null, null, null, true));
                        }
                        case KEYWORD_TITLED -> {
                            String name = "Stream " + (char) ('A' + streams++);
                            String label = name + ": title " + line;
                            lines.add(marker + "**" + label + "**: " + focus + "." + (entry.dependency() > 0 ? " Depends on: none" : ""));
                            items.add(new Item(entry.kind(), line, label, name, "title " + line, focus, null, true));
                        }
                        case LIST_KEYWORD, ISSUE -> {
                            boolean issue = entry.kind() == Kind.ISSUE;
                            String name = issue ? "Task " + line : "Workstream " + ++workstreams;
                            String[] before = listedBefore.isEmpty() ? null : listedBefore.get(listedBefore.size() - 1);
                            String dependsOn = entry.dependency() == 2 && before != null ? before[0] : null;
                            String note = dependsOn != null ? " (depends on " + before[1] + ")"
                                    : entry.dependency() > 0 ? " (no dependencies)" : "";
                            String label = issue ? "#" + (100 + line) + " Task " + line : name + ": step " + line;
                            lines.add(marker + (issue ? "[ ] " : "") + label + note);
                            items.add(new Item(entry.kind(), line, label, name, issue ? name : "step " + line, null,
                                    dependsOn, !issue || !note.isEmpty()));
                            listedBefore.add(new String[] {name, issue ? "#" + (100 + line) : name});
                        }
                        case FIELD -> lines.add(marker + "**Files**: `src/file" + line + ".py`");
                        case NOTE -> lines.add(marker + "a note without bold");
                        case PROSE -> throw new IllegalStateException("prose separates lists");
                    }
                }
                lines.add("");
                lines.add("Some prose between lists.");
                lines.add("");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** The entries split where prose ends one list and starts another. */
    private static List<List<Entry>> lists(List<Entry> entries) {
        List<List<Entry>> lists = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.kind() == Kind.PROSE) {
                lists.add(current);
                current = new ArrayList<>();
            } else {
                current.add(entry);
            }
        }
        lists.add(current);
        lists.removeIf(List::isEmpty);
        return lists;
    }
}
