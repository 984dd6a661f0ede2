package dev.fivenines.auth.ratio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.ratio.AuthorizationRatio.Kind;
import dev.fivenines.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AuthorizationRatioTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AuthorizationRatio ratio = new AuthorizationRatio(clock, meters);

    private void record(Outcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            ratio.record(Kind.DECISION, outcome);
        }
    }

    private WindowStats window(int index) {
        return ratio.stats(AuthorizationRatio.WINDOWS.get(index));
    }

    @Test
    void theRatioIsSuccessesOverEveryAttemptWithItsSampleCounts() {
        record(Outcome.SUCCESS, 90);
        record(Outcome.DENIED, 5);
        record(Outcome.REJECTED, 2);
        record(Outcome.BLOCKED, 1);
        record(Outcome.TIMED_OUT, 1);
        record(Outcome.FAILED, 1);
        WindowStats minute = window(0);
        assertThat(minute.attempts()).isEqualTo(100);
        assertThat(minute.successes()).isEqualTo(90);
        assertThat(minute.ratio()).isEqualTo(0.90);
        assertThat(minute.outcomes()).containsEntry("denied", 5L).containsEntry("timed_out", 1L).containsEntry("blocked", 1L);
        assertThat(meters.get("fivenines.authorization.ratio").tag("window", "1m").gauge().value()).isEqualTo(0.90);
        assertThat(meters.get("fivenines.authorization.outcomes").tag("kind", "decision").tag("outcome", "denied").counter().count())
                .isEqualTo(5);
    }

    @Test
    void windowsSlideAndForgetWhatIsOlderThanThem() {
        record(Outcome.FAILED, 10);
        clock.advance(Duration.ofSeconds(59));
        record(Outcome.SUCCESS, 10);
        assertThat(window(0).ratio()).isEqualTo(0.5);
        clock.advance(Duration.ofSeconds(1));
        assertThat(window(0).attempts()).as("the failures are 60 s old").isEqualTo(10);
        assertThat(window(0).ratio()).isEqualTo(1.0);
        assertThat(window(1).ratio()).isEqualTo(0.5);
        clock.advance(Duration.ofSeconds(600));
        assertThat(window(1).attempts()).isZero();
        assertThat(window(2).attempts()).isEqualTo(20);
        clock.advance(Duration.ofSeconds(3600));
        assertThat(window(2).attempts()).isZero();
    }

    @Test
    void aBucketAnHourOldIsClearedBeforeItIsReused() {
        record(Outcome.FAILED, 7);
        clock.advance(Duration.ofSeconds(3600));
        record(Outcome.SUCCESS, 1);
        assertThat(window(2).attempts()).isEqualTo(1);
        assertThat(window(2).ratio()).isEqualTo(1.0);
    }

    @Test
    void anEmptyWindowHasNoRatioRatherThanAPerfectOne() {
        assertThat(window(0).ratio()).isNull();
        assertThat(meters.get("fivenines.authorization.ratio").tag("window", "1m").gauge().value()).isNaN();
    }

    @Test
    void statusesMapToOutcomes() {
        assertThat(Outcome.ofStatus(200)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.ofStatus(401)).isEqualTo(Outcome.REJECTED);
        assertThat(Outcome.ofStatus(400)).isEqualTo(Outcome.REJECTED);
        assertThat(Outcome.ofStatus(429)).isEqualTo(Outcome.BLOCKED);
        assertThat(Outcome.ofStatus(504)).isEqualTo(Outcome.TIMED_OUT);
        assertThat(Outcome.ofStatus(503)).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.ofStatus(500)).isEqualTo(Outcome.FAILED);
    }

    @Test
    void windowsAreBetweenOneSecondAndAnHour() {
        assertThatThrownBy(() -> new OutcomeWindows().sum(3601, 0)).hasMessageContaining("1 to 3600 seconds");
    }
}
