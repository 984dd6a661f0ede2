package dev.fivenines.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutSpec;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.ControlPlaneResource;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.revision.RevisionHistory;
import dev.fivenines.testing.KubeletStandIn;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Rollout by bucket on a real kube-apiserver: a new revision reaches the lowest bucket only, the others keep
 * their pods; the revision history is kept as ControllerRevisions; with no decisions to judge (no runtime
 * pods here) the gate waits and says so, never passes; skipBuckets sends a revision everywhere at once.
 * The gate's verdicts on real traffic are the real node's drill (e2e RolloutDrillOnNodeTest).
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneResource.class)
class RolloutOnRealApiServerTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static KubeletStandIn kubelet;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void startKubeletStandIn() {
        kubelet = new KubeletStandIn(ControlPlaneResource.plane().newClient(), Labels.MANAGED_SELECTOR).start();
    }

    @AfterAll
    static void stopKubeletStandIn() {
        kubelet.close();
    }

    private String namespace(String name) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        return name;
    }

    private AuthDeployment deployment(String ns, String name, int bucket) {
        AuthDeployment deployment = Fixtures.deployment(ns, name, "auth", Variant.Dedicated, "us-east-1");
        deployment.getSpec().setCustomer(name);
        deployment.getSpec().setRolloutBucket(bucket);
        return client.resource(deployment).create();
    }

    private AuthDeployment awaitDeployment(String ns, String name, Predicate<AuthDeployment> condition) {
        return await().atMost(CONVERGE).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).withName(name).get(),
                d -> d != null && d.getStatus() != null && condition.test(d));
    }

    private AuthBlueprint awaitBlueprint(String ns, Predicate<AuthBlueprint> condition) {
        return await().atMost(CONVERGE).until(() -> client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").get(),
                b -> b.getStatus() != null && b.getStatus().getRollout() != null && condition.test(b));
    }

    private static boolean readyAt(AuthDeployment d, String version) {
        return d.getStatus().getPhase() == Phase.Ready && version.equals(d.getStatus().getRuntimeVersion());
    }

    private String image(String ns, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(ns).withName(name).get();
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** A merge patch, as a GitOps tool or kubectl apply writes: no optimistic lock against the operator's status writes. */
    private void patchSpec(String ns, String json) {
        client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + json + "}");
    }

    private void setVersion(String ns, String version) {
        patchSpec(ns, "{\"runtime\":{\"version\":\"" + version + "\"}}");
    }

    @Test
    void aNewRevisionReachesTheFirstBucketOnlyAndWaitsForOutcomes() {
        String ns = namespace("rollout-buckets");
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().setRollout(new RolloutSpec());
        client.resource(blueprint).create();
        deployment(ns, "auth-canary", 0);
        deployment(ns, "auth-acme", 1);
        awaitDeployment(ns, "auth-canary", d -> readyAt(d, "1.4.2"));
        awaitDeployment(ns, "auth-acme", d -> readyAt(d, "1.4.2"));
        AuthBlueprint first = awaitBlueprint(ns, b -> b.getStatus().getRollout().getPhase() == RolloutPhase.Completed);
        String original = first.getStatus().getRevision();
        assertThat(first.getStatus().getRollout().getStableRevision()).isEqualTo(original);

        setVersion(ns, "1.5.0");

        awaitDeployment(ns, "auth-canary", d -> readyAt(d, "1.5.0"));
        AuthBlueprint waiting = awaitBlueprint(ns, b -> b.getStatus().getRollout().getMessage().startsWith("waiting: "));
        var rollout = waiting.getStatus().getRollout();
        assertThat(rollout.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(rollout.getBucket()).isEqualTo("1/2");
        assertThat(rollout.getRevision()).isEqualTo(waiting.getStatus().getRevision()).isNotEqualTo(original);
        assertThat(rollout.getBuckets().get(0).getPhase()).isIn(BucketPhase.Progressing, BucketPhase.Baking);
        assertThat(rollout.getMessage()).as("no decisions here: the gate waits and says so").startsWith("waiting: ").contains("outcomes");
        assertThat(rollout.getBuckets().get(1).getRevision()).isEqualTo(original);
        assertThat(image(ns, "auth-acme")).as("bucket 1 keeps its pods").endsWith(":1.4.2");
        AuthDeployment acme = client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-acme").get();
        assertThat(acme.getStatus().getBlueprintRevision()).isEqualTo(original);
        assertThat(acme.getStatus().getRuntimeVersion()).isEqualTo("1.4.2");

        List<ControllerRevision> history = client.apps().controllerRevisions().inNamespace(ns)
                .withLabel(Labels.BLUEPRINT, "auth").list().getItems();
        assertThat(history).extracting(h -> h.getMetadata().getName())
                .containsExactlyInAnyOrder(RevisionHistory.name("auth", original), RevisionHistory.name("auth", rollout.getRevision()));
        assertThat(history).allSatisfy(h -> assertThat(h.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("AuthBlueprint")));

        patchSpec(ns, "{\"rollout\":{\"skipBuckets\":true}}");
        awaitDeployment(ns, "auth-acme", d -> readyAt(d, "1.5.0"));
        AuthBlueprint skipped = awaitBlueprint(ns, b -> b.getStatus().getRollout().getPhase() == RolloutPhase.Completed);
        assertThat(skipped.getStatus().getRollout().getSkippedBuckets()).isTrue();
        assertThat(skipped.getStatus().getRollout().getStableRevision()).isEqualTo(rollout.getRevision());
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).extracting(e -> e.getReason())
                .contains("Started", "Skipped", "Completed");
    }

    @Test
    void rolloutSettingsAreNotARevision() {
        String ns = namespace("rollout-settings");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        deployment(ns, "auth-canary", 0);
        AuthBlueprint before = awaitBlueprint(ns, b -> b.getStatus().getRollout().getPhase() == RolloutPhase.Completed);

        patchSpec(ns, "{\"rollout\":{\"paused\":true,\"bakeSeconds\":5}}");

        AuthBlueprint after = await().atMost(CONVERGE).until(() -> client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").get(),
                b -> b.getStatus().getObservedGeneration() > before.getStatus().getObservedGeneration());
        assertThat(after.getStatus().getRevision()).isEqualTo(before.getStatus().getRevision());
        assertThat(after.getStatus().getRollout().getPhase()).isEqualTo(RolloutPhase.Completed);
    }
}
