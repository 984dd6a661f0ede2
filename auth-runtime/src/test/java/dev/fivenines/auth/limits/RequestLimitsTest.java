package dev.fivenines.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.config.RuntimeSettings;

/** The runtime's limit settings, as the operator's environment variables give them, turned into the limiter's. */
class RequestLimitsTest {

    private record Limits(int clientBlockRps, List<Integer> milestones, int tenantBlockRps, Optional<List<String>> tenants, int replicas)
            implements RuntimeSettings.Limits {
    }

    @Test
    void perTenantEntriesSetTheClientAndTheTenantWideLimit() {
        LimitSettings settings = RequestLimits.settingsOf(new Limits(2000, List.of(100, 200, 500, 1000), 0,
                Optional.of(List.of("acme=500", " globex = 300/3000 ", "initech=/9000")), 1));
        assertThat(settings.tenants()).containsEntry("acme", new TenantLimits(OptionalInt.of(500), OptionalInt.empty()))
                .containsEntry("globex", new TenantLimits(OptionalInt.of(300), OptionalInt.of(3000)))
                .containsEntry("initech", new TenantLimits(OptionalInt.empty(), OptionalInt.of(9000)));
    }

    @Test
    void eachReplicaEnforcesItsShare() {
        long[] now = { 0 };
        RateLimiter limiter = new RateLimiter(RequestLimits.settingsOf(new Limits(2000, List.of(100), 0, Optional.empty(), 4)), () -> now[0]);
        int admitted = 0;
        for (int i = 0; i < 2000; i++) {
            admitted += limiter.admit("acme", "client:a").admitted() ? 1 : 0;
        }
        assertThat(admitted).as("2,000 requests/s over 4 replicas").isEqualTo(500);
    }

    @Test
    void aMalformedEntryIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> RequestLimits.settingsOf(new Limits(2000, List.of(100), 0, Optional.of(List.of("acme")), 1)))
                .hasMessageContaining("FIVENINES_LIMITS_TENANTS").hasMessageContaining("was acme");
        assertThatThrownBy(() -> RequestLimits.settingsOf(new Limits(2000, List.of(100), 0, Optional.of(List.of("acme=fast")), 1)))
                .hasMessageContaining("<tenant>=<client rps>");
        assertThatThrownBy(() -> RequestLimits.settingsOf(new Limits(2000, List.of(100, 3000), 0, Optional.empty(), 1)))
                .hasMessageContaining("milestones must be below clientBlockRps");
    }
}
