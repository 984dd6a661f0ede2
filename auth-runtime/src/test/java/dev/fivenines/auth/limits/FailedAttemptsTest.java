package dev.fivenines.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final FailedAttempts attempts = new FailedAttempts(3, Duration.ofMinutes(1), nanos::get);

    @Test
    void aKeyIsRefusedAfterItsFailuresUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            attempts.check("platform", "the platform credential");
            attempts.failed("platform");
        }
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThatThrownBy(() -> attempts.check("platform", "the platform credential")).isInstanceOfSatisfying(FailedAttempts.TooMany.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(40));
        assertThatCode(() -> attempts.check("acme", "the bootstrap admin of acme")).as("other keys go on").doesNotThrowAnyException();
        nanos.addAndGet(Duration.ofSeconds(41).toNanos());
        assertThatCode(() -> attempts.check("platform", "the platform credential")).doesNotThrowAnyException();
    }

    @Test
    void fewerFailuresThanTheLimitAreNoRefusal() {
        attempts.failed("platform");
        attempts.failed("platform");
        assertThatCode(() -> attempts.check("platform", "the platform credential")).doesNotThrowAnyException();
    }
}
