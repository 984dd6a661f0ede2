package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.fivenines.aws.HealthCheck;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.WithLocalCloud;

/**
 * With a listing lifetime, the lookups of many owners share one listing of the account's health checks: the Route 53
 * calls of a poll stop growing with the number of deployments. Counted at the call listener, on moto's Route 53.
 */
@WithLocalCloud
class SharedHealthCheckListingTest {

    private static final int OWNERS = 25;

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private AwsAdapters adapters(LocalCloud cloud, Duration listingTtl) {
        return AwsAdapters.create(LocalTarget.settings(cloud).withHealthCheckListingTtl(listingTtl),
                (service, operation, outcome) -> calls.add(operation));
    }

    private static HealthCheckSpec spec(int n) {
        return HealthCheckSpec.https("auth-" + n + ".example.com", 443, "/q/health/deep", 30, 3);
    }

    private long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    @Test
    void lookupsOfManyOwnersShareOneListingAndSeeWhatTheAdapterItselfChanged(LocalCloud cloud) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> owners = new ArrayList<>();
        try (AwsAdapters shared = adapters(cloud, Duration.ofMinutes(1)); AwsAdapters unshared = adapters(cloud, Duration.ZERO)) {
            for (int n = 0; n < OWNERS; n++) {
                owners.add("ns-" + run + "/auth-" + n);
                shared.healthChecks().create(owners.get(n), spec(n));
            }

            calls.clear();
            for (int n = 0; n < OWNERS; n++) {
                assertThat(unshared.healthChecks().findByOwner(owners.get(n))).hasSize(1);
            }
            long unsharedLists = count("ListHealthChecks");
            System.out.println("[health check listing] " + OWNERS + " lookups, listing each time: " + calls.size() + " Route 53 calls");
            assertThat(unsharedLists).isEqualTo(OWNERS);

            calls.clear();
            for (int pass = 0; pass < 3; pass++) {
                for (int n = 0; n < OWNERS; n++) {
                    List<HealthCheck> owned = shared.healthChecks().findByOwner(owners.get(n));
                    assertThat(owned).hasSize(1);
                    assertThat(owned.get(0).spec()).isEqualTo(spec(n));
                }
            }
            System.out.println("[health check listing] " + 3 * OWNERS + " lookups sharing one listing: " + calls.size() + " Route 53 calls "
                    + calls);
            assertThat(count("ListHealthChecks")).as("one listing for every lookup within its lifetime").isLessThanOrEqualTo(1);

            // what the adapter itself creates, changes and deletes is in the listing at once, without listing again
            calls.clear();
            String added = "ns-" + run + "/auth-added";
            HealthCheck created = shared.healthChecks().create(added, spec(99));
            assertThat(shared.healthChecks().findByOwner(added)).extracting(HealthCheck::id).containsExactly(created.id());
            HealthCheckSpec changed = HealthCheckSpec.https("auth-99.example.com", 443, "/q/health/deep", 30, 5);
            shared.healthChecks().update(added, created.id(), changed);
            assertThat(shared.healthChecks().findByOwner(added).get(0).spec().failureThreshold()).isEqualTo(5);
            assertThat(shared.healthChecks().delete(added, created.id())).isTrue();
            assertThat(shared.healthChecks().findByOwner(added)).isEmpty();
            assertThat(count("ListHealthChecks")).isZero();
        }
    }

    @Test
    void aChangeMadeOutsideTheAdapterIsSeenOnceTheListingIsOlderThanItsLifetime(LocalCloud cloud) throws InterruptedException {
        String owner = "ns-" + UUID.randomUUID().toString().substring(0, 8) + "/auth-hand";
        try (AwsAdapters shared = adapters(cloud, Duration.ofMillis(500))) {
            HealthCheck check = shared.healthChecks().create(owner, spec(1));
            assertThat(shared.healthChecks().findByOwner(owner)).hasSize(1);
            shared.clients().route53().updateHealthCheck(u -> u.healthCheckId(check.id()).failureThreshold(7));
            Thread.sleep(600);
            assertThat(shared.healthChecks().findByOwner(owner).get(0).spec().failureThreshold()).isEqualTo(7);
        }
    }
}
