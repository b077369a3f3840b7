package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.files.UnsafePathException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed conversation's reported total less what its earlier attempts were counted for. */
class ConversationCostTest {

    @TempDir
    Path tmp;

    private Path state;

    @BeforeEach
    void setUp() throws Exception {
        state = Files.createDirectory(tmp.resolve("state"));
    }

    @Test
    void eachAttemptCountsOnlyWhatItAddsToTheConversationsTotal() {
        assertThat(ConversationCost.newSpending(state, "s1", 0.0644)).isEqualTo(0.0644);
        assertThat(ConversationCost.newSpending(state, "s1", 0.0756)).isEqualTo(0.0112);
        assertThat(ConversationCost.newSpending(state, "s1", 0.0756)).as("an attempt that spent nothing").isZero();
        assertThat(ConversationCost.newSpending(state, "s1", 0.0764)).isEqualTo(0.0008);
    }

    @Test
    void aLowerTotalIsNotTakenForANewConversationThatCountsTwice() {
        ConversationCost.newSpending(state, "s1", 0.05);

        assertThat(ConversationCost.newSpending(state, "s1", 0.0)).as("an attempt that failed before the resume").isZero();
        assertThat(ConversationCost.newSpending(state, "s1", 0.06)).isEqualTo(0.01);
    }

    @Test
    void anotherSessionOrAForgottenOneStartsFromNothing() {
        ConversationCost.newSpending(state, "s1", 0.05);

        assertThat(ConversationCost.newSpending(state, "s2", 0.03)).isEqualTo(0.03);
        ConversationCost.forget(state);
        assertThat(ConversationCost.newSpending(state, "s2", 0.02)).isEqualTo(0.02);
        assertThat(ConversationCost.newSpending(state, "s2", null)).isNull();
    }

    @Test
    void aLinkInPlaceOfTheRecordIsRefused() throws Exception {
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "s1 0\n");
        Files.createSymbolicLink(state.resolve(ConversationCost.FILE), elsewhere);

        assertThatThrownBy(() -> ConversationCost.newSpending(state, "s1", 0.5)).isInstanceOf(UnsafePathException.class);
        assertThat(Files.readString(elsewhere)).isEqualTo("s1 0\n");
    }
}
