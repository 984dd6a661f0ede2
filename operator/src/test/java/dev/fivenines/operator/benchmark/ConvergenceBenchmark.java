package dev.fivenines.operator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * N AuthDeployments created at once: the time until every one is Ready, and the API requests it took.
 * Not part of the test run; see docs/benchmarks.md for the command and the figures.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@QuarkusTestResource(ControlPlaneResource.class)
class ConvergenceBenchmark {

    @Inject
    KubernetesClient client;

    /** A create that survives a dropped connection: a retry that finds the object already there is done. */
    private static void create(KubernetesClient creator, AuthDeployment deployment) {
        for (int attempt = 1;; attempt++) {
            try {
                creator.resource(deployment).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return;
                }
                if (e.getCode() != 0 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 500})
    void deploymentsCreatedAtOnceConverge(int count) throws Exception {
        String ns = "bench-" + count;
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        Variant[] variants = Variant.values();

        try (KubernetesClient creator = ControlPlaneResource.plane().newClient();
                KubeletStandIn kubelet = new KubeletStandIn(ControlPlaneResource.plane().newClient(), Labels.MANAGED_SELECTOR).start()) {
            Map<String, Long> before = ApiServerWrites.requests(client);
            long start = System.nanoTime();
            ExecutorService creators = Executors.newFixedThreadPool(4);
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Variant variant = variants[i % variants.length];
                AuthDeployment deployment = Fixtures.deployment(ns, "auth-" + i + "-" + variant.name().toLowerCase(), "auth", variant,
                        "us-east-1");
                deployment.getMetadata().setUid(null);
                created.add(creators.submit(() -> create(creator, deployment)));
            }
            for (Future<?> f : created) {
                f.get();
            }
            creators.shutdown();
            long createdAt = System.nanoTime();

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> client.resources(AuthDeployment.class)
                    .inNamespace(ns).list().getItems().stream()
                    .filter(d -> d.getStatus() != null && d.getStatus().getPhase() == Phase.Ready).count() == count);
            long readyAt = System.nanoTime();
            Map<String, Long> requests = ApiServerWrites.since(before, ApiServerWrites.requests(client));

            System.out.printf("%n=== %d AuthDeployments: created in %.1f s, all Ready after %.1f s (from the first create)%n",
                    count, (createdAt - start) / 1e9, (readyAt - start) / 1e9);
            System.out.printf("=== API requests on the operator's resources meanwhile (everyone's): %d%n", ApiServerWrites.total(requests));
            requests.forEach((key, n) -> System.out.printf("    %-45s %6d%n", key, n));
            assertThat((readyAt - start) / 1e9).as("seconds until all %d are Ready", count).isLessThan(300);
        }
    }
}
