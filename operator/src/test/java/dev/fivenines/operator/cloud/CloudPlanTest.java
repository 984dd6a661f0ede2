package dev.fivenines.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.Failover;
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
}
