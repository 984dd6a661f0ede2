package dev.fivenines.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LimitSettingsTest {

    private static final LimitSettings DEFAULTS = LimitSettings.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(DEFAULTS.clientBlockRps()).isEqualTo(2000);
        assertThat(DEFAULTS.milestones()).containsExactly(100, 200, 500, 1000);
        assertThat(DEFAULTS.tenantBlockRps()).isZero();
        assertThat(DEFAULTS.replicas()).isEqualTo(1);
        assertThat(DEFAULTS.tenants()).isEmpty();
        assertThat(DEFAULTS.milestoneWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.idleAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void milestonesMustAscend() {
        assertThatThrownBy(() -> DEFAULTS.withMilestones(List.of(100, 500, 200))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("milestones must be strictly ascending, [100, 500, 200] has 200 after 500");
        assertThatThrownBy(() -> DEFAULTS.withMilestones(List.of(100, 100))).hasMessage("milestones must be strictly ascending, [100, 100] has 100 after 100");
    }

    @Test
    void milestonesMustBePositive() {
        assertThatThrownBy(() -> DEFAULTS.withMilestones(List.of(0, 100))).hasMessage("milestones must be positive, [0, 100] has 0");
    }

    @Test
    void milestonesMustBeBelowTheBlockLevel() {
        assertThatThrownBy(() -> DEFAULTS.withMilestones(List.of(100, 2000)))
                .hasMessage("milestones must be below clientBlockRps (2000), [100, 2000] has 2000");
        assertThatThrownBy(() -> DEFAULTS.withClientBlockRps(800))
                .hasMessage("milestones must be below clientBlockRps (800), [100, 200, 500, 1000] has 1000");
    }

    @Test
    void replicasMustBeAtLeastOne() {
        assertThatThrownBy(() -> DEFAULTS.withReplicas(0))
                .hasMessage("replicas must be at least 1 (the Deployment's replica count), was 0");
    }

    @Test
    void limitsMustBeInRange() {
        assertThatThrownBy(() -> DEFAULTS.withClientBlockRps(0).withMilestones(List.of()))
                .hasMessage("clientBlockRps must be between 1 and 1000000 requests per second, was 0");
        assertThatThrownBy(() -> DEFAULTS.withTenantBlockRps(-1))
                .hasMessage("tenantBlockRps must be between 0 and 1000000 requests per second (0 for no tenant-wide block), was -1");
        assertThatThrownBy(() -> DEFAULTS.withTenant("acme", TenantLimits.ofClient(2_000_000)))
                .hasMessage("tenants.acme.clientBlockRps must be between 1 and 1000000 requests per second, was 2000000");
        assertThatThrownBy(() -> DEFAULTS.withTenant("acme", TenantLimits.ofTenant(-5)))
                .hasMessage("tenants.acme.tenantBlockRps must be between 0 and 1000000 requests per second (0 for no tenant-wide block), was -5");
    }

    @Test
    void windowsMustBeLongEnough() {
        assertThatThrownBy(() -> DEFAULTS.withMilestoneWindow(Duration.ofMillis(500)))
                .hasMessage("milestoneWindow must be at least 1 second, was PT0.5S");
        assertThatThrownBy(() -> DEFAULTS.withIdleAfter(Duration.ofSeconds(30)))
                .hasMessage("idleAfter must be at least milestoneWindow (PT1M), was PT30S; a client forgotten sooner could have a milestone reported twice in one window");
    }

    @Test
    void missingListsAndTooManyMilestonesAreRejected() {
        assertThatThrownBy(() -> new LimitSettings(2000, null, 0, 1, Map.of(), Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .hasMessage("milestones must be a list (empty for none), was null");
        assertThatThrownBy(() -> DEFAULTS.withMilestones(java.util.stream.IntStream.rangeClosed(1, 17).boxed().toList()))
                .hasMessage("milestones may have at most 16 levels, has 17");
        assertThatThrownBy(() -> DEFAULTS.withTenant(" ", TenantLimits.ofClient(10))).hasMessage("tenants: a tenant id must not be blank");
    }

    @Test
    void eachReplicaGetsItsShareRoundedUp() {
        LimitSettings settings = DEFAULTS.withReplicas(3).withTenantBlockRps(1000).withTenant("big", TenantLimits.of(9000, 0));

        assertThat(settings.localClientLimit("acme")).isEqualTo(667);
        assertThat(settings.localTenantLimit("acme")).isEqualTo(334);
        assertThat(settings.localClientLimit("big")).isEqualTo(3000);
        assertThat(settings.localTenantLimit("big")).isZero();
    }
}
