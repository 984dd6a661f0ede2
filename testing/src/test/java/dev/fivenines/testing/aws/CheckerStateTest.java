package dev.fivenines.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CheckerStateTest {

    private static final ProbeResult OK = ProbeResult.success("HTTP Status Code 200, OK");
    private static final ProbeResult REFUSED = ProbeResult.failure("Connection refused.");

    private final CheckerState checker = new CheckerState();

    @Test
    void aNewCheckerCountsTheEndpointHealthyBeforeItsFirstProbe() {
        assertThat(checker.healthy()).isTrue();
        assertThat(checker.report()).startsWith("Success");
        assertThat(checker.checkedAt()).isEmpty();
    }

    @Test
    void failureIsReportedOnlyAfterThresholdConsecutiveFailedProbes() {
        checker.record(OK, Instant.ofEpochSecond(1), 3);
        checker.record(REFUSED, Instant.ofEpochSecond(2), 3);
        checker.record(REFUSED, Instant.ofEpochSecond(3), 3);

        assertThat(checker.healthy()).isTrue();
        assertThat(checker.report()).isEqualTo("Success: HTTP Status Code 200, OK");
        assertThat(checker.checkedAt()).contains(Instant.ofEpochSecond(1));

        checker.record(REFUSED, Instant.ofEpochSecond(4), 3);

        assertThat(checker.healthy()).isFalse();
        assertThat(checker.report()).isEqualTo("Failure: Connection refused.");
        assertThat(checker.checkedAt()).contains(Instant.ofEpochSecond(4));
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        checker.record(REFUSED, Instant.ofEpochSecond(1), 2);
        checker.record(OK, Instant.ofEpochSecond(2), 2);
        checker.record(REFUSED, Instant.ofEpochSecond(3), 2);

        assertThat(checker.healthy()).isTrue();
    }

    @Test
    void successIsReportedAgainAfterThresholdConsecutiveSuccesses() {
        checker.record(REFUSED, Instant.ofEpochSecond(1), 2);
        checker.record(REFUSED, Instant.ofEpochSecond(2), 2);
        checker.record(OK, Instant.ofEpochSecond(3), 2);

        assertThat(checker.healthy()).isFalse();

        checker.record(OK, Instant.ofEpochSecond(4), 2);

        assertThat(checker.healthy()).isTrue();
        assertThat(checker.checkedAt()).contains(Instant.ofEpochSecond(4));
    }
}
