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
}
