package dev.fivenines.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.RuntimeServiceAccount;
import dev.fivenines.api.v1alpha1.SecretReference;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;

/** What the runtime's pod gets: a restricted security context, a writable /tmp, credentials the EKS way, the bootstrap Secret. */
class WorkloadPodTest {

    private static final AuthBlueprint BLUEPRINT = Fixtures.blueprint("team-a", "auth", "1.4.2");

    private static Workload workload(AuthBlueprint blueprint, Variant variant, RuntimeEnvironment environment) {
        String name = variant == Variant.Edge ? "auth-euw1-edge" : "auth-use1-primary";
        String region = "us-east-1";
        return new Workload(blueprint, "r1", Fixtures.deployment("team-a", name, "auth", variant, region), environment);
    }

    private static PodSpec pod(Workload workload) {
        return workload.deployment().getSpec().getTemplate().getSpec();
    }

    @Test
    void podRunsAsTheImagesNonRootUserWithTheRuntimeDefaultSeccompProfile() {
        PodSpec pod = pod(workload(BLUEPRINT, Variant.Primary, RuntimeEnvironment.onAws(8080)));
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void tmpIsAWritableEmptyDirOfBoundedSize() {
        PodSpec pod = pod(workload(BLUEPRINT, Variant.Primary, RuntimeEnvironment.onAws(8080)));
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir().getSizeLimit().toString()).isEqualTo("64Mi");
        });
        assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void serviceAccountCarriesTheBlueprintsAnnotationsForIrsa() {
        AuthBlueprint blueprint = Fixtures.blueprint("team-a", "auth", "1.4.2");
        RuntimeServiceAccount serviceAccount = new RuntimeServiceAccount();
        serviceAccount.setAnnotations(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/fivenines-runtime"));
        blueprint.getSpec().getRuntime().setServiceAccount(serviceAccount);
        var sa = workload(blueprint, Variant.Primary, RuntimeEnvironment.onAws(8080)).serviceAccount();
        assertThat(sa.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/fivenines-runtime");
        assertThat(workload(BLUEPRINT, Variant.Primary, RuntimeEnvironment.onAws(8080)).serviceAccount().getMetadata().getAnnotations())
                .isNullOrEmpty();
    }

    @Test
    void bootstrapSecretIsMountedReadOnlyAndNeverCopiedIntoTheConfigMap() {
        AuthBlueprint blueprint = Fixtures.blueprint("team-a", "auth", "1.4.2");
        SecretReference bootstrap = new SecretReference();
        bootstrap.setName("auth-bootstrap");
        blueprint.getSpec().getRuntime().setBootstrapSecretRef(bootstrap);
        Workload workload = workload(blueprint, Variant.Primary, RuntimeEnvironment.onAws(8080));
        PodSpec pod = pod(workload);
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("auth-bootstrap"));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(Workload.BOOTSTRAP_SECRETS_DIR);
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(workload.configMap().getData()).containsEntry("FIVENINES_ADMIN_BOOTSTRAP_SECRETS_DIR", Workload.BOOTSTRAP_SECRETS_DIR)
                .doesNotContainKey("FIVENINES_ADMIN_BOOTSTRAP_SECRETS_ACME");
    }

    @Test
    void platformCredentialIsMountedReadOnlyAsOneFileTheRuntimeIsPointedAt() {
        AuthBlueprint blueprint = Fixtures.blueprint("team-a", "auth", "1.4.2");
        SecretReference platform = new SecretReference();
        platform.setName("auth-platform");
        blueprint.getSpec().getRuntime().setPlatformCredentialSecretRef(platform);
        Workload workload = workload(blueprint, Variant.Primary, RuntimeEnvironment.onAws(8080));
        PodSpec pod = pod(workload);
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("auth-platform");
            assertThat(v.getSecret().getItems()).singleElement().satisfies(item -> {
                assertThat(item.getKey()).isEqualTo("credential");
                assertThat(item.getPath()).isEqualTo("credential");
            });
        });
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(Workload.PLATFORM_CREDENTIAL_DIR);
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(workload.configMap().getData()).containsEntry("FIVENINES_PLATFORM_CREDENTIAL_FILE", "/var/run/fivenines/platform/credential");
        assertThat(workload(Fixtures.blueprint("team-a", "auth", "1.4.2"), Variant.Primary, RuntimeEnvironment.onAws(8080)).configMap()
                .getData()).doesNotContainKey("FIVENINES_PLATFORM_CREDENTIAL_FILE");
    }

    @Test
    void emulatorEndpointsOfTheStorageChainAndTheCredentialsSecretReachTheRuntime() {
        var environment = new RuntimeEnvironment(8080, Map.of("eu-west-1", "http://10.213.0.2:18002",
                "us-west-2", "http://10.213.0.2:18001", "ap-south-1", "http://10.213.0.2:18009"), Optional.of("local-aws"));
        Workload edge = workload(BLUEPRINT, Variant.Edge, environment);
        // the edge's chain is us-east-1, us-west-2, eu-west-1: endpoints in chain order, only those of the chain
        assertThat(edge.configMap().getData()).containsEntry("FIVENINES_STORAGE_ENDPOINTS",
                "us-west-2=http://10.213.0.2:18001,eu-west-1=http://10.213.0.2:18002");
        assertThat(pod(edge).getContainers().get(0).getEnvFrom()).filteredOn(source -> source.getSecretRef() != null).singleElement()
                .satisfies(source -> {
                    assertThat(source.getSecretRef().getName()).isEqualTo("local-aws");
                    assertThat(source.getSecretRef().getOptional()).isFalse();
                });
        Workload onAws = workload(BLUEPRINT, Variant.Edge, RuntimeEnvironment.onAws(8080));
        assertThat(onAws.configMap().getData()).doesNotContainKey("FIVENINES_STORAGE_ENDPOINTS");
        assertThat(pod(onAws).getContainers().get(0).getEnvFrom()).allSatisfy(source -> assertThat(source.getSecretRef()).isNull());
    }
}
