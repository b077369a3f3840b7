package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

    @Test
    void isAnRfc4122Version5Uuid() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(SessionIds.nameBased(dns, "python.org".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        // Our namespace is itself uuid5(NAMESPACE_URL, "dispatch-plan").
        UUID url = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        assertThat(SessionIds.nameBased(url, "dispatch-plan".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SessionIds.NAMESPACE);
    }

    @Test
    void theSameWorkstreamOfTheSameJobAlwaysGetsTheSameId() {
        UUID first = SessionIds.forWorkstream("team/nightly", "chat", "backend-api");

        assertThat(SessionIds.forWorkstream("team/nightly", "chat", "backend-api")).isEqualTo(first);
        assertThat(first.version()).isEqualTo(5);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(SessionIds.forWorkstream("team/other", "chat", "backend-api")).isNotEqualTo(first);
        assertThat(SessionIds.forWorkstream("team/nightly", "chat2", "backend-api")).isNotEqualTo(first);
        assertThat(SessionIds.forWorkstream("team/nightly", "chat", "frontend")).isNotEqualTo(first);
    }

    @Property
    void movingTextBetweenPartsChangesTheId(@ForAll String a, @ForAll String b, @ForAll String c) {
        Assume.that(!b.isEmpty());
        // ("a", "b" + "c") and ("a" + "b", "c") join to the same text; the ids must still differ.
        assertThat(SessionIds.forWorkstream(a, b + c, "ws")).isNotEqualTo(SessionIds.forWorkstream(a + b, c, "ws"));
    }

    @Property
    void isAlwaysVersion5(@ForAll String job, @ForAll String feature, @ForAll String id) {
        UUID uuid = SessionIds.forWorkstream(job, feature, id);
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
    }
}
