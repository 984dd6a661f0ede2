package dev.fivenines.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.SecretReference;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The runtime pods the operator builds are admitted by the API server's own Pod Security admission in a
 * namespace that enforces the restricted standard, and the same pod without one of its settings is refused.
 */
@WithControlPlane
class RestrictedPodSecurityTest {

    private static final String NAMESPACE = "restricted-pods";

    @BeforeAll
    static void restrictedNamespace(KubernetesClient client) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest").endMetadata().build()).serverSideApply();
    }

    private static PodSpec runtimePodSpec() {
        AuthBlueprint blueprint = Fixtures.blueprint(NAMESPACE, "auth", "1.4.2");
        SecretReference bootstrap = new SecretReference();
        bootstrap.setName("auth-bootstrap");
        blueprint.getSpec().getRuntime().setBootstrapSecretRef(bootstrap);
        var deployment = Fixtures.deployment(NAMESPACE, "auth-use1-primary", "auth", Variant.Primary, "us-east-1");
        var environment = new RuntimeEnvironment(8080, Map.of("us-east-1", "http://127.0.0.1:8000"), Optional.of("local-aws"));
        return new Workload(blueprint, "r1", deployment, environment).deployment().getSpec().getTemplate().getSpec();
    }

    private static Pod pod(String name, PodSpec spec) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata().withSpec(spec).build();
    }

    @Test
    void theRuntimePodIsAdmittedWhereRestrictedIsEnforced(KubernetesClient client) {
        Pod created = client.resource(pod("runtime", runtimePodSpec())).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
    }

    @Test
    void withoutItsSeccompProfileTheSamePodIsRefused(KubernetesClient client) {
        PodSpec spec = runtimePodSpec();
        spec.getSecurityContext().setSeccompProfile(null);
        assertThatThrownBy(() -> client.resource(pod("no-seccomp", spec)).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("violates PodSecurity \"restricted:latest\"").hasMessageContaining("seccompProfile");
    }

    @Test
    void runningAsRootIsRefused(KubernetesClient client) {
        PodSpec spec = runtimePodSpec();
        spec.getSecurityContext().setRunAsNonRoot(false);
        spec.getSecurityContext().setRunAsUser(0L);
        assertThatThrownBy(() -> client.resource(pod("as-root", spec)).create())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("runAsNonRoot");
    }
}
