package dev.fivenines.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.ApiServerWrites;
import dev.fivenines.operator.ControlPlaneResource;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.testing.KubeletStandIn;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * With nothing changed, periodic resyncs (every 3 s in tests) reconcile every resource and write
 * nothing: measured by the kube-apiserver's own count of write requests.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneResource.class)
class ResyncWritesNothingTest {

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry metrics;

    private double reconciles() {
        return metrics.find("fivenines_reconciles_total").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void resyncOfConvergedDeploymentsMakesZeroWrites() {
        String ns = "resync";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        for (Variant variant : Variant.values()) {
            client.resource(Fixtures.deployment(ns, "auth-" + variant.name().toLowerCase(), "auth", variant, "us-east-1")).create();
        }
        try (KubeletStandIn kubelet = new KubeletStandIn(ControlPlaneResource.plane().newClient(), Labels.MANAGED_SELECTOR).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).list().getItems()
                    .stream().allMatch(d -> d.getStatus() != null && d.getStatus().getPhase() == Phase.Ready));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                AuthBlueprint b = client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").get();
                return b.getStatus() != null && "4/4".equals(b.getStatus().getReadyDeployments());
            });
            // let in-flight reconciles of other tests' resources settle
            Map<String, Long> before = quiet();

            double reconcilesBefore = reconciles();
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
            Map<String, Long> after = ApiServerWrites.count(client);

            assertThat(reconciles() - reconcilesBefore).as("resyncs in 10 s").isGreaterThanOrEqualTo(10);
            assertThat(after).as("API server writes during 10 s of resyncs").isEqualTo(before);
        }
    }

    /**
     * Waits until the API server has seen no write for 12 s: longer than the slowest periodic change of other tests'
     * resources, a rollout's first gate reading one analysis interval (10 s by default) after a bucket starts.
     */
    private Map<String, Long> quiet() {
        Map<String, Long>[] last = new Map[] {ApiServerWrites.count(client)};
        long[] since = {System.nanoTime()};
        await().pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(90)).until(() -> {
            Map<String, Long> now = ApiServerWrites.count(client);
            if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] >= Duration.ofSeconds(12).toNanos();
        });
        return last[0];
    }
}
