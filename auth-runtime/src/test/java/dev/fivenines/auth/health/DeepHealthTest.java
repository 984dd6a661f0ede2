package dev.fivenines.auth.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.TenantModel;
import dev.fivenines.auth.config.DeploymentIdentity;
import dev.fivenines.testing.MutableClock;

/** How checks are shared, bounded and reported; the steps themselves run for real in StorageFailoverTest. */
class DeepHealthTest {

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final AtomicInteger storageRuns = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean blockStorage;
    private volatile boolean failToken;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    private final HealthSteps steps = new HealthSteps(null, null, null, "fivenines") {
        @Override
        String storage() {
            storageRuns.incrementAndGet();
            if (blockStorage) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "read canary";
        }

        @Override
        String token() {
            if (failToken) {
                throw new IllegalStateException("no signing key");
            }
            return "signed";
        }

        @Override
        TenantModel model() {
            return TenantModel.of(TENANT, List.of(new Role(CANARY_ROLE, Set.of(PERMISSION), 1)),
                    List.of(new AccessRecord(CANARY_RECORD, PROBE, CANARY_ROLE, "/canary", 1)), java.util.Map.of());
        }
    };

    private DeepHealth health(Duration reuseFor, Duration deadline) {
        return new DeepHealth(steps, "us-east-1", new DeploymentIdentity("auth-use1", "Primary", "us-east-1", null), reuseFor, deadline,
                clock, worker);
    }

    @AfterEach
    void stop() {
        release.countDown();
        worker.shutdownNow();
    }

    private static HealthReport await(java.util.concurrent.CompletionStage<HealthReport> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReportIsReusedForItsWindowThenCheckedAnew() throws Exception {
        DeepHealth health = health(Duration.ofSeconds(1), Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            assertThat(await(health.report()).up()).isTrue();
        }
        assertThat(storageRuns).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        await(health.report());
        assertThat(storageRuns).hasValue(2);
    }

    @Test
    void concurrentCallersShareTheCheckInFlight() throws Exception {
        blockStorage = true;
        DeepHealth health = health(Duration.ZERO, Duration.ofSeconds(5));
        List<java.util.concurrent.CompletionStage<HealthReport>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(health.report());
        }
        release.countDown();
        for (var stage : waiting) {
            assertThat(await(stage).up()).isTrue();
        }
        assertThat(storageRuns).hasValue(1);
    }

    @Test
    void aStuckStepIsAnsweredAsDownAtTheDeadlineWithoutStartingMoreChecks() throws Exception {
        blockStorage = true;
        DeepHealth health = health(Duration.ZERO, Duration.ofMillis(200));
        HealthReport first = await(health.report());
        HealthReport second = await(health.report());
        assertThat(first.up()).isFalse();
        assertThat(first.failedStep()).isEqualTo("storage");
        assertThat(first.steps().get(0).detail()).isEqualTo("still running after 200 ms");
        assertThat(second.failedStep()).isEqualTo("storage");
        assertThat(storageRuns).as("the stuck check is waited for, not repeated").hasValue(1);
    }

    @Test
    void aFailingStepIsNamedAndTheOthersStillRun() throws Exception {
        failToken = true;
        HealthReport report = await(health(Duration.ZERO, Duration.ofSeconds(2)).report());
        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.failedStep()).isEqualTo("token");
        assertThat(report.steps()).extracting(HealthReport.Step::name).containsExactly("storage", "token", "model", "decision");
        assertThat(report.steps().get(1).detail()).isEqualTo("IllegalStateException: no signing key");
        assertThat(report.steps().get(3).ok()).isTrue();
    }
}
