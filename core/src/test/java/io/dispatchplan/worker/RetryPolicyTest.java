package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void doublesTheWaitUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(10), Duration.ofSeconds(60));

        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ZERO);
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayBefore(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessage("maxAttempts must be at least 1, got 0");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessageContaining("shorter than initialDelay");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(-1), null))
                .hasMessageContaining("may not be negative");
    }

    @Test
    void theDefaultsTryThreeTimes() {
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.defaults().delayBefore(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }
}
