package dev.fivenines.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.ExposureType;
import dev.fivenines.api.v1alpha1.GatewaySpec;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.HealthCheckProtocol;
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
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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

    /** Blueprint auth of {@code ns} with {@code exposure}, and its Primary {@code deployment} with a record but no target. */
    private void createExposedPrimaryWithoutTarget(String ns, String deployment, String recordName, ExposureSpec exposure) {
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().setExposure(exposure);
        client.resource(blueprint).create();
        AuthDeployment primary = Fixtures.deployment(ns, deployment, "auth", Variant.Primary, "us-east-1");
        DnsSpec dns = new DnsSpec();
        dns.setZoneId(zoneId);
        dns.setRecordName(recordName);
        primary.getSpec().setDns(dns);
        client.resource(primary).create();
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
        // the backup names only its target: zone and record name come from the primary it names in spec.backupOf
        AuthDeployment backupOnly = Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2");
        DnsSpec targetOnly = new DnsSpec();
        targetOnly.setTarget("192.0.2.20");
        backupOnly.getSpec().setDns(targetOnly);
        client.resource(backupOnly).create();
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
            assertThat(h.spec().ipAddress()).as("an IP target is checked as an IP address").contains("192.0.2.10");
            assertThat(h.spec().fqdn()).isEmpty();
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

        // deleting the backup (spec.dns.deletionPolicy Retain, the default; storage deletion policy Retain) leaves its
        // record and health check serving, and its replica
        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-backup").delete();
        await().atMost(CONVERGE).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-backup").get() == null);
        assertThat(record("auth-backup")).isPresent();
        assertThat(aws.healthChecks().findByOwner("cloud/auth-backup")).hasSize(1);
        for (TableSpec table : tables) {
            assertThat(aws.globalTables().describe("us-east-1", table.name()).orElseThrow().replicas()).containsKey("us-west-2");
        }
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("DnsRetained");
            assertThat(e.getMessage()).startsWith("Route 53 record " + RECORD + " (SECONDARY, set identifier auth-backup)");
        });

        // what the local cloud's checkers see of the primary (192.0.2.10 is not on this machine, so never probed): unhealthy, and with
        // its secondary unhealthy too Route 53 still answers with the primary
        AuthDeployment seen = awaitDeployment(ns, "auth-primary", d -> d.getStatus().getServing() != null
                && Boolean.FALSE.equals(d.getStatus().getServing().getHealthy()));
        assertThat(seen.getStatus().getServing().getHealthCheckId()).isEqualTo(primaryCheck.get(0).id());
        assertThat(seen.getStatus().getServing().getHealthyCheckers()).isEqualTo("0/8");
        assertThat(seen.getStatus().getServing().getLastFailure()).isEqualTo("Failure: The endpoint is not on this machine and is not probed by the local cloud.");
        assertThat(Conditions.find(seen.getStatus().getConditions(), ConditionTypes.HEALTHY).orElseThrow().getReason())
                .isEqualTo("EndpointUnhealthy");

        // with spec.dns.deletionPolicy Delete the primary's record would go, but not while its SECONDARY (the backup's
        // retained record) is unhealthy: the deletion waits and says so; once that record is gone it goes ahead
        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"dns\":{\"deletionPolicy\":\"Delete\"}}}");
        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").delete();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("DeletionWaiting");
            assertThat(e.getMessage()).contains("its SECONDARY auth-backup is not healthy");
        }));
        assertThat(client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").get()).isNotNull();
        assertThat(record("auth-primary")).isPresent();

        aws.dnsRecords().delete(zoneId, "cloud/auth-backup", RECORD, "auth-backup");
        await().atMost(CONVERGE.plusSeconds(60)).until(() -> client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").get() == null);
        assertThat(record("auth-primary")).isEmpty();
        assertThat(aws.healthChecks().findByOwner("cloud/auth-primary")).isEmpty();
    }

    @Test
    void aLoadBalancedDeploymentWithoutATargetGetsAnAliasToTheLoadBalancerItsServiceReports() {
        String ns = "exposed";
        String name = "lb.fivenines.test.";
        String host = "k8s-exposed-authlb-0a1b2c3d4e-0123456789abcdef.elb.us-east-1.amazonaws.com";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        ExposureSpec exposure = new ExposureSpec();
        exposure.setType(ExposureType.LoadBalancer);
        createExposedPrimaryWithoutTarget(ns, "auth-lb", name, exposure);

        // until the load balancer controller reports the load balancer, the deployment says what it waits for
        AuthDeployment waiting = awaitDeployment(ns, "auth-lb", d -> Conditions.find(d.getStatus().getConditions(),
                ConditionTypes.DNS_RECORD_READY).map(c -> "LoadBalancerPending".equals(c.getReason())).orElse(false));
        assertThat(Conditions.find(waiting.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).orElseThrow().getMessage())
                .contains("Service auth-lb", "AWS Load Balancer Controller");
        Service service = client.services().inNamespace(ns).withName("auth-lb").get();
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
        assertThat(aws.dnsRecords().list(zoneId, name)).isEmpty();

        // what the AWS Load Balancer Controller writes once the Network Load Balancer exists
        client.services().inNamespace(ns).withName("auth-lb").editStatus(s -> new ServiceBuilder(s).withNewStatus()
                .withNewLoadBalancer().addNewIngress().withHostname(host).endIngress().endLoadBalancer().endStatus().build());

        AuthDeployment ready = awaitDeployment(ns, "auth-lb", d -> Conditions.isTrue(d.getStatus().getConditions(),
                ConditionTypes.DNS_RECORD_READY));
        assertThat(Conditions.find(ready.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).orElseThrow().getMessage())
                .contains("alias " + host);
        DnsRecord record = aws.dnsRecords().list(zoneId, name).stream().filter(r -> r.setIdentifier().equals(Optional.of("auth-lb")))
                .findFirst().orElseThrow();
        assertThat(record.type()).isEqualTo("A");
        assertThat(record.failover()).contains(Failover.PRIMARY);
        assertThat(record.ttl()).isEmpty();
        assertThat(record.alias()).hasValueSatisfying(alias -> {
            assertThat(alias.hostedZoneId()).isEqualTo("Z26RNL4JYFTOTI");
            assertThat(alias.dnsName()).isEqualTo(host + ".");
            assertThat(alias.evaluateTargetHealth()).isTrue();
        });
        assertThat(aws.healthChecks().findByOwner(ns + "/auth-lb")).singleElement().satisfies(check -> {
            assertThat(record.healthCheckId()).contains(check.id());
            assertThat(check.spec().fqdn()).contains(host);
            assertThat(check.spec().protocol()).as("a load balancer without a certificate listens on HTTP").isEqualTo(HealthCheckProtocol.HTTP);
            assertThat(check.spec().port()).isEqualTo(80);
        });
    }

    @Test
    void aGatewayExposureMakesAnHttpRouteAndARecordToTheGatewaysAddressAndTheRouteGoesWithTheExposure() throws Exception {
        try (var crds = CloudResourcesOnLocalCloudTest.class.getResourceAsStream("/gateway-api/crds.yaml")) {
            for (var crd : client.load(crds).items()) {
                client.resource(crd).fieldManager("fivenines-tests").forceConflicts().serverSideApply();
            }
        }
        await().atMost(CONVERGE).until(() -> client.apiextensions().v1().customResourceDefinitions()
                .withName("gateways.gateway.networking.k8s.io").get().getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
        String ns = "gatewayed";
        String name = "gw.fivenines.test.";
        for (String namespace : List.of(ns, "infra")) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
        }
        var gateways = client.genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway");
        GenericKubernetesResource gateway = new GenericKubernetesResourceBuilder().withApiVersion("gateway.networking.k8s.io/v1")
                .withKind("Gateway").withNewMetadata().withName("public").withNamespace("infra").endMetadata()
                .addToAdditionalProperties("spec", Map.of("gatewayClassName", "amazon-vpc-lattice",
                        "listeners", List.of(Map.of("name", "https", "port", 443, "protocol", "HTTPS"))))
                .build();
        gateways.resource(gateway).create();

        ExposureSpec exposure = new ExposureSpec();
        exposure.setType(ExposureType.Gateway);
        GatewaySpec declared = new GatewaySpec();
        declared.setName("public");
        declared.setNamespace("infra");
        declared.setSectionName("https");
        declared.setHostnames(List.of("gw.fivenines.test"));
        exposure.setGateway(declared);
        createExposedPrimaryWithoutTarget(ns, "auth-gw", name, exposure);

        var routes = client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace(ns);
        GenericKubernetesResource route = await().atMost(CONVERGE).until(() -> routes.withName("auth-gw").get(), r -> r != null);
        assertThat(route.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("auth-gw"));
        assertThat((Object) route.get("spec", "parentRefs", 0, "name")).isEqualTo("public");
        assertThat((Object) route.get("spec", "parentRefs", 0, "namespace")).isEqualTo("infra");
        assertThat((Object) route.get("spec", "parentRefs", 0, "sectionName")).isEqualTo("https");
        assertThat((Object) route.get("spec", "hostnames", 0)).isEqualTo("gw.fivenines.test");
        assertThat((Object) route.get("spec", "rules", 0, "backendRefs", 0, "name")).isEqualTo("auth-gw");
        assertThat(((Number) route.get("spec", "rules", 0, "backendRefs", 0, "port")).intValue()).isEqualTo(80);
        Service service = await().atMost(CONVERGE).until(() -> client.services().inNamespace(ns).withName("auth-gw").get(), x -> x != null);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getMetadata().getAnnotations()).containsEntry("fivenines.dev/http-route", "auth-gw");
        awaitDeployment(ns, "auth-gw", d -> Conditions.find(d.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY)
                .map(c -> "GatewayAddressPending".equals(c.getReason())).orElse(false));

        // what the Gateway's controller writes once the Gateway has an address
        gateways.inNamespace("infra").withName("public").editStatus(g -> {
            g.setAdditionalProperty("status", Map.of("addresses", List.of(Map.of("type", "Hostname", "value", "public-gw.example.net"))));
            return g;
        });
        awaitDeployment(ns, "auth-gw", d -> Conditions.isTrue(d.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY));
        DnsRecord record = aws.dnsRecords().list(zoneId, name).stream().filter(r -> r.setIdentifier().equals(Optional.of("auth-gw")))
                .findFirst().orElseThrow();
        assertThat(record.type()).isEqualTo("CNAME");
        assertThat(record.values()).containsExactly("public-gw.example.net");
        assertThat(record.ttl()).contains(60L);
        assertThat(aws.healthChecks().findByOwner(ns + "/auth-gw")).singleElement().satisfies(check -> {
            assertThat(check.spec().fqdn()).contains("public-gw.example.net");
            assertThat(check.spec().protocol()).isEqualTo(HealthCheckProtocol.HTTPS);
            assertThat(check.spec().port()).isEqualTo(443);
        });

        // a route someone deletes is put back; one the exposure no longer asks for is removed
        routes.withName("auth-gw").delete();
        await().atMost(CONVERGE).until(() -> routes.withName("auth-gw").get() != null);
        client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"exposure\":null}}");
        await().atMost(CONVERGE.multipliedBy(2)).until(() -> routes.withName("auth-gw").get() == null);
    }

    @Test
    void aBackupWhoseRecordDiffersFromItsPrimarysOrWhosePrimaryIsMissingIsAConditionNamingBoth() {
        String ns = "cloud-pairing";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().getStorage().setTablePrefix("pairing");
        client.resource(blueprint).create();
        AuthDeployment primary = withDns(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1"), "192.0.2.30");
        primary.getSpec().getDns().setRecordName("pairing.fivenines.test");
        client.resource(primary).create();
        AuthDeployment mismatched = withDns(Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2"), "192.0.2.31");
        mismatched.getSpec().getDns().setRecordName("other.fivenines.test");
        client.resource(mismatched).create();
        AuthDeployment orphan = Fixtures.deployment(ns, "auth-orphan-backup", "auth", Variant.Backup, "us-west-2");
        orphan.getSpec().setBackupOf("auth-gone");
        DnsSpec targetOnly = new DnsSpec();
        targetOnly.setTarget("192.0.2.32");
        orphan.getSpec().setDns(targetOnly);
        client.resource(orphan).create();

        AuthDeployment backup = awaitDeployment(ns, "auth-backup",
                d -> Conditions.find(d.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).isPresent());
        var condition = Conditions.find(backup.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).orElseThrow();
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("PrimaryMismatch");
        assertThat(condition.getMessage()).contains("auth-backup", "other.fivenines.test", "auth-primary", "pairing.fivenines.test");
        AuthDeployment lost = awaitDeployment(ns, "auth-orphan-backup",
                d -> Conditions.find(d.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).isPresent()
                        && Conditions.isTrue(d.getStatus().getConditions(), ConditionTypes.TABLE_REPLICA_READY));
        var missing = Conditions.find(lost.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).orElseThrow();
        assertThat(missing.getReason()).isEqualTo("PrimaryNotFound");
        assertThat(missing.getMessage()).contains("auth-orphan-backup", "auth-gone", ns);

        assertThat(aws.healthChecks().findByOwner(ns + "/auth-backup")).as("nothing is created for a backup that cannot pair").isEmpty();
        assertThat(aws.healthChecks().findByOwner(ns + "/auth-orphan-backup")).isEmpty();
        assertThat(aws.dnsRecords().list(zoneId, "other.fivenines.test.")).isEmpty();
    }

    @Test
    void aRecordMadeOutsideFivenineIsAdoptedOnlyWhenTheDeploymentAsksWithoutTheNameGoingUnanswered() {
        String ns = "cloud-adopt-record";
        String name = "adopt.fivenines.test.";
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        AuthBlueprint blueprint = Fixtures.blueprint(ns, "auth", "1.4.2");
        blueprint.getSpec().getStorage().setTablePrefix("adoptrecord");
        client.resource(blueprint).create();
        // what another tool made: a PRIMARY under its own set identifier, with its own health check
        String theirCheck = aws.clients().route53().createHealthCheck(h -> h.callerReference("terraform-" + ns).healthCheckConfig(c -> c
                .type(software.amazon.awssdk.services.route53.model.HealthCheckType.HTTPS).fullyQualifiedDomainName("old.lb.example.com")
                .port(443).resourcePath("/health").requestInterval(30).failureThreshold(3))).healthCheck().id();
        aws.clients().route53().changeResourceRecordSets(c -> c.hostedZoneId(zoneId).changeBatch(b -> b.changes(ch -> ch
                .action(ChangeAction.CREATE).resourceRecordSet(r -> r.name(name).type(RRType.A).setIdentifier("primary")
                        .failover("PRIMARY").ttl(300L).healthCheckId(theirCheck).resourceRecords(v -> v.value("198.51.100.9"))))));

        AuthDeployment primary = withDns(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1"), "192.0.2.40");
        primary.getSpec().getDns().setRecordName(name);
        client.resource(primary).create();
        AuthDeployment refused = awaitDeployment(ns, "auth-primary", d -> Conditions.find(d.getStatus().getConditions(),
                ConditionTypes.DNS_RECORD_READY).map(c -> "False".equals(c.getStatus())).orElse(false));
        assertThat(Conditions.find(refused.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY).orElseThrow().getMessage())
                .as("without the request the record is refused").contains("already has a PRIMARY", "primary");
        assertThat(aws.dnsRecords().list(zoneId, name)).extracting(r -> r.setIdentifier().orElseThrow()).containsExactly("primary");

        client.resources(AuthDeployment.class).inNamespace(ns).withName("auth-primary").edit(d -> {
            d.getSpec().getDns().setAdoptExisting(true);
            return d;
        });
        awaitDeployment(ns, "auth-primary", d -> Conditions.isTrue(d.getStatus().getConditions(), ConditionTypes.DNS_RECORD_READY));
        List<DnsRecord> now = aws.dnsRecords().list(zoneId, name);
        assertThat(now).extracting(r -> r.setIdentifier().orElseThrow()).containsExactly("auth-primary");
        assertThat(now.get(0).owner()).contains(ns + "/auth-primary");
        assertThat(now.get(0).values()).containsExactly("192.0.2.40");
        assertThat(now.get(0).healthCheckId()).contains(aws.healthChecks().findByOwner(ns + "/auth-primary").get(0).id());
        assertThat(aws.clients().route53().getHealthCheck(h -> h.healthCheckId(theirCheck)).healthCheck().id())
                .as("the old health check is left untouched").isEqualTo(theirCheck);
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("RecordAdopted");
            assertThat(e.getMessage()).contains("198.51.100.9", "primary", theirCheck);
        }));
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
