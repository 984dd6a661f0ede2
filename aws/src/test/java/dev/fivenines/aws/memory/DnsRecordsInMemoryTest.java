package dev.fivenines.aws.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.DnsRecordsContract;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.InvalidRequest;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.RecordType;

/** The DNS-records contract on the in-memory fake, and the Route 53 rules the fake adds to it. */
class DnsRecordsInMemoryTest extends DnsRecordsContract {

    private MemoryRoute53 route53;

    @Override
    protected Fixture openFixture() {
        route53 = new MemoryRoute53();
        String zoneName = "fivenines-memory.test.";
        String zoneId = route53.dnsRecords().createHostedZone(zoneName);
        return new Fixture() {
            @Override
            public DnsRecords dnsRecords() {
                return route53.dnsRecords();
            }

            @Override
            public HealthChecks healthChecks() {
                return route53.healthChecks();
            }

            @Override
            public String hostedZoneId() {
                return zoneId;
            }

            @Override
            public String zoneName() {
                return zoneName;
            }

            @Override
            public void createRecordByHand(FailoverRecord record) {
                route53.dnsRecords().createByHand(zoneId, record);
            }

            @Override
            public void changeRecordByHand(FailoverRecord record) {
                route53.dnsRecords().changeByHand(zoneId, record);
            }

            @Override
            public void deleteRecordByHand(FailoverRecord record) {
                route53.dnsRecords().deleteByHand(zoneId, record.name(), record.setIdentifier());
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Test
    void anUnchangedRecordCostsNoChangeBatch() {
        FailoverRecord primary = record(name("no-call"), "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        upsert("team-a/auth", primary);
        long before = route53.dnsRecords().changeBatches();

        upsert("team-a/auth", primary);

        assertThat(route53.dnsRecords().changeBatches()).isEqualTo(before);
    }

    @Test
    void aRecordOutsideTheHostedZoneIsRefused() {
        FailoverRecord elsewhere = record("auth.example.org", "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");

        assertThatThrownBy(() -> upsert("team-a/auth", elsewhere)).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("is not permitted in zone " + fixture.zoneName());
    }

    @Test
    void aRecordNamingAHealthCheckThatDoesNotExistIsRefused() {
        FailoverRecord record = FailoverRecord.of(name("no-check"), RecordType.A, "primary-" + suffix(), Failover.PRIMARY,
                Optional.of("no-such-check"), 60, List.of("192.0.2.10"));

        assertThatThrownBy(() -> upsert("team-a/auth", record)).isInstanceOf(NotFound.class).hasMessageContaining("no-such-check");
        assertThat(dnsRecords.list(zone, record.name())).isEmpty();
    }

    @Test
    void aHealthCheckDeletedWhileARecordUsesItIsNoted() {
        String owner = unique("in-use");
        String check = route53.healthChecks().create(owner,
                HealthCheckSpec.https("in-use.example.com", 443, "/q/health/deep", 30, 3)).id();
        upsert("team-a/auth", record(name("in-use"), "primary-" + suffix(), Failover.PRIMARY, check, "192.0.2.10"));

        route53.healthChecks().delete(owner, check);

        assertThat(route53.healthChecks().deletedWhileInUse()).containsExactly(check);
    }
}
