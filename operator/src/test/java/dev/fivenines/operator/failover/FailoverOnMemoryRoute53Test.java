package dev.fivenines.operator.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.ServingRole;
import dev.fivenines.api.v1alpha1.ServingStatus;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.memory.MemoryHealthChecks;
import dev.fivenines.aws.memory.MemoryRoute53;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.cloud.CloudPlan;
import dev.fivenines.operator.cloud.DnsStep;
import dev.fivenines.operator.cloud.RuntimeTableDefinitions;
import dev.fivenines.operator.status.Conditions;

/**
 * A primary and its backup on the in-memory Route 53 (whose checkers see what a test says): each one's role and
 * whom Route 53 answers with, by the failover rules; an evacuation refused while the backup is unhealthy, in effect
 * once it is healthy, and undone when cleared; the Events of each change.
 */
class FailoverOnMemoryRoute53Test {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final MemoryRoute53 route53 = new MemoryRoute53();
    private final MemoryHealthChecks checks = route53.healthChecks();
    private final DnsStep dns = new DnsStep(checks, route53.dnsRecords());
    private final FailoverReader reader = new FailoverReader(checks, route53.dnsRecords());
    private final AuthBlueprint blueprint = Fixtures.blueprint("team", "auth", "1.4.2");
    private String zone;
    private CloudPlan primary;
    private CloudPlan backup;

    @BeforeEach
    void aPrimaryAndItsBackup() {
        zone = route53.dnsRecords().createHostedZone("example.com");
        primary = plan("auth-use1", Variant.Primary, "use1.lb.example.com");
        backup = plan("auth-usw2", Variant.Backup, "usw2.lb.example.com");
        dns.ensure(primary, false, false);
        dns.ensure(backup, false, false);
    }

    private CloudPlan plan(String name, Variant variant, String target) {
        AuthDeployment deployment = Fixtures.deployment("team", name, "auth", variant, variant == Variant.Primary ? "us-east-1" : "us-west-2");
        DnsSpec spec = new DnsSpec();
        spec.setZoneId(zone);
        spec.setRecordName("auth.example.com");
        spec.setTarget(target);
        deployment.getSpec().setDns(spec);
        if (variant == Variant.Backup) {
            deployment.getSpec().setBackupOf("auth-use1");
        }
        return CloudPlan.of(blueprint, deployment, new RuntimeTableDefinitions());
    }

    private String checkOf(CloudPlan plan) {
        return checks.findByOwner(plan.owner()).get(0).id();
    }

    /** One pass as the reconciler makes it: read, decide, apply, report. */
    private AuthDeploymentStatus pass(CloudPlan plan, boolean evacuate) {
        Optional<FailoverView> view = reader.read(plan);
        Evacuation evacuation = Evacuation.decide(evacuate, view);
        dns.ensure(plan.withHealthCheckInverted(evacuation.invert()), false, false);
        AuthDeploymentStatus status = new AuthDeploymentStatus();
        ServingStatuses.apply(status, view, evacuate, evacuation, 1, NOW);
        return status;
    }

    private static String condition(AuthDeploymentStatus status, String type) {
        return Conditions.find(status.getConditions(), type).map(c -> c.getStatus() + " " + c.getReason() + ": " + c.getMessage()).orElse("none");
    }

    @Test
    void bothHealthyThePrimaryIsActiveAndTheBackupStandsBy() {
        AuthDeploymentStatus p = pass(primary, false);
        AuthDeploymentStatus b = pass(backup, false);

        assertThat(p.getServing().getRole()).isEqualTo(ServingRole.Active);
        assertThat(p.getServing().getAnsweredBy()).isEqualTo("auth-use1");
        assertThat(p.getServing().getFailover()).isEqualTo("PRIMARY");
        assertThat(p.getServing().getHealthCheckId()).isEqualTo(checkOf(primary));
        assertThat(p.getServing().getHealthyCheckers()).isEqualTo("8/8");
        assertThat(p.getServing().getHealthy()).isTrue();
        assertThat(condition(p, ConditionTypes.HEALTHY)).isEqualTo(
                "True EndpointHealthy: 8 of 8 Route 53 checkers see the endpoint healthy; Route 53 answers auth.example.com with auth-use1");
        assertThat(b.getServing().getRole()).isEqualTo(ServingRole.Standby);
        assertThat(b.getServing().getAnsweredBy()).isEqualTo("auth-use1");
        CloudPlan ip = plan("auth-ip", Variant.Backup, "10.0.0.7");
        assertThat(ip.healthCheck().orElseThrow().ipAddress()).as("an IP target is checked as an IP").contains("10.0.0.7");
        assertThat(ip.healthCheck().orElseThrow().fqdn()).isEmpty();
    }

    @Test
    void anUnhealthyPrimaryFailsOverToAHealthyBackupAndBackWhenItRecovers() {
        ServingStatus before = pass(primary, false).getServing();
        checks.setEndpointHealthy(checkOf(primary), false);

        AuthDeploymentStatus p = pass(primary, false);
        AuthDeploymentStatus b = pass(backup, false);

        assertThat(p.getServing().getRole()).isEqualTo(ServingRole.FailedOver);
        assertThat(p.getServing().getAnsweredBy()).isEqualTo("auth-usw2");
        assertThat(p.getServing().getLastFailure()).isEqualTo("Failure: HTTP Status Code 503, Service Unavailable");
        assertThat(condition(p, ConditionTypes.HEALTHY)).startsWith("False EndpointUnhealthy: 0 of 8 Route 53 checkers see the endpoint healthy; "
                + "last failure: Failure: HTTP Status Code 503, Service Unavailable");
        assertThat(b.getServing().getRole()).isEqualTo(ServingRole.Active);
        assertThat(ServingTransitions.between(before, p.getServing())).extracting(ServingTransitions.Transition::reason)
                .containsExactly("FailedOver");

        checks.setEndpointHealthy(checkOf(primary), true);
        AuthDeploymentStatus back = pass(primary, false);
        assertThat(back.getServing().getRole()).isEqualTo(ServingRole.Active);
        assertThat(ServingTransitions.between(p.getServing(), back.getServing())).extracting(ServingTransitions.Transition::reason)
                .containsExactly("FailedBack");
    }

    @Test
    void withBothUnhealthyRoute53AnswersWithThePrimary() {
        checks.setEndpointHealthy(checkOf(primary), false);
        checks.setEndpointHealthy(checkOf(backup), false);

        assertThat(pass(primary, false).getServing().getRole()).isEqualTo(ServingRole.Active);
        assertThat(pass(backup, false).getServing().getRole()).isEqualTo(ServingRole.Standby);
    }

    @Test
    void anEvacuationIsRefusedWhileTheBackupIsUnhealthyAndInvertsTheHealthCheckOnceItIsHealthy() {
        checks.setEndpointHealthy(checkOf(backup), false);

        AuthDeploymentStatus refused = pass(primary, true);

        assertThat(checks.findByOwner(primary.owner()).get(0).spec().inverted()).isFalse();
        assertThat(refused.getServing().getRole()).isEqualTo(ServingRole.Active);
        assertThat(condition(refused, ConditionTypes.EVACUATED)).isEqualTo("False EvacuationRefused: refused: auth-usw2, the other record of "
                + "auth.example.com, is not healthy (0 of 8 Route 53 checkers see it healthy; Failure: HTTP Status Code 503, Service Unavailable); "
                + "traffic stays here");

        checks.setEndpointHealthy(checkOf(backup), true);
        AuthDeploymentStatus evacuated = pass(primary, true);

        assertThat(checks.findByOwner(primary.owner()).get(0).spec().inverted()).isTrue();
        assertThat(evacuated.getServing().getRole()).isEqualTo(ServingRole.Evacuated);
        assertThat(evacuated.getServing().getAnsweredBy()).isEqualTo("auth-usw2");
        assertThat(condition(evacuated, ConditionTypes.EVACUATED)).startsWith("True EvacuationInEffect: health check inverted: "
                + "Route 53 routes auth.example.com to auth-usw2");
        assertThat(condition(evacuated, ConditionTypes.HEALTHY)).as("the endpoint itself is fine").startsWith("True EndpointHealthy");
        assertThat(pass(backup, false).getServing().getRole()).isEqualTo(ServingRole.Active);
        assertThat(ServingTransitions.between(refused.getServing(), evacuated.getServing())).extracting(ServingTransitions.Transition::reason)
                .containsExactly("Evacuated");

        AuthDeploymentStatus cleared = pass(primary, false);
        assertThat(checks.findByOwner(primary.owner()).get(0).spec().inverted()).isFalse();
        assertThat(Conditions.find(cleared.getConditions(), ConditionTypes.EVACUATED)).isEmpty();
        AuthDeploymentStatus after = pass(primary, false);
        assertThat(after.getServing().getRole()).isEqualTo(ServingRole.Active);
    }

    @Test
    void aPrimaryWithoutABackupCannotBeEvacuated() {
        CloudPlan alone = plan("auth-euw1", Variant.Primary, "euw1.lb.example.com");
        AuthDeployment other = Fixtures.deployment("team", "auth-euw1", "auth", Variant.Primary, "eu-west-1");
        DnsSpec spec = new DnsSpec();
        spec.setZoneId(zone);
        spec.setRecordName("eu.auth.example.com");
        spec.setTarget("euw1.lb.example.com");
        other.getSpec().setDns(spec);
        alone = CloudPlan.of(blueprint, other, new RuntimeTableDefinitions());
        dns.ensure(alone, false, false);

        AuthDeploymentStatus status = pass(alone, true);

        assertThat(checks.findByOwner(alone.owner()).get(0).spec().inverted()).isFalse();
        assertThat(condition(status, ConditionTypes.EVACUATED))
                .isEqualTo("False EvacuationRefused: refused: eu.auth.example.com has no other failover record to take the traffic");
        assertThat(status.getServing().getRole()).isEqualTo(ServingRole.Active);
    }

    @Test
    void deletingKeepsTheRecordByDefaultAndDeletesAPrimaryOnlyWhileItsSecondaryIsHealthy() {
        AuthDeployment deployment = Fixtures.deployment("team", "auth-use1", "auth", Variant.Primary, "us-east-1");
        DnsSpec spec = new DnsSpec();
        spec.setZoneId(zone);
        spec.setRecordName("auth.example.com");
        spec.setTarget("use1.lb.example.com");
        deployment.getSpec().setDns(spec);

        DnsRemoval retained = DnsRemoval.decide(deployment, primary, reader.read(primary));
        assertThat(retained.remove()).isFalse();
        assertThat(retained.retained()).contains("Route 53 record auth.example.com (PRIMARY, set identifier auth-use1) and health check "
                + checkOf(primary) + " are retained and keep serving (spec.dns.deletionPolicy Retain); delete them in Route 53 when the "
                + "region is truly gone, or set spec.dns.deletionPolicy to Delete before deleting");

        spec.setDeletionPolicy(dev.fivenines.api.v1alpha1.DeletionPolicy.Delete);
        checks.setEndpointHealthy(checkOf(backup), false);
        DnsRemoval waiting = DnsRemoval.decide(deployment, primary, reader.read(primary));
        assertThat(waiting.remove()).isFalse();
        assertThat(waiting.waiting()).get().asString().contains("its SECONDARY auth-usw2 is not healthy");

        checks.setEndpointHealthy(checkOf(backup), true);
        assertThat(DnsRemoval.decide(deployment, primary, reader.read(primary)).remove()).isTrue();
    }

    @Test
    void theRulesFollowRoute53sDocumentation() {
        assertThat(FailoverRules.answered(Optional.of(true), Optional.of(false), true)).isEqualTo(Failover.PRIMARY);
        assertThat(FailoverRules.answered(Optional.of(false), Optional.of(true), true)).isEqualTo(Failover.SECONDARY);
        assertThat(FailoverRules.answered(Optional.of(false), Optional.of(false), true)).isEqualTo(Failover.PRIMARY);
        assertThat(FailoverRules.answered(Optional.of(false), Optional.empty(), true)).as("a secondary without a health check")
                .isEqualTo(Failover.SECONDARY);
        assertThat(FailoverRules.answered(Optional.empty(), Optional.of(true), true)).as("a primary without a health check")
                .isEqualTo(Failover.PRIMARY);
        assertThat(FailoverRules.answered(Optional.of(false), Optional.empty(), false)).as("no secondary").isEqualTo(Failover.PRIMARY);
        assertThat(List.of(ServingRole.values())).contains(ServingRole.Unknown);
    }
}
