package dev.fivenines.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.revision.Revision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

class WorkloadTest {

    private static final AuthBlueprint BLUEPRINT = Fixtures.blueprint("payments", "auth", "1.4.2");
    private static final String REVISION = Revision.of(BLUEPRINT.getSpec());

    private static Deployment deploymentOf(AuthDeployment deployment) {
        return new Workload(BLUEPRINT, REVISION, deployment, RuntimeEnvironment.onAws(8080)).deployment();
    }

    /** The JSON paths at which two objects differ. */
    private static Set<String> differences(Object a, Object b) {
        Set<String> paths = new TreeSet<>();
        diff("", Serialization.jsonMapper().valueToTree(a), Serialization.jsonMapper().valueToTree(b), paths);
        return paths;
    }

    private static void diff(String path, JsonNode a, JsonNode b, Set<String> paths) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), paths);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            Iterator<JsonNode> left = a.elements();
            Iterator<JsonNode> right = b.elements();
            for (int i = 0; left.hasNext(); i++) {
                diff(path + "[" + i + "]", left.next(), right.next(), paths);
            }
        } else if (a == null || !a.equals(b)) {
            paths.add(path);
        }
    }

    /** What every deployment has of its own: its name and the labels and config that say which it is. */
    private static final Set<String> OWN_SETTINGS = Set.of(
            "metadata.name",
            "metadata.labels.app.kubernetes.io/instance",
            "metadata.labels.fivenines.dev/variant",
            "metadata.labels.fivenines.dev/region",
            "metadata.ownerReferences[0].name",
            "metadata.ownerReferences[0].uid",
            "spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels.app.kubernetes.io/instance",
            "spec.selector.matchLabels.app.kubernetes.io/instance",
            "spec.template.metadata.labels.app.kubernetes.io/instance",
            "spec.template.metadata.labels.fivenines.dev/variant",
            "spec.template.metadata.labels.fivenines.dev/region",
            "spec.template.metadata.annotations.fivenines.dev/config-hash",
            "spec.template.spec.serviceAccountName",
            "spec.template.spec.containers[0].envFrom[0].configMapRef.name");

    @Test
    void primaryBackupEdgeAndDedicatedDeploymentsDifferOnlyInTheirOwnSettings() {
        Deployment primary = deploymentOf(Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1"));
        for (AuthDeployment other : new AuthDeployment[] {
                Fixtures.deployment("payments", "auth-backup", "auth", Variant.Backup, "us-west-2"),
                Fixtures.deployment("payments", "auth-edge", "auth", Variant.Edge, "eu-central-1"),
                Fixtures.deployment("payments", "auth-acme", "auth", Variant.Dedicated, "us-east-1") }) {
            assertThat(differences(primary, deploymentOf(other)))
                    .as("%s against the primary", other.getSpec().getVariant())
                    .isNotEmpty()
                    .isSubsetOf(OWN_SETTINGS);
        }
    }

    @Test
    void declaredOverridesAreTheOnlyOtherDifference() {
        AuthDeployment plain = Fixtures.deployment("payments", "auth-acme", "auth", Variant.Dedicated, "us-east-1");
        AuthDeployment overridden = Fixtures.withOverrides(Fixtures.deployment("payments", "auth-acme", "auth", Variant.Dedicated,
                "us-east-1"));

        // the replica count is also in the runtime's configuration (its per-client limits are divided by it), so
        // the configuration hash follows it
        assertThat(differences(deploymentOf(plain), deploymentOf(overridden))).containsExactlyInAnyOrder(
                "spec.replicas",
                "spec.template.metadata.annotations.fivenines.dev/config-hash",
                "spec.template.spec.containers[0].resources.requests.cpu",
                "spec.template.spec.containers[0].resources.requests.memory",
                "spec.template.spec.nodeSelector",
                "spec.template.spec.tolerations");
    }

    @Test
    void everyObjectIsOwnedByTheDeploymentAndLabelledWithTheRevision() {
        AuthDeployment deployment = Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1");
        for (var object : new Workload(BLUEPRINT, REVISION, deployment, RuntimeEnvironment.onAws(8080)).objects()) {
            assertThat(object.getMetadata().getNamespace()).isEqualTo("payments");
            assertThat(object.getMetadata().getLabels()).containsEntry(Labels.REVISION, REVISION)
                    .containsEntry(Labels.MANAGED_BY, "fivenines-operator").containsEntry(Labels.BLUEPRINT, "auth");
            assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("AuthDeployment");
                assertThat(owner.getName()).isEqualTo("auth-primary");
                assertThat(owner.getController()).isTrue();
            });
        }
    }

    @Test
    void runtimeConfigurationCarriesRegionChainTablesIssuerAndLimits() {
        AuthDeployment edge = Fixtures.deployment("payments", "auth-edge", "auth", Variant.Edge, "eu-central-1");
        var data = new Workload(BLUEPRINT, REVISION, edge, RuntimeEnvironment.onAws(8080)).configMap().getData();

        assertThat(data).containsEntry("FIVENINES_REGION", "eu-central-1")
                .containsEntry("FIVENINES_STORAGE_REGION", "eu-central-1")
                .containsEntry("FIVENINES_STORAGE_REGIONS", "eu-central-1,us-west-2,eu-west-1")
                .containsEntry("FIVENINES_STORAGE_TABLE_PREFIX", "fivenines")
                .containsEntry("FIVENINES_TOKENS_ISSUER", "https://auth.example.com")
                .containsEntry("FIVENINES_LIMITS_CLIENT_BLOCK_RPS", "2000")
                .containsEntry("FIVENINES_LIMITS_MILESTONES", "100,200,500,1000")
                .containsEntry("FIVENINES_LIMITS_REPLICAS", String.valueOf(BLUEPRINT.getSpec().getRuntime().getReplicas()))
                .doesNotContainKey("FIVENINES_CUSTOMER");
    }

    @Test
    void jsonLogsAreAskedOfTheRuntimeOnlyWhenTheBlueprintSaysSo() {
        AuthDeployment primary = Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1");
        AuthBlueprint blueprint = Fixtures.blueprint("payments", "auth", "1.4.2");
        assertThat(new Workload(blueprint, REVISION, primary, RuntimeEnvironment.onAws(8080)).configMap().getData())
                .doesNotContainKey("QUARKUS_LOG_CONSOLE_JSON_ENABLED");
        blueprint.getSpec().getRuntime().setLogFormat(dev.fivenines.api.v1alpha1.LogFormat.Json);
        assertThat(new Workload(blueprint, REVISION, primary, RuntimeEnvironment.onAws(8080)).configMap().getData())
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    }

    @Test
    void tracingIsTurnedOnWithTheCollectorTheRatioAndTheDeploymentsIdentityOnlyWhenTheBlueprintAsks() {
        AuthDeployment edge = Fixtures.deployment("payments", "auth-edge", "auth", Variant.Edge, "eu-west-1");
        AuthBlueprint blueprint = Fixtures.blueprint("payments", "auth", "1.4.2");
        assertThat(new Workload(blueprint, REVISION, edge, RuntimeEnvironment.onAws(8080)).configMap().getData())
                .doesNotContainKeys("QUARKUS_OTEL_SDK_DISABLED", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        dev.fivenines.api.v1alpha1.TracingSpec tracing = new dev.fivenines.api.v1alpha1.TracingSpec();
        tracing.setEndpoint("http://otel-collector.observability:4317");
        blueprint.getSpec().getRuntime().setTracing(tracing);
        assertThat(new Workload(blueprint, REVISION, edge, RuntimeEnvironment.onAws(8080)).configMap().getData())
                .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://otel-collector.observability:4317")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")
                .containsEntry("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.01")
                .containsEntry("QUARKUS_OTEL_RESOURCE_ATTRIBUTES", "cloud.region=eu-west-1,fivenines.deployment=auth-edge,fivenines.variant=Edge");
        tracing.setSamplingRatio("0.25");
        tracing.setProtocol("http/protobuf");
        assertThat(new Workload(blueprint, REVISION, edge, RuntimeEnvironment.onAws(8080)).configMap().getData())
                .containsEntry("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.25")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
    }

    @Test
    void aRealInstallsPodSettingsComeFromTheBlueprint() {
        AuthBlueprint blueprint = Fixtures.blueprint("payments", "auth", "1.4.2");
        blueprint.getSpec().getRuntime().setPodAnnotations(Map.of("ad.datadoghq.com/auth.logs", "[{}]",
                Workload.CONFIG_HASH, "a declared hash never wins"));
        dev.fivenines.api.v1alpha1.SecretReference pull = new dev.fivenines.api.v1alpha1.SecretReference();
        pull.setName("registry-credentials");
        blueprint.getSpec().getRuntime().setImagePullSecrets(List.of(pull));
        dev.fivenines.api.v1alpha1.TenantLimit acme = new dev.fivenines.api.v1alpha1.TenantLimit();
        acme.setTenant("acme");
        acme.setClientBlockRps(5000);
        acme.setTenantBlockRps(20000);
        dev.fivenines.api.v1alpha1.TenantLimit globex = new dev.fivenines.api.v1alpha1.TenantLimit();
        globex.setTenant("globex");
        globex.setClientBlockRps(100);
        blueprint.getSpec().getLimits().setTenants(List.of(acme, globex));
        AuthDeployment primary = Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1");
        Workload workload = new Workload(blueprint, Revision.of(blueprint.getSpec()), primary, RuntimeEnvironment.onAws(8080));

        var template = workload.deployment().getSpec().getTemplate();
        assertThat(template.getMetadata().getAnnotations()).containsEntry("ad.datadoghq.com/auth.logs", "[{}]")
                .hasEntrySatisfying(Workload.CONFIG_HASH, hash -> assertThat(hash).isNotEqualTo("a declared hash never wins"));
        assertThat(template.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-credentials");
        assertThat(workload.configMap().getData()).containsEntry("FIVENINES_LIMITS_TENANTS", "acme=5000/20000,globex=100");
        assertThat(Revision.of(blueprint.getSpec())).as("pod settings are a new revision").isNotEqualTo(REVISION);
    }

    @Test
    void podsSpreadAcrossZonesByDefaultWithoutEverStayingUnscheduledForIt() {
        var spread = deploymentOf(Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1")).getSpec()
                .getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(spread).singleElement().satisfies(c -> {
            assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(c.getMaxSkew()).isEqualTo(1);
            assertThat(c.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "auth-primary");
        });

        AuthBlueprint off = Fixtures.blueprint("payments", "auth", "1.4.2");
        off.getSpec().getRuntime().setZoneSpread(false);
        var none = new Workload(off, Revision.of(off.getSpec()), Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary,
                "us-east-1"), RuntimeEnvironment.onAws(8080)).deployment().getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(none).isNullOrEmpty();
        assertThat(workloadConfigWithoutTenantLimits()).doesNotContainKey("FIVENINES_LIMITS_TENANTS");
    }

    private static Map<String, String> workloadConfigWithoutTenantLimits() {
        return new Workload(BLUEPRINT, REVISION, Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1"),
                RuntimeEnvironment.onAws(8080)).configMap().getData();
    }

    @Test
    void aNewBlueprintVersionChangesTheImageAndRevisionOfEveryDeployment() {
        AuthBlueprint next = Fixtures.blueprint("payments", "auth", "1.5.0");
        String nextRevision = Revision.of(next.getSpec());
        AuthDeployment primary = Fixtures.deployment("payments", "auth-primary", "auth", Variant.Primary, "us-east-1");

        Deployment before = deploymentOf(primary);
        Deployment after = new Workload(next, nextRevision, primary, RuntimeEnvironment.onAws(8080)).deployment();

        assertThat(nextRevision).isNotEqualTo(REVISION);
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/fivenines/auth-runtime:1.5.0");
        assertThat(differences(before, after)).contains("spec.template.spec.containers[0].image",
                "spec.template.metadata.labels.fivenines.dev/revision");
    }

    @Test
    void revisionIsStableAcrossEqualSpecs() {
        assertThat(Revision.of(Fixtures.blueprint("a", "x", "1.4.2").getSpec()))
                .isEqualTo(Revision.of(Fixtures.blueprint("b", "y", "1.4.2").getSpec()))
                .hasSize(10);
    }
}
