package dev.fivenines.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.ExposureType;
import dev.fivenines.api.v1alpha1.HealthCheckScheme;
import dev.fivenines.api.v1alpha1.LoadBalancerSpec;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.AliasTarget;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.RecordType;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.operator.Fixtures;

class CloudPlanTest {

    private static final TableDefinitions ONE_TABLE = (prefix, owner) -> List.of(
            new TableSpec(prefix + "-auth", KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")), List.of(), owner, Map.of()));
    private static final AuthBlueprint BLUEPRINT = Fixtures.blueprint("team", "auth", "1.4.2");

    private static AuthDeployment withDns(AuthDeployment deployment, String target) {
        DnsSpec dns = new DnsSpec();
        dns.setZoneId("Z1");
        dns.setRecordName("auth.example.com");
        dns.setTarget(target);
        deployment.getSpec().setDns(dns);
        return deployment;
    }

    @Test
    void primaryGetsAPrimaryRecordAndAHealthCheckOfItsDeepHealthEndpoint() {
        CloudPlan plan = CloudPlan.of(BLUEPRINT, withDns(Fixtures.deployment("team", "auth-primary", "auth", Variant.Primary,
                "us-east-1"), "use1.lb.example.com"), ONE_TABLE);

        assertThat(plan.tableOwner()).isEqualTo("team/auth");
        assertThat(plan.owner()).isEqualTo("team/auth-primary");
        assertThat(plan.homeRegion()).isEqualTo("us-east-1");
        assertThat(plan.tables()).extracting(TableSpec::name).containsExactly("fivenines-auth");
        assertThat(plan.tables()).allSatisfy(t -> assertThat(t.owner()).isEqualTo("team/auth"));
        assertThat(plan.replicaRegions()).containsExactly("us-east-1");
        var check = plan.healthCheck().orElseThrow();
        assertThat(check.fqdn()).contains("use1.lb.example.com");
        assertThat(check.port()).isEqualTo(443);
        assertThat(check.resourcePath()).isEqualTo("/q/health/deep");
        assertThat(check.requestIntervalSeconds()).isEqualTo(30);
        assertThat(check.failureThreshold()).isEqualTo(3);
        var record = plan.record().orElseThrow().with(Optional.of("hc-1"));
        assertThat(record.failover()).isEqualTo(Failover.PRIMARY);
        assertThat(record.type()).isEqualTo(RecordType.CNAME);
        assertThat(record.setIdentifier()).isEqualTo("auth-primary");
        assertThat(record.healthCheckId()).contains("hc-1");
        assertThat(record.ttl()).contains(60L);
    }

    @Test
    void backupAnswersSecondaryForTheSameNameAndAnIpTargetIsAnARecord() {
        CloudPlan plan = CloudPlan.of(BLUEPRINT, withDns(Fixtures.deployment("team", "auth-backup", "auth", Variant.Backup,
                "us-west-2"), "192.0.2.20"), ONE_TABLE);

        var record = plan.record().orElseThrow();
        assertThat(record.failover()).isEqualTo(Failover.SECONDARY);
        assertThat(record.type()).isEqualTo(RecordType.A);
        assertThat(record.name()).isEqualTo("auth.example.com");
        assertThat(plan.replicaRegions()).containsExactly("us-west-2");
    }

    @Test
    void edgeNeedsReplicasAlongItsFailoverChainAndWithoutDnsHasNoRecord() {
        AuthDeployment edge = Fixtures.deployment("team", "auth-edge", "auth", Variant.Edge, "eu-west-1");
        edge.getSpec().setFailoverRegions(List.of("us-west-2", "us-east-1"));

        CloudPlan plan = CloudPlan.of(BLUEPRINT, edge, ONE_TABLE);

        assertThat(plan.replicaRegions()).containsExactly("eu-west-1", "us-west-2", "us-east-1");
        assertThat(plan.healthCheck()).isEmpty();
        assertThat(plan.record()).isEmpty();
    }

    @Test
    void dedicatedIsThePrimaryOfItsOwnName() {
        AuthDeployment dedicated = withDns(Fixtures.deployment("team", "auth-acme", "auth", Variant.Dedicated, "us-east-1"),
                "acme.lb.example.com");
        dedicated.getSpec().getDns().setRecordName("acme.auth.example.com");

        var record = CloudPlan.of(BLUEPRINT, dedicated, ONE_TABLE).record().orElseThrow();

        assertThat(record.failover()).isEqualTo(Failover.PRIMARY);
        assertThat(record.name()).isEqualTo("acme.auth.example.com");
    }

    private static AuthBlueprint loadBalanced(String certificateArn) {
        AuthBlueprint blueprint = Fixtures.blueprint("team", "auth", "1.4.2");
        ExposureSpec exposure = new ExposureSpec();
        exposure.setType(ExposureType.LoadBalancer);
        LoadBalancerSpec lb = new LoadBalancerSpec();
        lb.setCertificateArn(certificateArn);
        exposure.setLoadBalancer(lb);
        blueprint.getSpec().setExposure(exposure);
        return blueprint;
    }

    private static AuthDeployment primary(String region, String target) {
        return withDns(Fixtures.deployment("team", "auth-primary", "auth", Variant.Primary, region), target);
    }

    @Test
    void withoutATargetTheRecordIsAnAliasToTheLoadBalancerTheServiceReportsAndTheCheckCallsItOnHttp80() {
        String host = "k8s-team-authprim-0a1b2c3d4e-0123456789abcdef.elb.us-east-1.amazonaws.com";
        CloudPlan plan = CloudPlan.of(loadBalanced(null), primary("us-east-1", null), Optional.ofNullable(primary("us-east-1", null)
                .getSpec().getDns()), ONE_TABLE, Optional.of(host));

        assertThat(plan.targetProblem()).isEmpty();
        var record = plan.record().orElseThrow().with(Optional.of("hc-1"));
        assertThat(record.type()).isEqualTo(RecordType.A);
        assertThat(record.ttl()).as("an alias has no TTL of its own").isEmpty();
        assertThat(record.values()).isEmpty();
        assertThat(record.alias()).contains(new AliasTarget("Z26RNL4JYFTOTI", host, true));
        var check = plan.healthCheck().orElseThrow();
        assertThat(check.fqdn()).contains(host);
        assertThat(check.protocol()).isEqualTo(HealthCheckProtocol.HTTP);
        assertThat(check.port()).isEqualTo(80);
    }

    @Test
    void aLoadBalancerEndingTlsIsCheckedOnHttps443AndTheZoneFollowsTheHostNamesRegion() {
        String host = "auth-0123.elb.eu-west-1.amazonaws.com";
        AuthDeployment deployment = primary("eu-west-1", null);
        CloudPlan plan = CloudPlan.of(loadBalanced("arn:aws:acm:eu-west-1:123456789012:certificate/abc"), deployment,
                Optional.of(deployment.getSpec().getDns()), ONE_TABLE, Optional.of(host));

        assertThat(plan.record().orElseThrow().alias().orElseThrow().hostedZoneId()).isEqualTo("Z2IFOLAFXWLO4F");
        assertThat(plan.healthCheck().orElseThrow().protocol()).isEqualTo(HealthCheckProtocol.HTTPS);
        assertThat(plan.healthCheck().orElseThrow().port()).isEqualTo(443);
    }

    @Test
    void declaredProtocolPortZoneAndTtlWinOverWhatTheExposureImplies() {
        AuthBlueprint blueprint = loadBalanced(null);
        blueprint.getSpec().getHealthCheck().setProtocol(HealthCheckScheme.HTTPS);
        blueprint.getSpec().getHealthCheck().setPort(8443);
        blueprint.getSpec().getExposure().getLoadBalancer().setHostedZoneId("ZOWNZONE");
        AuthDeployment deployment = primary("us-east-1", null);
        CloudPlan alias = CloudPlan.of(blueprint, deployment, Optional.of(deployment.getSpec().getDns()), ONE_TABLE,
                Optional.of("lb.internal.example.com"));
        assertThat(alias.record().orElseThrow().alias().orElseThrow().hostedZoneId()).isEqualTo("ZOWNZONE");
        assertThat(alias.healthCheck().orElseThrow().protocol()).isEqualTo(HealthCheckProtocol.HTTPS);
        assertThat(alias.healthCheck().orElseThrow().port()).isEqualTo(8443);

        AuthDeployment byHand = primary("us-east-1", "use1.lb.example.com");
        byHand.getSpec().getDns().setTtlSeconds(20);
        assertThat(CloudPlan.of(BLUEPRINT, byHand, ONE_TABLE).record().orElseThrow().with(Optional.empty()).ttl()).contains(20L);
    }

    @Test
    void aLoadBalancerKnownByItsAddressGetsAPlainARecordCheckedAsAnIp() {
        AuthDeployment deployment = primary("us-east-1", null);
        CloudPlan plan = CloudPlan.of(loadBalanced(null), deployment, Optional.of(deployment.getSpec().getDns()), ONE_TABLE,
                Optional.of("192.0.2.44"));

        var record = plan.record().orElseThrow().with(Optional.empty());
        assertThat(record.alias()).isEmpty();
        assertThat(record.values()).containsExactly("192.0.2.44");
        assertThat(record.ttl()).contains(60L);
        assertThat(plan.healthCheck().orElseThrow().ipAddress()).contains("192.0.2.44");
    }

    @Test
    void aMissingTargetIsPendingWhileTheLoadBalancerComesAndAnErrorWithoutOne() {
        AuthDeployment deployment = primary("us-east-1", null);
        CloudPlan pending = CloudPlan.of(loadBalanced(null), deployment, Optional.of(deployment.getSpec().getDns()), ONE_TABLE,
                Optional.empty());
        assertThat(pending.targetProblem()).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("LoadBalancerPending");
            assertThat(p.settling()).isTrue();
            assertThat(p.message()).contains("auth-primary", "AWS Load Balancer Controller");
        });
        assertThat(pending.healthCheck()).isEmpty();
        assertThat(pending.record()).as("the record's slot is known, for reading and removal")
                .hasValueSatisfying(r -> assertThat(r.setIdentifier()).isEqualTo("auth-primary"));

        CloudPlan clusterIp = CloudPlan.of(BLUEPRINT, deployment, ONE_TABLE);
        assertThat(clusterIp.targetProblem()).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("NoTarget");
            assertThat(p.settling()).isFalse();
            assertThat(p.message()).contains("spec.dns.target", "spec.exposure.type");
        });

        CloudPlan unknownZone = CloudPlan.of(loadBalanced(null), deployment, Optional.of(deployment.getSpec().getDns()), ONE_TABLE,
                Optional.of("auth.elb.xx-nowhere-9.amazonaws.com"));
        assertThat(unknownZone.targetProblem()).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("LoadBalancerZoneUnknown");
            assertThat(p.message()).contains("spec.exposure.loadBalancer.hostedZoneId");
        });
    }
}
