package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.fivenines.api.v1alpha1.Algorithm;
import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutPrometheus;
import dev.fivenines.api.v1alpha1.RolloutSpec;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The CRDs as the real API server enforces them: what is accepted, with which defaults filled in, and what is
 * refused, with exactly which field and message.
 */
@WithControlPlane(crds = {"crds/generated/authblueprints.fivenines.dev-v1.yml", "crds/generated/authdeployments.fivenines.dev-v1.yml"})
class ApiServerValidationTest {

    static final String BLUEPRINT = """
            apiVersion: fivenines.dev/v1alpha1
            kind: AuthBlueprint
            metadata: {name: %s, namespace: default}
            spec:
              runtime: {image: ghcr.io/fivenines/auth-runtime, version: %s}
              tokens: {issuer: https://auth.example.com}
              storage: {homeRegion: us-east-1}
            %s
            """;

    static final String DEPLOYMENT = """
            apiVersion: fivenines.dev/v1alpha1
            kind: AuthDeployment
            metadata: {name: %s, namespace: default}
            spec:
              blueprint: auth
              region: %s
            %s
            """;

    static String blueprint(String name, String version, String extraSpec) {
        return BLUEPRINT.formatted(name, version, indent(extraSpec));
    }

    static String deployment(String name, String region, String extraSpec) {
        return DEPLOYMENT.formatted(name, region, indent(extraSpec));
    }

    private static String indent(String extraSpec) {
        return extraSpec.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }

    private static HasMetadata load(KubernetesClient client, String yaml) {
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().get(0);
    }

    /** Every cause the API server gives for refusing the call, as "field: message". */
    private static List<String> causes(Executable call) {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> {
            try {
                call.execute();
            } catch (KubernetesClientException e) {
                throw e;
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
        assertThat(refused).as("the API server should refuse the call").isNotNull();
        assertThat(refused.getCode()).as(refused.getMessage()).isEqualTo(422);
        return refused.getStatus().getDetails().getCauses().stream().map(c -> c.getField() + ": " + c.getMessage()).toList();
    }

    private static List<String> creationRefusal(KubernetesClient client, String yaml) {
        HasMetadata object = load(client, yaml);
        return causes(() -> client.resource(object).create());
    }

    /** Added by the API server when a schema error stopped it from evaluating the CEL rules. */
    private static final String RULES_NOT_CHECKED = "<nil>: Invalid value: null: some validation rules were not checked because the object was "
            + "invalid; correct the existing errors to complete validation";

    private static AuthDeployment typed(KubernetesClient client, String yaml) {
        return client.getKubernetesSerialization().unmarshal(yaml, AuthDeployment.class);
    }

    private static String ruleBroken(String field, String message) {
        return field + ": Invalid value: \"object\": " + message;
    }

    // --- accepted, with defaults ---------------------------------------------------------------------------------

    @Test
    void samplesAreAcceptedWithDefaultsFilledIn(KubernetesClient client) throws IOException {
        Path samples = ProjectRoot.find().resolve("samples");
        for (String file : List.of("blueprint.yaml", "deployments.yaml")) {
            try (InputStream in = Files.newInputStream(samples.resolve(file))) {
                for (HasMetadata object : client.load(in).items()) {
                    client.resource(object).fieldManager("samples-test").serverSideApply();
                }
            }
        }

        AuthBlueprint blueprint = client.resources(AuthBlueprint.class).inNamespace("default").withName("auth").get();
        assertThat(blueprint.getSpec().getRuntime().getReplicas()).isEqualTo(3);
        assertThat(blueprint.getSpec().getStorage().getAdoptExisting()).as("storage.adoptExisting default").isFalse();
        assertThat(blueprint.getSpec().getReliability().getDependencies())
                .allSatisfy(d -> assertThat(d.getCriticalPath()).as("dependencies[].criticalPath default").isTrue());

        Map<String, AuthDeployment> deployments = client.resources(AuthDeployment.class).inNamespace("default").list().getItems()
                .stream().filter(d -> d.getMetadata().getName().startsWith("auth-"))
                .collect(java.util.stream.Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
        assertThat(deployments).containsOnlyKeys("auth-use1-primary", "auth-usw2-backup", "auth-euw1-edge", "auth-use1-acme");

        AuthDeployment primary = deployments.get("auth-use1-primary");
        assertThat(primary.getSpec().getVariant()).isEqualTo(Variant.Primary);
        assertThat(primary.getSpec().getRegion()).isEqualTo("us-east-1");

        AuthDeployment backup = deployments.get("auth-usw2-backup");
        assertThat(backup.getSpec().getVariant()).isEqualTo(Variant.Backup);
        assertThat(backup.getSpec().getRegion()).isEqualTo("us-west-2");
        assertThat(backup.getSpec().getBackupOf()).isEqualTo("auth-use1-primary");

        AuthDeployment edge = deployments.get("auth-euw1-edge");
        assertThat(edge.getSpec().getVariant()).isEqualTo(Variant.Edge);
        assertThat(edge.getSpec().getRegion()).isEqualTo("eu-west-1");
        assertThat(edge.getSpec().getFailoverRegions()).containsExactly("us-east-1", "us-west-2");

        AuthDeployment dedicated = deployments.get("auth-use1-acme");
        assertThat(dedicated.getSpec().getVariant()).isEqualTo(Variant.Dedicated);
        assertThat(dedicated.getSpec().getRegion()).isEqualTo("us-east-1");
        assertThat(dedicated.getSpec().getCustomer()).isEqualTo("acme");
        assertThat(dedicated.getSpec().getOverrides().getTolerations()).hasSize(1);
    }

    @Test
    void omittedBlueprintFieldsGetTheirDocumentedDefaults(KubernetesClient client) {
        client.resource(load(client, blueprint("minimal", "1.0.0", ""))).create();

        AuthBlueprint stored = client.resources(AuthBlueprint.class).inNamespace("default").withName("minimal").get();
        var spec = stored.getSpec();
        assertThat(spec.getRuntime().getReplicas()).isEqualTo(2);
        assertThat(spec.getTokens().getAlgorithm()).isEqualTo(Algorithm.ES256);
        assertThat(spec.getTokens().getAccessTokenTtl()).isEqualTo("15m");
        assertThat(spec.getTokens().getKeyRotationPeriod()).isEqualTo("720h");
        assertThat(spec.getStorage().getTablePrefix()).isEqualTo("fivenines");
        assertThat(spec.getStorage().getDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
        assertThat(spec.getStorage().getAdoptExisting()).isFalse();
        assertThat(spec.getLimits().getClientBlockRps()).isEqualTo(2000);
        assertThat(spec.getLimits().getMilestones()).containsExactly(100, 200, 500, 1000);
        assertThat(spec.getHealthCheck().getPath()).isEqualTo("/q/health/deep");
        assertThat(spec.getHealthCheck().getIntervalSeconds()).isEqualTo(30);
        assertThat(spec.getHealthCheck().getFailureThreshold()).isEqualTo(3);
        assertThat(spec.getReliability().getTargetAvailability()).isEqualTo("99.999");
        assertThat(spec.getReliability().getRetryHandlerAvailability()).isEqualTo("99.9995");
    }

    @Test
    void omittedDeploymentFieldsGetTheirDocumentedDefaults(KubernetesClient client) {
        client.resource(load(client, deployment("minimal-primary", "ap-southeast-2", "variant: Primary"))).create();

        AuthDeployment stored = client.resources(AuthDeployment.class).inNamespace("default").withName("minimal-primary").get();
        assertThat(stored.getSpec().getRolloutBucket()).isZero();
        assertThat(stored.getSpec().getFailoverRegions()).isNull();
        assertThat(stored.getSpec().getOverrides()).isNull();
    }

    @Test
    void govCloudRegionAndPreReleaseVersionAreAccepted(KubernetesClient client) {
        client.resource(load(client, blueprint("gov", "v2.0.0-rc.1", ""))).create();
        client.resource(load(client, deployment("gov-primary", "us-gov-west-1", "variant: Primary"))).create();

        assertThat(client.resources(AuthDeployment.class).inNamespace("default").withName("gov-primary").get()).isNotNull();
    }

    // --- AuthDeployment: variant rules ---------------------------------------------------------------------------

    @Test
    void dedicatedWithoutCustomerIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("no-customer", "us-east-1", "variant: Dedicated"))).containsExactly(ruleBroken(
                "spec.customer", "spec.customer is required for variant Dedicated: set it to the customer this deployment serves"));
    }

    @Test
    void dedicatedWithEmptyCustomerIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("empty-customer", "us-east-1", "variant: Dedicated\ncustomer: ''")))
                .containsExactly(ruleBroken("spec.customer",
                        "spec.customer is required for variant Dedicated: set it to the customer this deployment serves"));
    }

    @Test
    void aCustomerThatIsNoTenantIdIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("customer-not-tenant", "us-east-1", "variant: Dedicated\ncustomer: Acme Corp")))
                .containsExactly(ruleBroken("spec.customer",
                        "spec.customer is the tenant id the deployment serves: 1 to 63 lower case letters, digits and dashes, e.g. acme"));
    }

    @Test
    void customerOnAPrimaryIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("primary-with-customer", "us-east-1", "variant: Primary\ncustomer: acme")))
                .containsExactly(ruleBroken("spec.customer", "spec.customer is only for variant Dedicated: remove it"));
    }

    @Test
    void backupWithoutBackupOfIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("orphan-backup", "us-west-2", "variant: Backup"))).containsExactly(ruleBroken(
                "spec.backupOf",
                "spec.backupOf is required for variant Backup: set it to the name of the Primary AuthDeployment it stands in for"));
    }

    @Test
    void backupOfOnAPrimaryIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("primary-backing-up", "us-east-1", "variant: Primary\nbackupOf: auth-use1")))
                .containsExactly(ruleBroken("spec.backupOf", "spec.backupOf is only for variant Backup: remove it"));
    }

    @Test
    void unknownVariantIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("odd-variant", "us-east-1", "variant: Canary"))).containsExactly(
                "spec.variant: Unsupported value: \"Canary\": supported values: \"Backup\", \"Dedicated\", \"Edge\", \"Primary\"", RULES_NOT_CHECKED);
    }

    // --- AuthDeployment: failover regions ------------------------------------------------------------------------

    @Test
    void threeFailoverRegionsAreRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("long-chain", "eu-west-1",
                "variant: Edge\nfailoverRegions: [us-east-1, us-west-2, eu-central-1]")))
                .containsExactly("spec.failoverRegions: Too many: 3: must have at most 2 items", RULES_NOT_CHECKED);
    }

    @Test
    void duplicateFailoverRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("repeated-chain", "eu-west-1", "variant: Edge\nfailoverRegions: [us-east-1, us-east-1]")))
                .containsExactly(ruleBroken("spec.failoverRegions", "spec.failoverRegions must not repeat a region: list each region once"));
    }

    @Test
    void failoverRegionEqualToTheDeploymentRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("self-chain", "eu-west-1", "variant: Edge\nfailoverRegions: [us-east-1, eu-west-1]")))
                .containsExactly(ruleBroken("spec.failoverRegions",
                        "spec.failoverRegions must not contain spec.region: remove the local region, it is always tried first"));
    }

    @Test
    void failoverRegionsOnAPrimaryAreRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("primary-chain", "us-east-1", "variant: Primary\nfailoverRegions: [us-west-2]")))
                .containsExactly(ruleBroken("spec.failoverRegions",
                        "spec.failoverRegions is only for variant Edge: remove it (Primary, Backup and Dedicated deployments fail over through DNS)"));
    }

    @Test
    void emptyFailoverRegionsOnAPrimaryAreAccepted(KubernetesClient client) {
        client.resource(load(client, deployment("primary-empty-chain", "us-east-1", "variant: Primary\nfailoverRegions: []"))).create();

        assertThat(client.resources(AuthDeployment.class).inNamespace("default").withName("primary-empty-chain").get()
                .getSpec().getFailoverRegions()).isEmpty();
    }

    @Test
    void malformedFailoverRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("odd-chain", "eu-west-1", "variant: Edge\nfailoverRegions: [Virginia]")))
                .containsExactly("spec.failoverRegions: Invalid value: \"array\": spec.failoverRegions must be AWS region names such as us-west-2");
    }

    // --- AuthDeployment: patterns, bounds, required objects ------------------------------------------------------

    @Test
    void malformedRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("bad-region", "US_EAST_1", "variant: Primary"))).containsExactly(
                "spec.region: Invalid value: \"US_EAST_1\": spec.region in body should match '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$'");
    }

    @Test
    void negativeRolloutBucketIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("negative-bucket", "us-east-1", "variant: Primary\nrolloutBucket: -1")))
                .containsExactly("spec.rolloutBucket: Invalid value: -1: spec.rolloutBucket in body should be greater than or equal to 0");
    }

    @Test
    void dnsWithoutTargetIsAcceptedForTheLoadBalancerToFillInButATtlOfZeroIsNot(KubernetesClient client) {
        // whether a target is needed depends on the blueprint's spec.exposure: the operator reports it (DnsRecordReady)
        AuthDeployment created = client.resource(typed(client, deployment("lb-dns", "us-east-1",
                "variant: Primary\ndns: {zoneId: Z0FIVENINES, recordName: auth.example.com}"))).create();
        assertThat(created.getSpec().getDns().getTarget()).isNull();
        assertThat(created.getSpec().getDns().getTtlSeconds()).as("no API-server default").isNull();
        client.resource(created).delete();
        assertThat(creationRefusal(client, deployment("ttl-zero", "us-east-1",
                "variant: Primary\ndns: {zoneId: Z0FIVENINES, recordName: auth.example.com, target: use1.lb.example.com, ttlSeconds: 0}")))
                .containsExactly("spec.dns.ttlSeconds: Invalid value: 0: spec.dns.ttlSeconds in body should be greater than or equal to 1");
    }

    @Test
    void tracingNeedsACollectorUrlAndARatioBetweenZeroAndOne(KubernetesClient client) {
        assertThat(creationRefusal(client, traced("no-collector", "{samplingRatio: '0.5'}")))
                .contains("spec.runtime.tracing.endpoint: Required value");
        assertThat(creationRefusal(client, traced("too-much", "{endpoint: 'http://otel:4317', samplingRatio: '1.5'}")))
                .singleElement().asString().startsWith("spec.runtime.tracing.samplingRatio: Invalid value: \"1.5\"");
        assertThat(creationRefusal(client, traced("not-a-url", "{endpoint: 'otel:4317'}")))
                .singleElement().asString().startsWith("spec.runtime.tracing.endpoint: Invalid value: \"otel:4317\"");
    }

    private static String traced(String name, String tracing) {
        return blueprint(name, "1.0.0", "").replace("version: 1.0.0}", "version: 1.0.0, tracing: " + tracing + "}");
    }

    @Test
    void exposureGetsItsDefaultsAndRefusesLoadBalancerSettingsWithoutALoadBalancer(KubernetesClient client) {
        var created = client.resource(load(client, blueprint("exposed", "1.0.0", "exposure: {type: LoadBalancer, loadBalancer: {}}")))
                .create();
        AuthBlueprint read = client.resources(AuthBlueprint.class).inNamespace("default").withName("exposed").get();
        assertThat(read.getSpec().getExposure().getLoadBalancer().getScheme()).isEqualTo("internet-facing");
        client.resource(created).delete();
        assertThat(creationRefusal(client, blueprint("half-exposed", "1.0.0", "exposure: {loadBalancer: {scheme: internal}}")))
                .containsExactly("spec.exposure.loadBalancer: Invalid value: \"object\": "
                        + "spec.exposure.loadBalancer applies only with spec.exposure.type LoadBalancer");
        assertThat(creationRefusal(client, blueprint("bad-scheme", "1.0.0", "exposure: {type: LoadBalancer, loadBalancer: {scheme: public}}")))
                .singleElement().asString().startsWith("spec.exposure.loadBalancer.scheme: Invalid value: \"public\"");
        assertThat(creationRefusal(client, blueprint("bad-cert", "1.0.0",
                "exposure: {type: LoadBalancer, loadBalancer: {certificateArn: my-cert}}")))
                .singleElement().asString().startsWith("spec.exposure.loadBalancer.certificateArn: Invalid value: \"my-cert\"");
        assertThat(creationRefusal(client, blueprint("no-gateway", "1.0.0", "exposure: {type: Gateway}")))
                .containsExactly("spec.exposure.gateway: Invalid value: \"object\": "
                        + "spec.exposure.gateway is needed with spec.exposure.type Gateway, and only then");
        assertThat(creationRefusal(client, blueprint("bad-type", "1.0.0", "exposure: {type: NodePort}")))
                .first().asString().startsWith("spec.exposure.type: Unsupported value: \"NodePort\"");
    }

    @Test
    void aPrimaryWithoutRecordNameOrZoneIsRejectedNamingTheField(KubernetesClient client) {
        assertThat(creationRefusal(client, deployment("no-record", "us-east-1",
                "variant: Primary\ndns: {zoneId: Z0FIVENINES, target: use1.lb.example.com}")))
                .containsExactly("spec.dns.recordName: Invalid value: \"object\": spec.dns.recordName is required: set the record name, "
                        + "e.g. auth.example.com (only a Backup takes its primary's)");
        assertThat(creationRefusal(client, deployment("no-zone", "us-east-1",
                "variant: Edge\ndns: {recordName: auth.example.com, target: euw1.lb.example.com}")))
                .containsExactly("spec.dns.zoneId: Invalid value: \"object\": spec.dns.zoneId is required: set the Route 53 hosted zone id "
                        + "(only a Backup takes its primary's)");
    }

    @Test
    void aBackupMayLeaveRecordNameAndZoneToItsPrimary(KubernetesClient client) {
        AuthDeployment created = client.resource(typed(client, deployment("backup-inherits", "us-west-2",
                "variant: Backup\nbackupOf: auth-use1-primary\ndns: {target: usw2.lb.example.com}"))).create();
        assertThat(created.getSpec().getDns().getRecordName()).isNull();
        client.resource(created).delete();
    }

    // --- AuthDeployment: immutability ----------------------------------------------------------------------------

    @Test
    void variantChangeIsRejectedByTheApiServer(KubernetesClient client) {
        AuthDeployment created = client.resource(typed(client, deployment("fixed-variant", "us-east-1", "variant: Primary")))
                .create();
        created.getSpec().setVariant(Variant.Edge);

        assertThat(causes(() -> client.resource(created).update())).containsExactly(
                "spec.variant: Invalid value: \"string\": spec.variant is immutable: create a new AuthDeployment for another variant");
    }

    @Test
    void blueprintChangeIsRejectedByTheApiServer(KubernetesClient client) {
        AuthDeployment created = client.resource(typed(client, deployment("fixed-blueprint", "us-east-1", "variant: Primary")))
                .create();
        created.getSpec().setBlueprint("another");

        assertThat(causes(() -> client.resource(created).update())).containsExactly(
                "spec.blueprint: Invalid value: \"string\": spec.blueprint is immutable: create a new AuthDeployment to use another blueprint");
    }

    @Test
    void otherFieldsOfADeploymentMayChange(KubernetesClient client) {
        AuthDeployment created = client.resource(typed(client, deployment("movable", "us-east-1", "variant: Primary")))
                .create();
        created.getSpec().setRolloutBucket(3);

        assertThat(client.resource(created).update().getSpec().getRolloutBucket()).isEqualTo(3);
    }

    // --- AuthBlueprint -------------------------------------------------------------------------------------------

    @Test
    void malformedVersionIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("bad-version", "latest", ""))).containsExactly(
                "spec.runtime.version: Invalid value: \"latest\": spec.runtime.version in body should match "
                        + "'^v?[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$'");
    }

    @Test
    void malformedHomeRegionIsRejectedByTheApiServer(KubernetesClient client) {
        String yaml = blueprint("bad-home", "1.0.0", "").replace("homeRegion: us-east-1", "homeRegion: us-east");
        assertThat(creationRefusal(client, yaml)).containsExactly(
                "spec.storage.homeRegion: Invalid value: \"us-east\": spec.storage.homeRegion in body should match "
                        + "'^[a-z]{2}(-gov)?-[a-z]+-[0-9]$'");
    }

    @Test
    void milestonesNotAscendingAreRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("unordered", "1.0.0", "limits: {milestones: [100, 500, 200]}"))).containsExactly(
                ruleBroken("spec.limits.milestones", "spec.limits.milestones must be strictly ascending, e.g. [100, 200, 500, 1000]"));
    }

    @Test
    void aTenantWithTwoLimitsIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("repeated-tenant", "1.0.0",
                "limits: {tenants: [{tenant: acme, clientBlockRps: 500}, {tenant: acme, clientBlockRps: 900}]}"))).containsExactly(
                        ruleBroken("spec.limits.tenants", "spec.limits.tenants must name each tenant once"));
    }

    @Test
    void repeatedMilestoneIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("repeated-milestone", "1.0.0", "limits: {milestones: [100, 100]}"))).containsExactly(
                ruleBroken("spec.limits.milestones", "spec.limits.milestones must be strictly ascending, e.g. [100, 200, 500, 1000]"));
    }

    @Test
    void milestoneAtOrAboveClientBlockRpsIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("milestone-too-high", "1.0.0", "limits: {clientBlockRps: 500, milestones: [100, 500]}")))
                .containsExactly(ruleBroken("spec.limits.milestones", "spec.limits.milestones must all be below spec.limits.clientBlockRps"));
    }

    @Test
    void defaultMilestonesAboveALoweredClientBlockRpsAreRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("low-block", "1.0.0", "limits: {clientBlockRps: 150}"))).containsExactly(
                ruleBroken("spec.limits.milestones", "spec.limits.milestones must all be below spec.limits.clientBlockRps"));
    }

    @Test
    void targetAvailabilityAboveHundredIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("too-available", "1.0.0", "reliability: {targetAvailability: \"100.5\"}")))
                .containsExactly("spec.reliability.targetAvailability: Invalid value: \"string\": "
                        + "spec.reliability.targetAvailability must be a percentage above 0 and at most 100, such as \"99.999\"");
    }

    @Test
    void zeroDependencyAvailabilityIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("never-available", "1.0.0",
                "reliability: {dependencies: [{name: flaky, availability: \"0.0\"}]}"))).containsExactly(
                "spec.reliability.dependencies[0].availability: Invalid value: \"string\": "
                        + "spec.reliability.dependencies[].availability must be a percentage above 0 and at most 100, such as \"99.99\"");
    }

    @Test
    void availabilityThatIsNotADecimalNumberIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("worded-availability", "1.0.0",
                "reliability: {retryHandlerAvailability: \"five nines\"}"))).containsExactly(
                "spec.reliability.retryHandlerAvailability: Invalid value: \"five nines\": "
                        + "spec.reliability.retryHandlerAvailability in body should match '^[0-9]{1,3}(\\.[0-9]{1,12})?$'");
    }

    @Test
    void healthCheckIntervalOtherThanTenOrThirtyIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("odd-interval", "1.0.0", "healthCheck: {intervalSeconds: 15}"))).containsExactly(
                "spec.healthCheck.intervalSeconds: Invalid value: \"integer\": "
                        + "spec.healthCheck.intervalSeconds must be 10 or 30 (the intervals Route 53 offers)");
    }

    @Test
    void failureThresholdAboveTenIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("patient", "1.0.0", "healthCheck: {failureThreshold: 11}"))).containsExactly(
                "spec.healthCheck.failureThreshold: Invalid value: 11: spec.healthCheck.failureThreshold in body should be less than or equal to 10");
    }

    @Test
    void unknownAlgorithmIsRejectedByTheApiServer(KubernetesClient client) {
        String yaml = blueprint("rsa", "1.0.0", "").replace("tokens: {issuer: https://auth.example.com}",
                "tokens: {issuer: https://auth.example.com, algorithm: RS256}");
        assertThat(creationRefusal(client, yaml)).containsExactly(
                "spec.tokens.algorithm: Unsupported value: \"RS256\": supported values: \"ES256\", \"EdDSA\"", RULES_NOT_CHECKED);
    }

    @Test
    void blueprintWithoutTokensIsRejectedByTheApiServer(KubernetesClient client) {
        String yaml = blueprint("tokenless", "1.0.0", "").replace("  tokens: {issuer: https://auth.example.com}\n", "");
        assertThat(creationRefusal(client, yaml)).containsExactly("spec.tokens: Required value", RULES_NOT_CHECKED);
    }

    // --- AuthBlueprint: rollout ----------------------------------------------------------------------------------

    @Test
    void omittedRolloutGetsItsDocumentedDefaults(KubernetesClient client) {
        client.resource(load(client, blueprint("default-rollout", "1.0.0", ""))).create();

        RolloutSpec rollout = client.resources(AuthBlueprint.class).inNamespace("default").withName("default-rollout").get()
                .getSpec().getRollout();
        assertThat(rollout.getBakeSeconds()).isEqualTo(300);
        assertThat(rollout.getAnalysis().getWindowSeconds()).isEqualTo(60);
        assertThat(rollout.getAnalysis().getIntervalSeconds()).isEqualTo(10);
        assertThat(rollout.getAnalysis().getMinOutcomes()).isEqualTo(100);
        assertThat(rollout.getGate().getAllowance()).isEqualTo(0.01);
        assertThat(rollout.getGate().getBaseline()).isEqualTo(RolloutBaseline.PreviousRevision);
        assertThat(rollout.getGate().getBaselineSeconds()).isEqualTo(600);
        assertThat(rollout.getGate().getFloor()).isNull();
        assertThat(rollout.getFailedWindowsToHalt()).isEqualTo(2);
        assertThat(rollout.getAutoRollback()).isTrue();
        assertThat(rollout.getPaused()).isFalse();
        assertThat(rollout.getSkipBuckets()).isFalse();
        assertThat(rollout.getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(rollout.getAnalysis().getPrometheus()).isNull();
    }

    @Test
    void aPartlyGivenRolloutGetsTheOtherDefaults(KubernetesClient client) {
        client.resource(load(client, blueprint("partial-rollout", "1.0.0",
                "rollout: {paused: true, gate: {allowance: 0.02}, analysis: {windowSeconds: 120}}"))).create();

        RolloutSpec rollout = client.resources(AuthBlueprint.class).inNamespace("default").withName("partial-rollout").get()
                .getSpec().getRollout();
        assertThat(rollout.getPaused()).isTrue();
        assertThat(rollout.getBakeSeconds()).isEqualTo(300);
        assertThat(rollout.getGate().getAllowance()).isEqualTo(0.02);
        assertThat(rollout.getGate().getBaseline()).isEqualTo(RolloutBaseline.PreviousRevision);
        assertThat(rollout.getGate().getBaselineSeconds()).isEqualTo(600);
        assertThat(rollout.getAnalysis().getWindowSeconds()).isEqualTo(120);
        assertThat(rollout.getAnalysis().getIntervalSeconds()).isEqualTo(10);
        assertThat(rollout.getAnalysis().getMinOutcomes()).isEqualTo(100);
    }

    @Test
    void rolloutStatusIsStoredAsWritten(KubernetesClient client) {
        AuthBlueprint created = client.resource(client.getKubernetesSerialization().unmarshal(blueprint("rolled", "1.0.0", ""), AuthBlueprint.class))
                .create();
        RolloutBucketStatus bucket = new RolloutBucketStatus();
        bucket.setBucket(0);
        bucket.setDeployments(List.of("dedicated-acme", "edge-eu"));
        bucket.setRevision("b2c3d4e5f6");
        bucket.setPreviousRevision("a1b2c3d4e5");
        bucket.setPhase(BucketPhase.RolledBack);
        bucket.setReadySince("2026-11-23T10:00:00Z");
        bucket.setWaitingSince("2026-11-23T10:00:30Z");
        bucket.setRatio("0.7012");
        bucket.setBaseline("0.9950");
        bucket.setBaselineOutcomes(12000L);
        bucket.setAllowed("0.9850");
        bucket.setOutcomes(1840L);
        bucket.setVerdict(Verdict.Fail);
        bucket.setFailedWindows(2);
        bucket.setLastWindowAt("2026-11-23T10:01:00Z");
        RolloutStatus rollout = new RolloutStatus();
        rollout.setPhase(RolloutPhase.Halted);
        rollout.setRevision("b2c3d4e5f6");
        rollout.setStableRevision("a1b2c3d4e5");
        rollout.setBucket("1/3");
        rollout.setMessage("halted");
        rollout.setSkippedBuckets(false);
        rollout.setStartedAt("2026-11-23T09:55:00Z");
        rollout.setWave("2/2");
        rollout.setBuckets(List.of(bucket));
        AuthBlueprintStatus status = new AuthBlueprintStatus();
        status.setRollout(rollout);
        created.setStatus(status);

        client.resource(created).updateStatus();

        assertThat(client.resources(AuthBlueprint.class).inNamespace("default").withName("rolled").get().getStatus().getRollout())
                .isEqualTo(rollout);
    }

    @Test
    void regionWavesAreAccepted(KubernetesClient client) {
        client.resource(load(client, blueprint("waved", "1.0.0", "rollout: {waves: [{regions: [us-east-1]}, {regions: [eu-west-1, ap-southeast-2]}]}")))
                .create();

        RolloutSpec rollout = client.resources(AuthBlueprint.class).inNamespace("default").withName("waved").get().getSpec().getRollout();
        assertThat(rollout.getWaves()).extracting(dev.fivenines.api.v1alpha1.RolloutWave::getRegions)
                .containsExactly(List.of("us-east-1"), List.of("eu-west-1", "ap-southeast-2"));
    }

    @Test
    void aRegionInTwoWavesIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("twice", "1.0.0", "rollout: {waves: [{regions: [us-east-1]}, {regions: [eu-west-1, us-east-1]}]}")))
                .containsExactly("spec.rollout.waves: Invalid value: \"array\": spec.rollout.waves must name each region once: a region is in one wave only");
    }

    @Test
    void aWaveWithAMisspelledOrNoRegionIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("misspelled", "1.0.0", "rollout: {waves: [{regions: [us-east-1, US-WEST-2]}]}")))
                .containsExactly("spec.rollout.waves[0].regions[1]: Invalid value: \"US-WEST-2\": spec.rollout.waves[0].regions[1] in body should match "
                        + "'^[a-z]{2}(-gov)?-[a-z]+-[0-9]$'");
        assertThat(creationRefusal(client, blueprint("empty-wave", "1.0.0", "rollout: {waves: [{regions: []}]}")))
                .containsExactly("spec.rollout.waves[0].regions: Invalid value: 0: spec.rollout.waves[0].regions in body should have at least 1 items");
    }

    @Test
    void floorBaselineWithItsFloorIsAccepted(KubernetesClient client) {
        client.resource(load(client, blueprint("floored", "1.0.0", "rollout: {gate: {baseline: Floor, floor: 0.995}}"))).create();

        RolloutSpec rollout = client.resources(AuthBlueprint.class).inNamespace("default").withName("floored").get().getSpec().getRollout();
        assertThat(rollout.getGate().getBaseline()).isEqualTo(RolloutBaseline.Floor);
        assertThat(rollout.getGate().getFloor()).isEqualTo(0.995);
    }

    @Test
    void floorBaselineWithoutAFloorIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("no-floor", "1.0.0", "rollout: {gate: {baseline: Floor}}"))).containsExactly(ruleBroken(
                "spec.rollout.gate.floor",
                "spec.rollout.gate.floor is required for baseline Floor: set it to the lowest authorization ratio to accept, e.g. 0.99"));
    }

    @Test
    void floorWithThePreviousRevisionBaselineIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("stray-floor", "1.0.0", "rollout: {gate: {floor: 0.99}}"))).containsExactly(ruleBroken(
                "spec.rollout.gate.floor",
                "spec.rollout.gate.floor is only for baseline Floor: remove it, or set spec.rollout.gate.baseline to Floor"));
    }

    @Test
    void analysisIntervalLongerThanTheWindowIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("slow-reading", "1.0.0", "rollout: {analysis: {windowSeconds: 30, intervalSeconds: 40}}")))
                .containsExactly(ruleBroken("spec.rollout.analysis.intervalSeconds",
                        "spec.rollout.analysis.intervalSeconds must not exceed spec.rollout.analysis.windowSeconds: every window is read at least once"));
    }

    @Test
    void analysisIntervalLongerThanTheDefaultWindowIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("slower-reading", "1.0.0", "rollout: {analysis: {intervalSeconds: 90}}")))
                .containsExactly(ruleBroken("spec.rollout.analysis.intervalSeconds",
                        "spec.rollout.analysis.intervalSeconds must not exceed spec.rollout.analysis.windowSeconds: every window is read at least once"));
    }

    @Test
    void analysisWindowShorterThanTenSecondsIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("short-window", "1.0.0", "rollout: {analysis: {windowSeconds: 5, intervalSeconds: 1}}")))
                .containsExactly("spec.rollout.analysis.windowSeconds: Invalid value: 5: "
                        + "spec.rollout.analysis.windowSeconds in body should be greater than or equal to 10");
    }

    @Test
    void zeroMinOutcomesIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("no-outcomes", "1.0.0", "rollout: {analysis: {minOutcomes: 0}}")))
                .containsExactly("spec.rollout.analysis.minOutcomes: Invalid value: 0: "
                        + "spec.rollout.analysis.minOutcomes in body should be greater than or equal to 1");
    }

    @Test
    void allowanceAboveOneIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("lenient", "1.0.0", "rollout: {gate: {allowance: 1.5}}")))
                .containsExactly("spec.rollout.gate.allowance: Invalid value: 1.5: "
                        + "spec.rollout.gate.allowance in body should be less than or equal to 1");
    }

    @Test
    void negativeFloorIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("below-zero", "1.0.0", "rollout: {gate: {baseline: Floor, floor: -0.1}}")))
                .containsExactly("spec.rollout.gate.floor: Invalid value: -0.1: "
                        + "spec.rollout.gate.floor in body should be greater than or equal to 0");
    }

    @Test
    void baselineShorterThanAMinuteIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("short-baseline", "1.0.0", "rollout: {gate: {baselineSeconds: 30}}")))
                .containsExactly("spec.rollout.gate.baselineSeconds: Invalid value: 30: "
                        + "spec.rollout.gate.baselineSeconds in body should be greater than or equal to 60");
    }

    @Test
    void unknownBaselineIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("median", "1.0.0", "rollout: {gate: {baseline: Median}}"))).containsExactly(
                "spec.rollout.gate.baseline: Unsupported value: \"Median\": supported values: \"Floor\", \"PreviousRevision\"", RULES_NOT_CHECKED);
    }

    @Test
    void negativeBakeAndZeroFailedWindowsToHaltAreRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("impatient", "1.0.0", "rollout: {bakeSeconds: -1, failedWindowsToHalt: 0}")))
                .containsExactlyInAnyOrder(
                        "spec.rollout.bakeSeconds: Invalid value: -1: spec.rollout.bakeSeconds in body should be greater than or equal to 0",
                        "spec.rollout.failedWindowsToHalt: Invalid value: 0: "
                                + "spec.rollout.failedWindowsToHalt in body should be greater than or equal to 1");
    }

    @Test
    void prometheusWithOnlyItsAddressGetsTheDefaultLabels(KubernetesClient client) {
        client.resource(load(client, blueprint("prometheus-gate", "1.0.0",
                "rollout: {analysis: {prometheus: {address: 'http://prometheus.monitoring:9090'}}}"))).create();

        RolloutPrometheus prometheus = client.resources(AuthBlueprint.class).inNamespace("default").withName("prometheus-gate").get()
                .getSpec().getRollout().getAnalysis().getPrometheus();
        assertThat(prometheus.getAddress()).isEqualTo("http://prometheus.monitoring:9090");
        assertThat(prometheus.getDeploymentLabel()).isEqualTo("app_kubernetes_io_instance");
        assertThat(prometheus.getRevisionLabel()).isEqualTo("fivenines_dev_revision");
        assertThat(prometheus.getMatchers()).isNull();
        assertThat(prometheus.getQuery()).isNull();
    }

    @Test
    void prometheusQueryWithEveryPlaceholderIsAccepted(KubernetesClient client) {
        String query = "sum by (outcome) (increase(auth_outcomes_total{pod_owner=~\"$deployments\", rev=\"$revision\"}[$window]))";
        client.resource(load(client, blueprint("prometheus-query", "1.0.0",
                "rollout: {analysis: {prometheus: {address: 'https://prometheus.example.com/prom', query: '" + query + "'}}}"))).create();

        assertThat(client.resources(AuthBlueprint.class).inNamespace("default").withName("prometheus-query").get().getSpec().getRollout()
                .getAnalysis().getPrometheus().getQuery()).isEqualTo(query);
    }

    @Test
    void prometheusAddressThatIsNotAnHttpUrlIsRejectedByTheApiServer(KubernetesClient client) {
        String message = "spec.rollout.analysis.prometheus.address must be an http or https URL of the Prometheus server, "
                + "e.g. http://prometheus.monitoring:9090";
        assertThat(creationRefusal(client, blueprint("ftp-prometheus", "1.0.0",
                "rollout: {analysis: {prometheus: {address: 'ftp://prometheus.monitoring:9090'}}}")))
                .containsExactly(ruleBroken("spec.rollout.analysis.prometheus.address", message));
        assertThat(creationRefusal(client, blueprint("bare-prometheus", "1.0.0",
                "rollout: {analysis: {prometheus: {address: 'prometheus.monitoring:9090'}}}")))
                .containsExactly(ruleBroken("spec.rollout.analysis.prometheus.address", message));
    }

    @Test
    void prometheusWithoutAnAddressIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("nowhere", "1.0.0", "rollout: {analysis: {prometheus: {query: 'up'}}}")))
                .contains("spec.rollout.analysis.prometheus.address: Required value");
    }

    @Test
    void prometheusQueryWithoutThePlaceholdersIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("whole-fleet", "1.0.0",
                "rollout: {analysis: {prometheus: {address: 'http://prometheus:9090', query: 'sum by (outcome) (fivenines_authorization_outcomes_total)'}}}")))
                .containsExactly(ruleBroken("spec.rollout.analysis.prometheus.query",
                        "spec.rollout.analysis.prometheus.query must use $deployments, $revision and $window, so that it counts one bucket's pods "
                                + "at one revision over the window"));
    }

    @Test
    void prometheusMatchersBesideAQueryAreRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("both", "1.0.0", "rollout: {analysis: {prometheus: {address: 'http://prometheus:9090', "
                + "matchers: 'cluster=\"eu-1\"', query: 'x{d=~\"$deployments\",r=\"$revision\"}[$window]'}}}")))
                .containsExactly(ruleBroken("spec.rollout.analysis.prometheus.matchers",
                        "spec.rollout.analysis.prometheus.matchers is only for the query the operator writes: put the matchers into "
                                + "spec.rollout.analysis.prometheus.query, or remove the query"));
    }

    @Test
    void prometheusLabelThatIsNoLabelNameIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("dotted-label", "1.0.0",
                "rollout: {analysis: {prometheus: {address: 'http://prometheus:9090', revisionLabel: fivenines.dev/revision}}}")))
                .containsExactly("spec.rollout.analysis.prometheus.revisionLabel: Invalid value: \"fivenines.dev/revision\": "
                        + "spec.rollout.analysis.prometheus.revisionLabel in body should match '^[a-zA-Z_][a-zA-Z0-9_]*$'");
    }

    @Test
    void progressDeadlineShorterThanTheWindowIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("hasty", "1.0.0", "rollout: {progressDeadlineSeconds: 30}")))
                .containsExactly(ruleBroken("spec.rollout.progressDeadlineSeconds",
                        "spec.rollout.progressDeadlineSeconds must be at least spec.rollout.analysis.windowSeconds: a bucket needs one whole "
                                + "window of outcomes before it can be judged"));
    }

    @Test
    void progressDeadlineBelowTenSecondsIsRejectedByTheApiServer(KubernetesClient client) {
        assertThat(creationRefusal(client, blueprint("instant", "1.0.0",
                "rollout: {progressDeadlineSeconds: 5, analysis: {windowSeconds: 10, intervalSeconds: 1}}")))
                .contains("spec.rollout.progressDeadlineSeconds: Invalid value: 5: "
                        + "spec.rollout.progressDeadlineSeconds in body should be greater than or equal to 10");
    }
}
