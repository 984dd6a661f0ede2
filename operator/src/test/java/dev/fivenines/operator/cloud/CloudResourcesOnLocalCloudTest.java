package dev.fivenines.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.sdk.AwsAdapters;
import dev.fivenines.aws.sdk.AwsSettings;
import dev.fivenines.operator.ControlPlaneResource;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.status.Conditions;
import dev.fivenines.testing.KubeletStandIn;
import dev.fivenines.testing.aws.LocalCloud;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * AuthDeployments turned into DynamoDB replicas and Route 53 health checks and failover records, on the
 * local three-region cloud: primary in us-east-1 (the home region), backup in us-west-2, edge in
 * eu-west-1 reading through us-west-2 then us-east-1.
 */
@QuarkusTest
@TestProfile(CloudProfile.class)
@QuarkusTestResource(ControlPlaneResource.class)
class CloudResourcesOnLocalCloudTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final String RECORD = "auth.fivenines.test.";
    private static KubeletStandIn kubelet;
    private static AwsAdapters aws;
    private static String zoneId;

    @Inject
    KubernetesClient client;

    @Inject
    TableDefinitions definitions;

    @BeforeAll
    static void start() {
        kubelet = new KubeletStandIn(ControlPlaneResource.plane().newClient(), Labels.MANAGED_SELECTOR).start();
        LocalCloud cloud = LocalCloudResource.cloud();
        aws = AwsAdapters.create(AwsSettings.defaults().withDynamoDbEndpoints(cloud.dynamoDbEndpoints())
                .withRoute53Endpoint(cloud.route53Endpoint()).withStaticCredentials(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY));
        String id = aws.clients().route53().createHostedZone(z -> z.name("fivenines.test.").callerReference("fivenines-test"))
                .hostedZone().id();
        zoneId = id.substring(id.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void stop() {
        kubelet.close();
        aws.close();
    }

    private static AuthDeployment withDns(AuthDeployment deployment, String target) {
        DnsSpec dns = new DnsSpec();
        dns.setZoneId(zoneId);
        dns.setRecordName(RECORD);
        dns.setTarget(target);
        deployment.getSpec().setDns(dns);
        return deployment;
    }

    private AuthDeployment awaitDeployment(String ns, String name, Predicate<AuthDeployment> condition) {
        return await().atMost(CONVERGE).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).withName(name).get(),
                d -> d != null && d.getStatus() != null && condition.test(d));
    }

    private static Optional<DnsRecord> record(String setIdentifier) {
        return aws.dnsRecords().list(zoneId, RECORD).stream().filter(r -> r.setIdentifier().equals(Optional.of(setIdentifier)))
                .findFirst();
    }

    @Test
    void primaryBackupAndEdgeGetReplicasHealthChecksAndFailoverRecords() {
        String ns = "cloud";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().getHealthCheck().setIntervalSeconds(10);
        client.resource(blueprint).create();
        client.resource(withDns(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1"), "192.0.2.10")).create();
        client.resource(withDns(Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2"), "192.0.2.20")).create();
        AuthDeployment edge = Fixtures.deployment(ns, "auth-edge", "auth", Variant.Edge, "eu-west-1");
        edge.getSpec().setFailoverRegions(List.of("us-west-2", "us-east-1"));
        client.resource(edge).create();

        for (String name : List.of("auth-primary", "auth-backup", "auth-edge")) {
            AuthDeployment ready = awaitDeployment(ns, name, d -> d.getStatus().getPhase() == Phase.Ready);
            assertThat(Conditions.isTrue(ready.getStatus().getConditions(), ConditionTypes.TABLE_REPLICA_READY)).isTrue();
        }

        List<TableSpec> tables = definitions.specs("fivenines", "cloud/auth");
        assertThat(tables).isNotEmpty();
        for (TableSpec table : tables) {
            TableState home = aws.globalTables().describe("us-east-1", table.name()).orElseThrow();
            assertThat(home.isOwnedBy("cloud/auth")).isTrue();
            assertThat(home.replicas()).containsOnlyKeys("us-east-1", "us-west-2", "eu-west-1")
                    .allSatisfy((region, status) -> assertThat(status).isEqualTo(ReplicaStatus.ACTIVE));
        }

        var primaryCheck = aws.healthChecks().findByOwner("cloud/auth-primary");
        var backupCheck = aws.healthChecks().findByOwner("cloud/auth-backup");
        assertThat(primaryCheck).singleElement().satisfies(h -> {
            assertThat(h.spec().fqdn()).contains("192.0.2.10");
            assertThat(h.spec().resourcePath()).isEqualTo("/q/health/deep");
            assertThat(h.spec().requestIntervalSeconds()).isEqualTo(10);
        });
        assertThat(backupCheck).hasSize(1);
        assertThat(aws.healthChecks().findByOwner("cloud/auth-edge")).as("an edge without dns has no health check").isEmpty();

        DnsRecord primary = record("auth-primary").orElseThrow();
        DnsRecord backup = record("auth-backup").orElseThrow();
        assertThat(primary.failover()).contains(Failover.PRIMARY);
        assertThat(primary.type()).isEqualTo("A");
        assertThat(primary.values()).containsExactly("192.0.2.10");
        assertThat(primary.healthCheckId()).contains(primaryCheck.get(0).id());
        assertThat(backup.failover()).contains(Failover.SECONDARY);
        assertThat(backup.healthCheckId()).contains(backupCheck.get(0).id());

        // a hand change of the primary record is put back on the next poll and reported
        aws.clients().route53().changeResourceRecordSets(c -> c.hostedZoneId(zoneId).changeBatch(b -> b.changes(ch -> ch
                .action(ChangeAction.UPSERT).resourceRecordSet(r -> r.name(RECORD).type(RRType.A).setIdentifier("auth-primary")
                        .failover("PRIMARY").ttl(60L).healthCheckId(primaryCheck.get(0).id())
                        .resourceRecords(v -> v.value("198.51.100.66"))))));
        await().atMost(CONVERGE).until(() -> record("auth-primary").map(r -> r.values().equals(List.of("192.0.2.10"))).orElse(false));
        AuthDeployment corrected = awaitDeployment(ns, "auth-primary",
                d -> d.getStatus().getDrift() != null && d.getStatus().getDrift().getLastObject().startsWith("Route53Record"));
        assertThat(corrected.getStatus().getDrift().getCorrections()).isGreaterThanOrEqualTo(1L);

        // so is a hand change of its health check
        aws.clients().route53().updateHealthCheck(u -> u.healthCheckId(primaryCheck.get(0).id()).failureThreshold(7));
        await().atMost(CONVERGE).until(() -> aws.healthChecks().findByOwner("cloud/auth-primary").get(0).spec().failureThreshold() == 3);
        AuthDeployment checkCorrected = awaitDeployment(ns, "auth-primary",
                d -> d.getStatus().getDrift().getLastObject().startsWith("Route53HealthCheck"));
        assertThat(checkCorrected.getStatus().getDrift().getLastField()).isEqualTo("failureThreshold");

        // deleting the backup (deletion policy Retain) removes its record and health check, keeps its replica
        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-backup").delete();
        await().atMost(CONVERGE).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-backup").get() == null);
        assertThat(record("auth-backup")).isEmpty();
        assertThat(aws.healthChecks().findByOwner("cloud/auth-backup")).isEmpty();
        assertThat(record("auth-primary")).isPresent();
        for (TableSpec table : tables) {
            assertThat(aws.globalTables().describe("us-east-1", table.name()).orElseThrow().replicas()).containsKey("us-west-2");
        }
    }

    @Test
    void deniedAwsPermissionShowsInTheConditionWithTheIamAction() {
        String ns = "cloud-denied";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().getStorage().setTablePrefix("denied");
        client.resource(blueprint).create();
        LocalCloudResource.cloud().faults("us-east-1").denyAccess("CreateTable");
        try {
            client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();

            AuthDeployment denied = awaitDeployment(ns, "auth-primary", d -> Conditions.find(d.getStatus().getConditions(),
                    ConditionTypes.TABLE_REPLICA_READY).map(c -> "AccessDenied".equals(c.getReason())).orElse(false));

            var condition = Conditions.find(denied.getStatus().getConditions(), ConditionTypes.TABLE_REPLICA_READY).orElseThrow();
            assertThat(condition.getStatus()).isEqualTo("False");
            assertThat(condition.getMessage()).contains("dynamodb:CreateTable");
            assertThat(denied.getStatus().getPhase()).isNotEqualTo(Phase.Ready);
        } finally {
            LocalCloudResource.cloud().faults("us-east-1").allowAccess("CreateTable");
        }
        awaitDeployment(ns, "auth-primary", d -> d.getStatus().getPhase() == Phase.Ready);
    }

    @Test
    void deletionPolicyDeleteRemovesTheReplicaNobodyElseReads() {
        String ns = "cloud-delete";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().getStorage().setTablePrefix("deleting");
        blueprint.getSpec().getStorage().setDeletionPolicy(dev.fivenines.api.v1alpha1.DeletionPolicy.Delete);
        client.resource(blueprint).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();
        AuthDeployment backup = Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2");
        client.resource(backup).create();
        awaitDeployment(ns, "auth-primary", d -> d.getStatus().getPhase() == Phase.Ready);
        awaitDeployment(ns, "auth-backup", d -> d.getStatus().getPhase() == Phase.Ready);
        List<TableSpec> tables = definitions.specs("deleting", ns + "/auth");
        assertThat(aws.globalTables().describe("us-east-1", tables.get(0).name()).orElseThrow().replicas()).containsKey("us-west-2");

        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-backup").delete();

        for (TableSpec table : tables) {
            await().atMost(CONVERGE).until(() -> !aws.globalTables().describe("us-east-1", table.name()).orElseThrow().replicas()
                    .containsKey("us-west-2"));
        }
        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").delete();
        await().atMost(CONVERGE).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").get() == null);
        for (TableSpec table : tables) {
            assertThat(aws.globalTables().describe("us-east-1", table.name())).as("the home region's table is never deleted").isPresent();
        }
    }

    @Test
    void existingTableIsAdoptedOnlyWhenTheBlueprintSaysSo() {
        String ns = "cloud-adopt";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        for (var request : dev.fivenines.tables.AuthTables.all("taken")) {
            aws.clients().dynamoDb("us-east-1").createTable(request);
        }
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().getStorage().setTablePrefix("taken");
        client.resource(blueprint).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();

        AuthDeployment conflict = awaitDeployment(ns, "auth-primary", d -> Conditions.find(d.getStatus().getConditions(),
                ConditionTypes.TABLE_REPLICA_READY).map(c -> "TableNotOwned".equals(c.getReason())).orElse(false));
        assertThat(Conditions.find(conflict.getStatus().getConditions(), ConditionTypes.TABLE_REPLICA_READY).orElseThrow().getMessage())
                .isEqualTo("table taken-auth already exists in us-east-1 and was not created by Fivenines for cloud-adopt/auth: "
                        + "set spec.storage.adoptExisting: true on the blueprint to adopt it, or choose another spec.storage.tablePrefix");

        // as a GitOps tool or kubectl apply writes it: a merge patch, no optimistic lock against the operator's status writes
        client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"storage\":{\"adoptExisting\":true}}}");

        awaitDeployment(ns, "auth-primary", d -> d.getStatus().getPhase() == Phase.Ready);
        assertThat(aws.globalTables().describe("us-east-1", "taken-auth").orElseThrow().isOwnedBy(ns + "/auth")).isTrue();
    }
}
