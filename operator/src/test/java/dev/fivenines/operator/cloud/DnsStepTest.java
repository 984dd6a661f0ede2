package dev.fivenines.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.AccessDenied;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.HealthCheck;
import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.RecordType;
import dev.fivenines.aws.Throttled;
import dev.fivenines.aws.memory.MemoryDnsRecords;
import dev.fivenines.aws.memory.MemoryHealthChecks;
import dev.fivenines.aws.memory.MemoryRoute53;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.drift.Drift;

/** The Route 53 side of a deployment on the in-memory Route 53. */
class DnsStepTest {

    private static final String OWNER = "team/auth-primary";
    private static final String RECORD = "auth.example.com.";

    private final MemoryRoute53 route53 = new MemoryRoute53();
    private final MemoryHealthChecks checks = route53.healthChecks();
    private final MemoryDnsRecords records = route53.dnsRecords();
    private final DnsStep step = new DnsStep(checks, records);
    private final AuthBlueprint blueprint = Fixtures.blueprint("team", "auth", "1.4.2");
    private String zone;

    @BeforeEach
    void zone() {
        zone = records.createHostedZone("example.com");
    }

    @Test
    void aHealthCheckOfTheDeepHealthEndpointAndAFailoverRecordPointingAtItAreCreated() {
        CloudPlan plan = plan();

        List<CloudOutcome> outcomes = step.ensure(plan, false, false);

        HealthCheck check = checks.findByOwner(OWNER).get(0);
        assertThat(check.spec()).isEqualTo(HealthCheckSpec.https("use1.lb.example.com", 443, "/q/health/deep", 30, 3));
        assertThat(outcomes).containsExactly(
                CloudOutcome.ready(ConditionTypes.HEALTH_CHECK_READY, "HealthCheckInPlace",
                        "health check " + check.id() + " calls https://use1.lb.example.com:443/q/health/deep every 30 s", List.of()),
                CloudOutcome.ready(ConditionTypes.DNS_RECORD_READY, "RecordInPlace",
                        "auth.example.com. CNAME PRIMARY -> use1.lb.example.com (auth-primary)", List.of()));
        DnsRecord record = record().orElseThrow();
        assertThat(record.healthCheckId()).contains(check.id());
        assertThat(record.failover()).contains(Failover.PRIMARY);
        assertThat(record.owner()).contains(OWNER);
    }

    @Test
    void aSecondPassWithNothingChangedChangesNothing() {
        CloudPlan plan = plan();
        List<CloudOutcome> first = step.ensure(plan, false, false);
        long batches = records.changeBatches();

        List<CloudOutcome> second = step.ensure(plan, true, true);

        assertThat(second).isEqualTo(first);
        assertThat(records.changeBatches()).isEqualTo(batches);
        assertThat(checks.findByOwner(OWNER)).hasSize(1);
    }

    @Test
    void aHealthCheckChangedByHandIsPutBackInPlaceAndReportedByField() {
        CloudPlan plan = plan();
        step.ensure(plan, false, false);
        String id = checks.findByOwner(OWNER).get(0).id();
        checks.changeByHand(id, HealthCheckSpec.https("use1.lb.example.com", 443, "/q/health/deep", 30, 7));

        List<CloudOutcome> outcomes = step.ensure(plan, true, true);

        assertThat(outcomes.get(0).ready()).isTrue();
        assertThat(outcomes.get(0).corrected()).containsExactly(new Drift("Route53HealthCheck", id, "failureThreshold", "3", "7"));
        assertThat(checks.findByOwner(OWNER)).singleElement().satisfies(check -> {
            assertThat(check.id()).isEqualTo(id);
            assertThat(check.spec().failureThreshold()).isEqualTo(3);
        });
    }

    @Test
    void aNewPathOfTheBlueprintUpdatesTheHealthCheckInPlaceWithoutCallingItDrift() {
        step.ensure(plan(), false, false);
        String id = checks.findByOwner(OWNER).get(0).id();
        blueprint.getSpec().getHealthCheck().setPath("/q/health/deeper");

        List<CloudOutcome> outcomes = step.ensure(plan(), false, false);

        assertThat(outcomes.get(0).corrected()).isEmpty();
        assertThat(checks.findByOwner(OWNER)).singleElement().satisfies(check -> {
            assertThat(check.id()).isEqualTo(id);
            assertThat(check.spec().resourcePath()).isEqualTo("/q/health/deeper");
        });
        assertThat(record().orElseThrow().healthCheckId()).contains(id);
    }

    @Test
    void aNewIntervalReplacesTheHealthCheckWithTheRecordRepointedBeforeTheOldOneIsDeleted() {
        step.ensure(plan(), false, false);
        String old = checks.findByOwner(OWNER).get(0).id();
        blueprint.getSpec().getHealthCheck().setIntervalSeconds(10);

        List<CloudOutcome> outcomes = step.ensure(plan(), false, false);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.ready()).isTrue());
        HealthCheck replacement = checks.findByOwner(OWNER).get(0);
        assertThat(checks.findByOwner(OWNER)).hasSize(1);
        assertThat(replacement.id()).isNotEqualTo(old);
        assertThat(replacement.spec().requestIntervalSeconds()).isEqualTo(10);
        assertThat(record().orElseThrow().healthCheckId()).contains(replacement.id());
        assertThat(checks.spec(old)).isEmpty();
        assertThat(checks.deletedWhileInUse()).as("the record never pointed at a deleted health check").isEmpty();
    }

    @Test
    void aHealthCheckOfAnotherProtocolIsReplacedToo() {
        String plain = checks.create(OWNER, new HealthCheckSpec(HealthCheckProtocol.HTTP, Optional.of("use1.lb.example.com"),
                Optional.empty(), 80, "/q/health/deep", 30, 3)).id();

        List<CloudOutcome> outcomes = step.ensure(plan(), false, false);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.ready()).isTrue());
        assertThat(checks.findByOwner(OWNER)).singleElement()
                .satisfies(check -> assertThat(check.spec().protocol()).isEqualTo(HealthCheckProtocol.HTTPS));
        assertThat(checks.spec(plain)).isEmpty();
        assertThat(record().orElseThrow().healthCheckId()).contains(checks.findByOwner(OWNER).get(0).id());
    }

    @Test
    void aRecordChangedByHandIsPutBackAndReported() {
        CloudPlan plan = plan();
        step.ensure(plan, false, false);
        String check = checks.findByOwner(OWNER).get(0).id();
        records.changeByHand(zone, FailoverRecord.of(RECORD, RecordType.CNAME, "auth-primary", Failover.PRIMARY, Optional.of(check),
                60, List.of("elsewhere.example.net")));

        CloudOutcome outcome = step.ensure(plan, true, true).get(1);

        assertThat(outcome.ready()).isTrue();
        assertThat(outcome.corrected()).containsExactly(new Drift("Route53Record", RECORD + " auth-primary", "values",
                "PRIMARY use1.lb.example.com health check " + check, "PRIMARY elsewhere.example.net health check " + check));
        assertThat(record().orElseThrow().values()).containsExactly("use1.lb.example.com");
    }

    @Test
    void aRecordDeletedByHandIsCreatedAgainAndReported() {
        CloudPlan plan = plan();
        step.ensure(plan, false, false);
        records.deleteByHand(zone, RECORD, "auth-primary");

        CloudOutcome outcome = step.ensure(plan, true, true).get(1);

        assertThat(outcome.corrected()).containsExactly(Drift.missing("Route53Record", RECORD + " auth-primary"));
        assertThat(record()).isPresent();
    }

    @Test
    void aRecordFiveninesDidNotCreateIsLeftAloneAndTheConditionSaysWhy() {
        FailoverRecord theirs = FailoverRecord.of(RECORD, RecordType.A, "auth-primary", Failover.PRIMARY, Optional.empty(), 300,
                List.of("198.51.100.7"));
        records.createByHand(zone, theirs);

        List<CloudOutcome> outcomes = step.ensure(plan(), false, false);

        assertThat(outcomes.get(0).ready()).as("the health check is the deployment's own").isTrue();
        CloudOutcome recordOutcome = outcomes.get(1);
        assertThat(recordOutcome.condition()).isEqualTo(ConditionTypes.DNS_RECORD_READY);
        assertThat(recordOutcome.ready()).isFalse();
        assertThat(recordOutcome.settling()).isFalse();
        assertThat(recordOutcome.reason()).isEqualTo("NotOwned");
        assertThat(recordOutcome.message()).startsWith("record auth.example.com.: ").contains("that Fivenines did not create");
        assertThat(record()).hasValueSatisfying(record -> {
            assertThat(record.values()).containsExactly("198.51.100.7");
            assertThat(record.owner()).isEmpty();
        });
    }

    @Test
    void aRecordWaitingForAThrottledHealthCheckSettlesWithItRatherThanFailing() {
        DnsStep throttled = new DnsStep(new RefusingHealthChecks(new Throttled("Rate exceeded", "route53:ListHealthChecks", null)), records);

        List<CloudOutcome> outcomes = throttled.ensure(plan(), false, false);

        assertThat(outcomes).extracting(CloudOutcome::condition, CloudOutcome::reason, CloudOutcome::settling).containsExactly(
                tuple(ConditionTypes.HEALTH_CHECK_READY, "Throttled", true),
                tuple(ConditionTypes.DNS_RECORD_READY, "HealthCheckNotReady", true));
    }

    @Test
    void aRecordWaitingForARefusedHealthCheckFailsWithIt() {
        DnsStep denied = new DnsStep(new RefusingHealthChecks(new AccessDenied("not allowed", "route53:ListHealthChecks", null)), records);

        List<CloudOutcome> outcomes = denied.ensure(plan(), false, false);

        assertThat(outcomes).extracting(CloudOutcome::condition, CloudOutcome::reason, CloudOutcome::settling).containsExactly(
                tuple(ConditionTypes.HEALTH_CHECK_READY, "AccessDenied", false),
                tuple(ConditionTypes.DNS_RECORD_READY, "HealthCheckNotReady", false));
    }

    /** Route 53 health checks that refuse every call with the same error. */
    private record RefusingHealthChecks(RuntimeException error) implements HealthChecks {
        @Override
        public List<HealthCheck> findByOwner(String owner) {
            throw error;
        }

        @Override
        public HealthCheck create(String owner, HealthCheckSpec spec) {
            throw error;
        }

        @Override
        public HealthCheck update(String owner, String id, HealthCheckSpec spec) {
            throw error;
        }

        @Override
        public boolean delete(String owner, String id) {
            throw error;
        }

        @Override
        public dev.fivenines.aws.HealthCheckStatus status(String id) {
            throw error;
        }
    }

    @Test
    void aDeploymentWithoutDnsHasNoHealthCheckAndNoRecord() {
        CloudPlan plan = CloudPlan.of(blueprint, Fixtures.deployment("team", "auth-primary", "auth", Variant.Primary, "us-east-1"),
                new RuntimeTableDefinitions());

        assertThat(step.ensure(plan, false, false)).isEmpty();
        assertThat(checks.findByOwner(OWNER)).isEmpty();
    }

    @Test
    void removingTheDeploymentDeletesItsRecordThenItsHealthChecks() {
        CloudPlan plan = plan();
        step.ensure(plan, false, false);

        step.remove(plan);

        assertThat(record()).isEmpty();
        assertThat(checks.findByOwner(OWNER)).isEmpty();
        assertThat(checks.deletedWhileInUse()).isEmpty();
    }

    private CloudPlan plan() {
        AuthDeployment primary = Fixtures.deployment("team", "auth-primary", "auth", Variant.Primary, "us-east-1");
        DnsSpec dns = new DnsSpec();
        dns.setZoneId(zone);
        dns.setRecordName("auth.example.com");
        dns.setTarget("use1.lb.example.com");
        primary.getSpec().setDns(dns);
        return CloudPlan.of(blueprint, primary, new RuntimeTableDefinitions());
    }

    private Optional<DnsRecord> record() {
        return records.list(zone, RECORD).stream().filter(r -> r.setIdentifier().equals(Optional.of("auth-primary"))).findFirst();
    }
}
