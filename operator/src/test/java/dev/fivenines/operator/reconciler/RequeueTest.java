package dev.fivenines.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RequeueTest {

    private final Duration poll = Duration.ofSeconds(60);
    private final Duration busy = Duration.ofSeconds(5);

    @Test
    void pollsAndBusyRetriesAreSpreadAroundTheirInterval() {
        Requeue lowest = new Requeue(poll, busy, () -> 0.0);
        Requeue highest = new Requeue(poll, busy, () -> 0.999_999);
        assertThat(lowest.after("a", false, false)).isEqualTo(54_000);
        assertThat(highest.after("a", false, false)).isEqualTo(66_000);
        assertThat(lowest.after("a", false, true)).isEqualTo(4_000);
        assertThat(highest.after("a", false, true)).isEqualTo(6_000);
    }

    @Test
    void throttledPassesBackOffExponentiallyUpToThePollIntervalWithEqualJitter() {
        Requeue lowest = new Requeue(poll, busy, () -> 0.0);
        List<Long> delays = new ArrayList<>();
        for (int pass = 0; pass < 7; pass++) {
            delays.add(lowest.after("a", true, true));
        }
        // half of 5, 10, 20, 40 s, then half of the 60 s ceiling
        assertThat(delays).containsExactly(2_500L, 5_000L, 10_000L, 20_000L, 30_000L, 30_000L, 30_000L);
        Requeue highest = new Requeue(poll, busy, () -> 0.999_999);
        highest.after("b", true, true);
        assertThat(highest.after("b", true, true)).isBetween(9_990L, 10_000L);
    }

    @Test
    void aPassWithoutThrottlingStartsTheCountAgainAndDeploymentsCountApart() {
        Requeue requeue = new Requeue(poll, busy, () -> 0.0);
        requeue.after("a", true, true);
        requeue.after("a", true, true);
        assertThat(requeue.after("b", true, true)).as("another deployment").isEqualTo(2_500);
        requeue.after("a", false, false);
        assertThat(requeue.after("a", true, true)).isEqualTo(2_500);
        requeue.forget("a");
        assertThat(requeue.after("a", true, true)).isEqualTo(2_500);
    }

    @Test
    void manyDeploymentsThrottledTogetherComeBackSpreadOut() {
        Random random = new Random(7);
        Requeue requeue = new Requeue(poll, busy, random::nextDouble);
        List<Long> third = new ArrayList<>();
        for (int d = 0; d < 500; d++) {
            requeue.after("d" + d, true, true);
            requeue.after("d" + d, true, true);
            third.add(requeue.after("d" + d, true, true));
        }
        // the third throttled pass: 10 to 20 s, not all at one instant
        assertThat(third).allSatisfy(delay -> assertThat(delay).isBetween(10_000L, 20_000L));
        assertThat(third.stream().distinct().count()).isGreaterThan(400);
    }
}
