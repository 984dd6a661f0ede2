package dev.fivenines.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.ExposureType;
import dev.fivenines.api.v1alpha1.LoadBalancerSpec;
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
    void probesUseTheManagementPortWhichTheServiceNeverExposes() {
        Workload workload = workload(BLUEPRINT, Variant.Primary, new RuntimeEnvironment(8080, 9000, Map.of(), Optional.empty()));
        Container container = pod(workload).getContainers().get(0);
        assertThat(container.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactly("http=8080", "management=9000");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
                .as("seconds a pod may take to start before it is restarted").isEqualTo(300);
        assertThat(workload.service().getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThatThrownBy(() -> new RuntimeEnvironment(9000, 9000, Map.of(), Optional.empty()))
                .hasMessageContaining("ports must differ");
    }

    @Test
    void aLoadBalancerExposureMakesAServiceForTheAwsLoadBalancerControllerCheckingReadinessOnTheManagementPort() {
        AuthBlueprint blueprint = Fixtures.blueprint("team-a", "auth", "1.4.2");
        ExposureSpec exposure = new ExposureSpec();
        exposure.setType(ExposureType.LoadBalancer);
        blueprint.getSpec().setExposure(exposure);

        var plain = workload(blueprint, Variant.Primary, RuntimeEnvironment.onAws(8080)).service();
        assertThat(plain.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(plain.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
        assertThat(plain.getMetadata().getAnnotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-healthcheck-port", "9000")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-healthcheck-path", "/q/health/ready")
                .doesNotContainKey("service.beta.kubernetes.io/aws-load-balancer-ssl-cert");
        assertThat(plain.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });

        LoadBalancerSpec lb = new LoadBalancerSpec();
        lb.setScheme("internal");
        lb.setCertificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc");
        lb.setAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-subnets", "subnet-1,subnet-2",
                "service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval", "5"));
        exposure.setLoadBalancer(lb);
        var tls = workload(blueprint, Variant.Primary, RuntimeEnvironment.onAws(8080)).service();
        assertThat(tls.getMetadata().getAnnotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ssl-cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ssl-ports", "https")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-subnets", "subnet-1,subnet-2");
        assertThat(tls.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("https");
            assertThat(port.getPort()).isEqualTo(443);
            assertThat(port.getTargetPort().getStrVal()).as("TLS ends at the load balancer").isEqualTo("http");
        });
        assertThat(workload(Fixtures.blueprint("team-a", "auth", "1.4.2"), Variant.Primary, RuntimeEnvironment.onAws(8080)).service()
                .getSpec().getType()).as("without spec.exposure").isEqualTo("ClusterIP");
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
