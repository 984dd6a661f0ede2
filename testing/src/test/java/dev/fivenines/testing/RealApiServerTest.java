package dev.fivenines.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Proof that the local control plane is a real kube-apiserver: CEL, server-side apply, status subresource. */
@WithControlPlane(crds = "testing/src/test/resources/crds/probes.yaml")
class RealApiServerTest {

    private static final ResourceDefinitionContext PROBES = new ResourceDefinitionContext.Builder()
            .withGroup("testing.fivenines.dev").withVersion("v1").withPlural("probes").withKind("Probe").withNamespaced(true)
            .build();

    private static GenericKubernetesResource probe(String name, int min, int max) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("testing.fivenines.dev/v1").withKind("Probe")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("minReplicas", min, "maxReplicas", max)))
                .build();
    }

    @Test
    void servesTheKubernetesVersionTheBinariesWereBuiltAt(LocalControlPlane plane) {
        String expected = "v" + ControlPlaneBinaries.fromEnvironment().version();
        assertThat(plane.version().getGitVersion()).isEqualTo(expected);
        assertThat(plane.url()).startsWith("https://127.0.0.1:");
    }

    @Test
    void objectBreakingACelRuleIsRejectedWithTheRuleMessage(KubernetesClient client) {
        assertThatThrownBy(() -> client.genericKubernetesResources(PROBES).resource(probe("inverted", 5, 2)).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining("spec.minReplicas must not exceed spec.maxReplicas");
    }

    @Test
    void secondServerSideApplyOfTheSameObjectChangesNothing(KubernetesClient client) {
        GenericKubernetesResource first = client.genericKubernetesResources(PROBES).resource(probe("applied-twice", 1, 3))
                .fieldManager("tests").serverSideApply();
        GenericKubernetesResource second = client.genericKubernetesResources(PROBES).resource(probe("applied-twice", 1, 3))
                .fieldManager("tests").serverSideApply();

        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
        assertThat(second.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void statusUpdateLeavesTheSpecAloneAndAStaleVersionConflicts(KubernetesClient client) {
        GenericKubernetesResource created = client.genericKubernetesResources(PROBES).resource(probe("with-status", 1, 2)).create();

        GenericKubernetesResource edited = probe("with-status", 0, 9);
        edited.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        edited.setAdditionalProperty("status", Map.of("phase", "Ready"));
        GenericKubernetesResource updated = client.genericKubernetesResources(PROBES).resource(edited).updateStatus();

        assertThat(updated.<String>get("status", "phase")).isEqualTo("Ready");
        assertThat(updated.<Integer>get("spec", "maxReplicas")).isEqualTo(2);
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(1L);

        GenericKubernetesResource stale = probe("with-status", 1, 2);
        stale.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        stale.setAdditionalProperty("status", Map.of("phase", "Failed"));
        assertThatThrownBy(() -> client.genericKubernetesResources(PROBES).resource(stale).updateStatus())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
    }
}
