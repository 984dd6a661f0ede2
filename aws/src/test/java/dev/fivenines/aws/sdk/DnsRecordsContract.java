package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.RecordType;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

/**
 * What {@link SdkDnsRecords} does, the same against the local cloud and against AWS. Assertions list what exists;
 * every test uses its own names and set identifiers (moto deletes by set identifier across names).
 */
abstract class DnsRecordsContract {

    protected AwsAdapters aws;
    protected String zone;
    protected String primaryCheck;
    protected String secondaryCheck;
    private final List<String[]> owned = new ArrayList<>();
    private final List<ResourceRecordSet> handMade = new ArrayList<>();
    private final List<String[]> checks = new ArrayList<>();

    abstract Target target();

    @BeforeEach
    void adapters() {
        aws = AwsAdapters.create(target().settings());
        zone = target().hostedZoneId();
        String checksOwner = target().unique("checks");
        primaryCheck = aws.healthChecks().create(checksOwner, HealthCheckSpec.https("primary.example.com", 443, "/q/health/deep", 30, 3)).id();
        secondaryCheck = aws.healthChecks().create(checksOwner, HealthCheckSpec.https("backup.example.com", 443, "/q/health/deep", 30, 3)).id();
        checks.add(new String[] {checksOwner, primaryCheck});
        checks.add(new String[] {checksOwner, secondaryCheck});
    }

    @AfterEach
    void cleanUp() {
        if (aws == null) {
            return;
        }
        try {
            for (String[] record : owned) {
                try {
                    aws.dnsRecords().delete(zone, record[0], record[1], record[2]);
                } catch (RuntimeException e) {
                    // already deleted, or not ours: nothing of ours is left
                }
            }
            for (ResourceRecordSet record : handMade) {
                try {
                    change(ChangeAction.DELETE, record);
                } catch (SdkException gone) {
                    // deleted by the test already
                }
            }
            for (String[] check : checks) {
                aws.healthChecks().delete(check[0], check[1]);
            }
        } finally {
            aws.close();
        }
    }

    @Test
    void primaryAndSecondaryOfOneNameAreCreatedEachWithItsOwnerAndHealthCheck() {
        String name = name("auth");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        FailoverRecord secondary = record(name, "backup-" + suffix(), Failover.SECONDARY, secondaryCheck, "192.0.2.20");

        assertThat(upsert("team-a/auth-primary", primary)).isTrue();
        assertThat(upsert("team-a/auth-backup", secondary)).isTrue();

        List<DnsRecord> records = aws.dnsRecords().list(zone, name);
        assertThat(records).hasSize(2);
        assertThat(find(records, primary.setIdentifier())).satisfies(found -> {
            assertThat(found.matches(primary)).isTrue();
            assertThat(found.failover()).contains(Failover.PRIMARY);
            assertThat(found.healthCheckId()).contains(primaryCheck);
            assertThat(found.owner()).contains("team-a/auth-primary");
        });
        assertThat(find(records, secondary.setIdentifier())).satisfies(found -> {
            assertThat(found.matches(secondary)).isTrue();
            assertThat(found.owner()).contains("team-a/auth-backup");
        });
    }

    @Test
    void upsertingTheRecordAsItIsChangesNothing() {
        String name = name("same");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10", "192.0.2.11");
        upsert("team-a/auth", primary);

        assertThat(upsert("team-a/auth", primary)).isFalse();
        FailoverRecord reordered = record(name, primary.setIdentifier(), Failover.PRIMARY, primaryCheck, "192.0.2.11", "192.0.2.10");
        assertThat(upsert("team-a/auth", reordered)).isFalse();
    }

    @Test
    void aRecordChangedByHandIsSeenAndPutBack() {
        String name = name("tampered");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        upsert("team-a/auth", primary);

        change(ChangeAction.UPSERT, ResourceRecordSet.builder().name(name).type(RRType.A).setIdentifier(primary.setIdentifier())
                .failover(ResourceRecordSetFailover.PRIMARY).healthCheckId(primaryCheck).ttl(60L)
                .resourceRecords(r -> r.value("203.0.113.66")).build());
        DnsRecord tampered = find(aws.dnsRecords().list(zone, name), primary.setIdentifier());
        assertThat(tampered.matches(primary)).isFalse();
        assertThat(tampered.values()).containsExactly("203.0.113.66");
        assertThat(tampered.owner()).contains("team-a/auth");

        assertThat(upsert("team-a/auth", primary)).isTrue();

        assertThat(find(aws.dnsRecords().list(zone, name), primary.setIdentifier()).matches(primary)).isTrue();
    }

    @Test
    void aRecordFivenineDidNotCreateIsNeverChangedOrDeleted() {
        String name = name("hand-made");
        String setIdentifier = "hand-made-" + suffix();
        ResourceRecordSet theirs = ResourceRecordSet.builder().name(name).type(RRType.A).setIdentifier(setIdentifier)
                .failover(ResourceRecordSetFailover.PRIMARY).healthCheckId(primaryCheck).ttl(300L)
                .resourceRecords(r -> r.value("198.51.100.7")).build();
        change(ChangeAction.CREATE, theirs);
        handMade.add(theirs);

        assertThatThrownBy(() -> upsert("team-a/auth", record(name, setIdentifier, Failover.PRIMARY, primaryCheck, "192.0.2.10")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("that Fivenines did not create");
        assertThatThrownBy(() -> aws.dnsRecords().delete(zone, "team-a/auth", name, setIdentifier))
                .isInstanceOf(NotOwned.class);

        DnsRecord untouched = find(aws.dnsRecords().list(zone, name), setIdentifier);
        assertThat(untouched.values()).containsExactly("198.51.100.7");
        assertThat(untouched.ttl()).contains(300L);
        assertThat(untouched.owner()).isEmpty();
    }

    @Test
    void anotherOwnersRecordIsNeitherChangedNorDeleted() {
        String name = name("theirs");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        upsert("team-a/auth", primary);

        assertThatThrownBy(() -> upsert("team-b/intruder", record(name, primary.setIdentifier(), Failover.PRIMARY,
                primaryCheck, "203.0.113.1")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("belongs to team-a/auth");
        assertThatThrownBy(() -> aws.dnsRecords().delete(zone, "team-b/intruder", name, primary.setIdentifier()))
                .isInstanceOf(NotOwned.class);

        assertThat(find(aws.dnsRecords().list(zone, name), primary.setIdentifier()).matches(primary)).isTrue();
    }

    @Test
    void aSecondPrimaryForTheSameNameIsRefused() {
        String name = name("two-primaries");
        upsert("team-a/auth", record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10"));

        String other = "other-" + suffix();
        assertThatThrownBy(() -> upsert("team-a/other", record(name, other, Failover.PRIMARY, secondaryCheck, "192.0.2.20")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("already has a PRIMARY A record");
        assertThat(aws.dnsRecords().list(zone, name)).extracting(record -> record.setIdentifier().orElseThrow())
                .doesNotContain(other);
    }

    @Test
    void deletingRemovesExactlyTheOwnersRecordAndLeavesTheOtherRoleAlone() {
        String name = name("delete");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        FailoverRecord secondary = record(name, "backup-" + suffix(), Failover.SECONDARY, secondaryCheck, "192.0.2.20");
        upsert("team-a/auth-primary", primary);
        upsert("team-a/auth-backup", secondary);

        assertThat(aws.dnsRecords().delete(zone, "team-a/auth-backup", name, secondary.setIdentifier())).isTrue();

        List<DnsRecord> left = aws.dnsRecords().list(zone, name);
        assertThat(left).singleElement().satisfies(record -> {
            assertThat(record.matches(primary)).isTrue();
            assertThat(record.owner()).contains("team-a/auth-primary");
        });
        assertThat(aws.dnsRecords().delete(zone, "team-a/auth-backup", name, secondary.setIdentifier())).isFalse();
        assertThat(upsert("team-a/someone-new", record(name, secondary.setIdentifier(), Failover.SECONDARY, secondaryCheck,
                "192.0.2.30"))).as("the ownership of the deleted record went with it").isTrue();
    }

    @Test
    void theOwnerMayChangeItsRecordsType() {
        String name = name("retype");
        FailoverRecord address = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        upsert("team-a/auth", address);
        FailoverRecord alias = FailoverRecord.of(name, RecordType.CNAME, address.setIdentifier(), Failover.PRIMARY,
                Optional.of(primaryCheck), 60, List.of("lb-east.example.net"));

        assertThat(upsert("team-a/auth", alias)).isTrue();

        assertThat(aws.dnsRecords().list(zone, name)).singleElement().satisfies(record -> {
            assertThat(record.type()).isEqualTo("CNAME");
            assertThat(record.matches(alias)).isTrue();
        });
    }

    @Test
    void longOwnersAndSetIdentifiersThatAreNotDnsLabelsAreRecordedExactly() {
        String name = name("unusual");
        String owner = "namespace-" + "x".repeat(200) + "/deployment";
        String setIdentifier = "Primary Set #1 (" + suffix() + ")";
        FailoverRecord primary = record(name, setIdentifier, Failover.PRIMARY, primaryCheck, "192.0.2.10");

        upsert(owner, primary);

        assertThat(find(aws.dnsRecords().list(zone, name), setIdentifier).owner()).contains(owner);
        assertThat(aws.dnsRecords().delete(zone, owner, name, setIdentifier)).isTrue();
        assertThat(aws.dnsRecords().list(zone, name)).isEmpty();
    }

    protected boolean upsert(String owner, FailoverRecord record) {
        owned.add(new String[] {owner, record.name(), record.setIdentifier()});
        return aws.dnsRecords().upsert(zone, owner, record);
    }

    protected String name(String purpose) {
        return purpose + "-" + suffix() + "." + target().zoneName();
    }

    protected static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    protected static FailoverRecord record(String name, String setIdentifier, Failover role, String healthCheck, String... ips) {
        return FailoverRecord.of(name, RecordType.A, setIdentifier, role, Optional.of(healthCheck), 60, List.of(ips));
    }

    protected static DnsRecord find(List<DnsRecord> records, String setIdentifier) {
        return records.stream().filter(record -> record.setIdentifier().equals(Optional.of(setIdentifier))).findFirst()
                .orElseThrow(() -> new AssertionError("No record with set identifier " + setIdentifier + " in " + records));
    }

    protected void change(ChangeAction action, ResourceRecordSet record) {
        aws.clients().route53().changeResourceRecordSets(b -> b.hostedZoneId(zone)
                .changeBatch(batch -> batch.changes(c -> c.action(action).resourceRecordSet(record))));
    }
}
