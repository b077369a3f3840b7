package io.dispatchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DependencyPhraseTest {

    @Test
    void noneInItsManyForms() {
        for (String none : List.of("None", "None (can start immediately)", "None (foundational)", "n/a", "-", "—",
                "No dependencies", "Can start immediately", "")) {
            assertThat(DependencyPhrase.pieces(none)).as(none).isEmpty();
        }
        assertThat(DependencyPhrase.isNone("nav-bar")).isFalse();
        assertThat(DependencyPhrase.isNone("independent-ui")).isFalse();
    }

    @Test
    void leadInsAndNotesAreDropped() {
        assertThat(DependencyPhrase.pieces("Requires Stream A, B, C to reach 50% completion"))
                .containsExactly("Stream A", "B", "C to reach 50% completion");
        assertThat(DependencyPhrase.pieces("task-crud-api (API contracts), realtime-websocket-events (event types)"))
                .containsExactly("task-crud-api", "realtime-websocket-events");
        assertThat(DependencyPhrase.pieces("Blocked by Track B.1")).containsExactly("Track B.1");
        assertThat(DependencyPhrase.pieces("Depends on: api and ui; docs")).containsExactly("api", "ui", "docs");
    }

    @Test
    void referencesResolveByIdLetterNumberTitleAndSubItem() {
        ReferenceResolver resolver = new ReferenceResolver();
        resolver.add(0, "Stream A", List.of("Stream A", "stream-a", "State Machine", "stream a"), List.of("A", "A1", "A2"));
        resolver.add(1, "Stream B", List.of("Stream B", "stream-b", "Chat Interface", "stream b"), List.of("B"));
        resolver.add(2, "3. task-crud-api", List.of("task-crud-api"), List.of("3"));

        assertThat(resolver.resolve("Stream A")).isEqualTo(OptionalInt.of(0));
        assertThat(resolver.resolve("B")).isEqualTo(OptionalInt.of(1));
        assertThat(resolver.resolve("C to reach 50%")).isEmpty();
        assertThat(resolver.resolve("A1 reaches 50%")).isEqualTo(OptionalInt.of(0));
        assertThat(resolver.resolve("Track B.2")).isEqualTo(OptionalInt.of(1));
        assertThat(resolver.resolve("chat interface")).isEqualTo(OptionalInt.of(1));
        assertThat(resolver.resolve("3")).isEqualTo(OptionalInt.of(2));
        assertThat(resolver.resolve("task-crud-api endpoints")).isEqualTo(OptionalInt.of(2));
        assertThat(resolver.resolve("a minimal version")).as("prose 'a' is not Stream A").isEmpty();
    }

    @Test
    void everyDependencyLabelIsALeadIn() {
        for (String label : DependencyLabelsTest.LABELS) {
            for (String written : List.of(label + ": Stream A", label + " Stream A", "**" + label + "** Stream A",
                    label.toUpperCase(java.util.Locale.ROOT) + ": Stream A")) {
                assertThat(DependencyPhrase.pieces(written)).as(written).containsExactly("Stream A");
            }
        }
        assertThat(DependencyPhrase.pieces("Preconditions: RFC approved")).containsExactly("RFC approved");
    }

    @Test
    void referencesByHashNumberAndByTheDistinctivePartOfATitle() {
        ReferenceResolver resolver = new ReferenceResolver();
        resolver.add(0, "Alice — payments backend", List.of("Alice — payments backend", "alice-payments-backend"),
                List.of());
        resolver.addParts(0, List.of("Alice", "payments backend"));
        resolver.add(1, "Sync queue", List.of("Sync queue", "sync-queue"), List.of("12"));
        resolver.add(2, "api", List.of("api"), List.of());
        resolver.addParts(3, List.of("api"));

        assertThat(resolver.resolve("#12")).isEqualTo(OptionalInt.of(1));
        assertThat(resolver.resolve("#12 (the queue)")).isEqualTo(OptionalInt.of(1));
        assertThat(resolver.resolve("Alice")).isEqualTo(OptionalInt.of(0));
        assertThat(resolver.resolve("Payments backend")).isEqualTo(OptionalInt.of(0));
        assertThat(resolver.resolve("Alice's ledger API")).isEqualTo(OptionalInt.of(0));
        assertThat(resolver.resolve("api")).as("a name beats a part of a title").isEqualTo(OptionalInt.of(2));
        assertThat(resolver.resolve("#13")).isEmpty();
    }

    @Test
    void whatFollowsAReferenceIsKept() {
        ReferenceResolver resolver = new ReferenceResolver();
        resolver.add(0, "Stream A", List.of("Stream A", "stream-a"), List.of("A"));
        resolver.add(1, "task-crud-api", List.of("task-crud-api"), List.of("3"));

        assertThat(resolver.lookup("Stream A to reach 50% completion").rest()).isEqualTo("to reach 50% completion");
        assertThat(resolver.lookup("A reaches 50%").rest()).isEqualTo("reaches 50%");
        assertThat(resolver.lookup("task-crud-api endpoints").rest()).isEqualTo("endpoints");
        assertThat(resolver.lookup("Stream A").rest()).isEmpty();
    }
}
