package dev.fivenines.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.limits.Admission.Outcome;

class RateLimiterTest {

    private final ManualNanoTime time = new ManualNanoTime();

    private RateLimiter limiter(LimitSettings settings) {
        return new RateLimiter(settings, time);
    }

    /** Sends {@code count} requests at the current instant and returns how many were admitted. */
    private static int send(RateLimiter limiter, String tenant, String client, int count) {
        int admitted = 0;
        for (int i = 0; i < count; i++) {
            if (limiter.admit(tenant, client).admitted()) {
                admitted++;
            }
        }
        return admitted;
    }

    /** Sends requests evenly at {@code rps} for {@code seconds} and returns how many were admitted in each second. */
    private long[] sendEvenly(RateLimiter limiter, String tenant, String client, int rps, int seconds) {
        long[] admittedPerSecond = new long[seconds];
        long gap = 1_000_000_000L / rps;
        for (int second = 0; second < seconds; second++) {
            for (int i = 0; i < rps; i++) {
                if (limiter.admit(tenant, client).admitted()) {
                    admittedPerSecond[second]++;
                }
                time.advanceNanos(gap);
            }
        }
        return admittedPerSecond;
    }

    @Test
    void requestsUpToTheLimitAreAdmitted() {
        RateLimiter limiter = limiter(LimitSettings.defaults());

        assertThat(send(limiter, "acme", "app", 2000)).isEqualTo(2000);
        assertThat(limiter.blockedCount()).isZero();
    }

    @Test
    void theFirstRequestOverTheLimitIsBlockedWithRetryAfter() {
        RateLimiter limiter = limiter(LimitSettings.defaults());
        send(limiter, "acme", "app", 2000);

        Admission admission = limiter.admit("acme", "app");

        assertThat(admission.blocked()).isTrue();
        assertThat(admission.outcome()).isEqualTo(Outcome.BLOCKED_CLIENT_LIMIT);
        assertThat(admission.limitRps()).isEqualTo(2000);
        assertThat(admission.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
        assertThat(limiter.blockedCount()).isEqualTo(1);
        assertThat(limiter.blockedCount("acme")).isEqualTo(1);
        assertThat(limiter.blockedCount("other")).isZero();
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheClientFitsAgain() {
        RateLimiter limiter = limiter(LimitSettings.defaults());
        // a burst that fills the window at its start still weighs fully at the start of the next window
        send(limiter, "acme", "burst", 2000);
        Admission burst = limiter.admit("acme", "burst");
        assertThat(burst.retryAfterSeconds()).isEqualTo(2);

        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.admit("acme", "burst").blocked()).as("one second later the previous window still counts in full").isTrue();
        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.admit("acme", "burst").admitted()).as("after Retry-After").isTrue();
    }

    @Test
    void retryAfterIsOneSecondWhenTheWindowIsAlmostOver() {
        RateLimiter limiter = limiter(LimitSettings.defaults());
        time.advance(Duration.ofMillis(900));
        send(limiter, "acme", "app", 2000);

        Admission blocked = limiter.admit("acme", "app");

        assertThat(blocked.retryAfterSeconds()).isEqualTo(1);
        time.advance(Duration.ofSeconds(blocked.retryAfterSeconds()));
        assertThat(limiter.admit("acme", "app").admitted()).isTrue();
    }

    @Test
    void aFloodingClientGetsTheLimitEverySecondAndIsAdmittedAgainSoonAfterSlowingDown() {
        RateLimiter limiter = limiter(LimitSettings.defaults());

        long[] flood = sendEvenly(limiter, "acme", "app", 6000, 5);

        // blocked requests do not count, so the limit's worth keeps getting through rather than nothing
        for (long admitted : flood) {
            assertThat(admitted).isBetween(1900L, 2000L);
        }
        assertThat(limiter.blockedCount()).isGreaterThan(19_000);

        List<Outcome> afterSlowingDown = new ArrayList<>();
        long gap = 1_000_000_000L / 1000;
        for (int i = 0; i < 3000; i++) {
            Admission admission = limiter.admit("acme", "app");
            if (i >= 1000) {
                afterSlowingDown.add(admission.outcome());
            }
            time.advanceNanos(gap);
        }
        assertThat(afterSlowingDown).as("one second after slowing to half the limit").containsOnly(Outcome.ADMITTED);
    }

    @Test
    void theWindowSlidesRatherThanResettingAtTheSecond() {
        RateLimiter limiter = limiter(LimitSettings.defaults());
        time.advance(Duration.ofMillis(500));
        assertThat(send(limiter, "acme", "app", 2000)).isEqualTo(2000);

        // 600 ms later, in the next window: 2000 × 0.9 of the previous second still counts, so 200 fit, not 2000
        time.advance(Duration.ofMillis(600));

        assertThat(send(limiter, "acme", "app", 2000)).isEqualTo(200);
    }

    @Test
    void aTenantCanHaveItsOwnClientLimit() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withTenant("big", TenantLimits.ofClient(5000)));

        assertThat(send(limiter, "big", "app", 6000)).isEqualTo(5000);
        assertThat(send(limiter, "acme", "app", 6000)).isEqualTo(2000);
        assertThat(limiter.admit("big", "app").limitRps()).isEqualTo(5000);
    }

    @Test
    void aTenantWideLimitBlocksTheTenantsClientsTogether() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withTenantBlockRps(3000));

        assertThat(send(limiter, "acme", "a", 2000)).isEqualTo(2000);
        assertThat(send(limiter, "acme", "b", 999)).isEqualTo(999);
        assertThat(limiter.admit("acme", "b").admitted()).isTrue();
        Admission blocked = limiter.admit("acme", "b");

        assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED_TENANT_LIMIT);
        assertThat(blocked.limitRps()).isEqualTo(3000);
        assertThat(blocked.retryAfterSeconds()).isEqualTo(2);
        assertThat(limiter.admit("other", "a").admitted()).as("another tenant").isTrue();
    }

    @Test
    void aRequestRefusedByTheTenantLimitDoesNotCountAgainstTheClient() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withTenantBlockRps(3000));
        send(limiter, "acme", "a", 2000);
        assertThat(send(limiter, "acme", "b", 2000)).isEqualTo(1000);

        // half a window later the tenant has 1500 left and b, having 1000 admitted, has 1500 left too;
        // had its 1000 refused requests counted, it would have only 1000
        time.advance(Duration.ofMillis(1500));

        assertThat(send(limiter, "acme", "b", 1500)).isEqualTo(1500);
    }

    @Test
    void aTenantOverrideCanSetOrLiftTheTenantWideLimit() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withTenantBlockRps(3000).withTenant("big", TenantLimits.ofTenant(0))
                .withTenant("small", TenantLimits.of(100, 150)));

        assertThat(send(limiter, "big", "a", 2000) + send(limiter, "big", "b", 2000)).isEqualTo(4000);
        assertThat(send(limiter, "small", "a", 200) + send(limiter, "small", "b", 200)).isEqualTo(150);
    }

    @Test
    void eachReplicaEnforcesItsShareOfTheLimitRoundedUp() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withReplicas(3).withTenantBlockRps(4000));

        assertThat(send(limiter, "acme", "a", 1000)).isEqualTo(667);
        Admission blocked = limiter.admit("acme", "a");
        assertThat(blocked.limitRps()).isEqualTo(667);
        assertThat(send(limiter, "acme", "b", 1000)).isEqualTo(667);
        assertThat(limiter.admit("acme", "c").outcome()).as("the tenant's share is ceil(4000 / 3) = 1334")
                .isEqualTo(Outcome.BLOCKED_TENANT_LIMIT);
    }

    @Test
    void aMilestoneIsReportedOncePerLevelPerWindowAndAgainInTheNextWindow() {
        RateLimiter limiter = limiter(LimitSettings.defaults());

        List<Integer> firstMinute = milestonesWhileSending(limiter, 1500);
        time.advance(Duration.ofSeconds(1));
        firstMinute.addAll(milestonesWhileSending(limiter, 1500));

        assertThat(firstMinute).containsExactly(100, 200, 500, 1000);
        time.advance(Duration.ofMillis(58_500));
        assertThat(milestonesWhileSending(limiter, 1500)).as("59.5 s: still the first window").isEmpty();
        time.advance(Duration.ofMillis(600));
        assertThat(milestonesWhileSending(limiter, 4)).as("the new window reports each level again, one per request")
                .containsExactly(100, 200, 500, 1000);
        for (int level : List.of(100, 200, 500, 1000)) {
            assertThat(limiter.milestoneCount(level)).isEqualTo(2);
        }
    }

    @Test
    void milestonesAreCountedPerClient() {
        RateLimiter limiter = limiter(LimitSettings.defaults());

        send(limiter, "acme", "a", 150);
        send(limiter, "acme", "b", 150);
        send(limiter, "other", "a", 50);

        assertThat(limiter.milestoneCount(100)).isEqualTo(2);
        assertThat(limiter.milestoneCount(200)).isZero();
    }

    @Test
    void withReplicasAMilestoneIsTheClusterRateThisReplicaImplies() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withReplicas(2));

        List<Integer> reported = milestonesWhileSending(limiter, 100);

        assertThat(reported).containsExactly(100, 200);
    }

    @Test
    void theMilestoneWindowIsConfigurable() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withMilestoneWindow(Duration.ofSeconds(10)));
        milestonesWhileSending(limiter, 150);

        time.advance(Duration.ofSeconds(5));
        assertThat(milestonesWhileSending(limiter, 150)).isEmpty();
        time.advance(Duration.ofSeconds(5));
        assertThat(milestonesWhileSending(limiter, 150)).containsExactly(100);
    }

    private static List<Integer> milestonesWhileSending(RateLimiter limiter, int count) {
        List<Integer> reported = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int level = limiter.admit("acme", "app").milestoneCrossed();
            if (level > 0) {
                reported.add(level);
            }
        }
        return reported;
    }

    @Test
    void oneClientsFloodBlocksNeitherAnotherClientOfTheTenantNorAnotherTenant() {
        RateLimiter limiter = limiter(LimitSettings.defaults());

        send(limiter, "acme", "flood", 10_000);

        assertThat(send(limiter, "acme", "quiet", 2000)).isEqualTo(2000);
        assertThat(send(limiter, "other", "flood", 2000)).isEqualTo(2000);
        assertThat(limiter.blockedCount("acme")).isEqualTo(8000);
    }

    @Test
    void idleClientsAndTheirTenantsAreForgottenBySweep() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withIdleAfter(Duration.ofMinutes(2)));
        send(limiter, "acme", "gone", 10);
        send(limiter, "other", "gone", 10);
        time.advance(Duration.ofSeconds(90));
        send(limiter, "acme", "active", 10);

        assertThat(limiter.sweep()).as("nothing idle for two minutes yet").isZero();
        time.advance(Duration.ofSeconds(31));

        assertThat(limiter.sweep()).isEqualTo(2);
        assertThat(limiter.trackedClients()).isEqualTo(1);
        assertThat(limiter.trackedTenants()).as("other had no client left").isEqualTo(1);
        time.advance(Duration.ofMinutes(2));
        assertThat(limiter.sweep()).isEqualTo(1);
        assertThat(limiter.trackedTenants()).isZero();
    }

    @Test
    void aForgottenClientStartsAfresh() {
        RateLimiter limiter = limiter(LimitSettings.defaults().withIdleAfter(Duration.ofMinutes(1)));
        send(limiter, "acme", "app", 2000);
        time.advance(Duration.ofSeconds(62));
        assertThat(limiter.sweep()).isEqualTo(1);

        assertThat(send(limiter, "acme", "app", 2500)).isEqualTo(2000);
        assertThat(limiter.milestoneCount(1000)).as("a new milestone window, so reported again").isEqualTo(2);
    }

    @Test
    void milestoneCountOfALevelThatIsNotConfiguredSaysWhichAre() {
        RateLimiter limiter = limiter(LimitSettings.defaults());

        assertThatThrownBy(() -> limiter.milestoneCount(300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("milestone 300 is not configured; milestones are [100, 200, 500, 1000]");
    }
}
