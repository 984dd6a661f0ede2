package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The CRDs as the real API server enforces them: what is accepted, with which defaults, and what is refused, with which message. */
@WithControlPlane(crds = {"crds/generated/authblueprints.fivenines.dev-v1.yml", "crds/generated/authdeployments.fivenines.dev-v1.yml"})
class ApiServerValidationTest {

    private static final String BLUEPRINT = """
            apiVersion: fivenines.dev/v1alpha1
            kind: AuthBlueprint
            metadata: {name: %s, namespace: default}
            spec:
              runtime: {image: ghcr.io/fivenines/auth-runtime, version: %s}
              tokens: {issuer: https://auth.example.com}
              storage: {homeRegion: us-east-1}
            %s
            """;

    private static final String DEPLOYMENT = """
            apiVersion: fivenines.dev/v1alpha1
            kind: AuthDeployment
            metadata: {name: %s, namespace: default}
            spec:
              blueprint: auth
              region: %s
            %s
            """;

    private static HasMetadata load(KubernetesClient client, String yaml) {
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().get(0);
    }

    private static String blueprint(String name, String version, String extraSpec) {
        return BLUEPRINT.formatted(name, version, indent(extraSpec));
    }

    private static String deployment(String name, String region, String extraSpec) {
        return DEPLOYMENT.formatted(name, region, indent(extraSpec));
    }

    private static String indent(String extraSpec) {
        return extraSpec.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }

    /** The API server's answer to a create: the field and message of its first cause. */
    private static StatusCause rejection(KubernetesClient client, String yaml) {
        HasMetadata object = load(client, yaml);
        KubernetesClientException refused = (KubernetesClientException) org.assertj.core.api.Assertions
                .catchThrowableOfType(KubernetesClientException.class, () -> client.resource(object).create());
        assertThat(refused).as("the API server should refuse:%n%s", yaml).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        return refused.getStatus().getDetails().getCauses().get(0);
    }

    private static void assertRejected(KubernetesClient client, String yaml, String field, String message) {
        StatusCause cause = rejection(client, yaml);
        assertThat(cause.getField()).isEqualTo(field);
        assertThat(cause.getMessage()).isEqualTo("Invalid value: \"object\": " + message);
    }

    @Test
    void samplesAreAcceptedWithDefaultsFilledIn(KubernetesClient client) throws IOException {
        Path samples = ProjectRoot.find().resolve("samples");
        for (String file : List.of("blueprint.yaml", "deployments.yaml")) {
            for (HasMetadata object : client.load(Files.newInputStream(samples.resolve(file))).items()) {
                client.resource(object).serverSideApply();
            }
        }
        AuthBlueprint blueprint = client.resources(AuthBlueprint.class).inNamespace("default").withName("auth").get();
        assertThat(blueprint.getSpec().getTokens().getAccessTokenTtl()).isEqualTo("15m");
        assertThat(blueprint.getSpec().getStorage().getDeletionPolicy().name()).isEqualTo("Retain");

        List<AuthDeployment> deployments = client.resources(AuthDeployment.class).inNamespace("default").list().getItems();
        assertThat(deployments).extracting(d -> d.getSpec().getVariant())
                .contains(Variant.Primary, Variant.Backup, Variant.Edge, Variant.Dedicated);
    }

    @Test
    void omittedSectionsGetTheirDocumentedDefaults(KubernetesClient client) {
        client.resource(load(client, blueprint("minimal", "1.0.0", ""))).create();

        AuthBlueprint stored = client.resources(AuthBlueprint.class).inNamespace("default").withName("minimal").get();
        assertThat(stored.getSpec().getRuntime().getReplicas()).isEqualTo(2);
        assertThat(stored.getSpec().getTokens().getAlgorithm().name()).isEqualTo("ES256");
        assertThat(stored.getSpec().getTokens().getKeyRotationPeriod()).isEqualTo("720h");
        assertThat(stored.getSpec().getStorage().getTablePrefix()).isEqualTo("fivenines");
        assertThat(stored.getSpec().getLimits().getClientBlockRps()).isEqualTo(2000);
        assertThat(stored.getSpec().getLimits().getMilestones()).containsExactly(100, 200, 500, 1000);
        assertThat(stored.getSpec().getHealthCheck().getFailureThreshold()).isEqualTo(3);
        assertThat(stored.getSpec().getReliability().getTargetAvailability()).isEqualTo("99.999");
        assertThat(stored.getSpec().getReliability().getRetryHandlerAvailability()).isEqualTo("99.9995");
    }

    @Test
    void dedicatedWithoutCustomerIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("no-customer", "us-east-1", "variant: Dedicated"), "spec.customer",
                "spec.customer is required for variant Dedicated and must not be set for other variants");
    }

    @Test
    void customerOnAPrimaryIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("primary-with-customer", "us-east-1", "variant: Primary\ncustomer: acme"), "spec.customer",
                "spec.customer is required for variant Dedicated and must not be set for other variants");
    }

    @Test
    void backupWithoutPrimaryIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("orphan-backup", "us-west-2", "variant: Backup"), "spec.backupOf",
                "spec.backupOf is required for variant Backup and must not be set for other variants");
    }

    @Test
    void backupOfOnAPrimaryIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("primary-backing-up", "us-east-1", "variant: Primary\nbackupOf: auth-use1"), "spec.backupOf",
                "spec.backupOf is required for variant Backup and must not be set for other variants");
    }

    @Test
    void threeFailoverRegionsAreRejectedByTheApiServer(KubernetesClient client) {
        StatusCause cause = rejection(client, deployment("long-chain", "eu-west-1",
                "variant: Edge\nfailoverRegions: [us-east-1, us-west-2, eu-central-1]"));
        assertThat(cause.getField()).isEqualTo("spec.failoverRegions");
        assertThat(cause.getMessage()).isEqualTo("Too many: 3: must have at most 2 items");
    }

    @Test
    void repeatedFailoverRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("repeated-chain", "eu-west-1", "variant: Edge\nfailoverRegions: [us-east-1, us-east-1]"),
                "spec.failoverRegions", "spec.failoverRegions must not repeat a region");
    }

    @Test
    void failoverToTheLocalRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("self-chain", "eu-west-1", "variant: Edge\nfailoverRegions: [eu-west-1]"),
                "spec.failoverRegions", "spec.failoverRegions must not contain spec.region: the local region is always tried first");
    }

    @Test
    void failoverRegionsOnAPrimaryAreRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, deployment("primary-chain", "us-east-1", "variant: Primary\nfailoverRegions: [us-west-2]"),
                "spec.failoverRegions", "spec.failoverRegions is only for variant Edge");
    }

    @Test
    void malformedRegionIsRejectedByTheApiServer(KubernetesClient client) {
        StatusCause cause = rejection(client, deployment("bad-region", "US_EAST_1", "variant: Primary"));
        assertThat(cause.getField()).isEqualTo("spec.region");
        assertThat(cause.getMessage()).startsWith("Invalid value: \"US_EAST_1\": spec.region in body should match '");
    }

    @Test
    void malformedVersionIsRejectedByTheApiServer(KubernetesClient client) {
        StatusCause cause = rejection(client, blueprint("bad-version", "latest", ""));
        assertThat(cause.getField()).isEqualTo("spec.runtime.version");
        assertThat(cause.getMessage()).startsWith("Invalid value: \"latest\": spec.runtime.version in body should match '");
    }

    @Test
    void milestonesOutOfOrderAreRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, blueprint("unordered", "1.0.0", "limits: {milestones: [100, 500, 200]}"), "spec.limits.milestones",
                "spec.limits.milestones must be strictly ascending, e.g. [100, 200, 500, 1000]");
    }

    @Test
    void milestoneAtTheBlockLevelIsRejectedByTheApiServer(KubernetesClient client) {
        assertRejected(client, blueprint("milestone-too-high", "1.0.0", "limits: {clientBlockRps: 500, milestones: [100, 500]}"),
                "spec.limits.milestones", "spec.limits.milestones must all be below spec.limits.clientBlockRps");
    }

    @Test
    void availabilityAboveHundredIsRejectedByTheApiServer(KubernetesClient client) {
        StatusCause cause = rejection(client, blueprint("too-available", "1.0.0", "reliability: {targetAvailability: \"100.5\"}"));
        assertThat(cause.getField()).isEqualTo("spec.reliability.targetAvailability");
    }

    @Test
    void zeroAvailabilityIsRejectedByTheApiServer(KubernetesClient client) {
        StatusCause cause = rejection(client, blueprint("never-available", "1.0.0",
                "reliability: {dependencies: [{name: flaky, availability: \"0\"}]}"));
        assertThat(cause.getField()).isEqualTo("spec.reliability.dependencies[0].availability");
        assertThat(cause.getMessage()).isEqualTo("Invalid value: \"string\": must be a percentage above 0 and at most 100, such as \"99.99\"");
    }

    @Test
    void variantCannotChangeOnceSet(KubernetesClient client) {
        AuthDeployment created = client.resource(
                Serialization.unmarshal(deployment("fixed-variant", "us-east-1", "variant: Primary"), AuthDeployment.class)).create();
        created.getSpec().setVariant(Variant.Edge);
        assertThatThrownBy(() -> client.resource(created).update())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.variant is immutable: create a new AuthDeployment for another variant");
    }

    @Test
    void blueprintCannotChangeOnceSet(KubernetesClient client) {
        AuthDeployment created = client.resource(
                Serialization.unmarshal(deployment("fixed-blueprint", "us-east-1", "variant: Primary"), AuthDeployment.class)).create();
        created.getSpec().setBlueprint("another");
        assertThatThrownBy(() -> client.resource(created).update())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.blueprint is immutable: create a new AuthDeployment to use another blueprint");
    }

    @Test
    void kubectlApplyOfAnInvalidManifestFailsWithTheRuleMessage(LocalControlPlane plane, @TempDir Path dir)
            throws IOException, InterruptedException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, plane.kubeconfigYaml());
        Path manifest = dir.resolve("dedicated.yaml");
        Files.writeString(manifest, deployment("kubectl-dedicated", "us-east-1", "variant: Dedicated"));
        Path stderr = dir.resolve("stderr");

        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "apply", "-f", manifest.toString())
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(kubectl.exitValue()).isNotZero();
        assertThat(Files.readString(stderr)).contains(
                "The AuthDeployment \"kubectl-dedicated\" is invalid: spec.customer: Invalid value: \"object\": "
                        + "spec.customer is required for variant Dedicated and must not be set for other variants");
    }
}
