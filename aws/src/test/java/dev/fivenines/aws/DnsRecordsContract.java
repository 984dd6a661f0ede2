package dev.fivenines.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DnsRecords} does: the SDK adapter on the local cloud and on AWS, and the in-memory fake. A
 * subclass gives a {@link Fixture}: the ports, a hosted zone, and what a test does behind the ports' back. Assertions
 * list what exists; every test uses its own names and set identifiers (moto deletes by set identifier across names).
 */
public abstract class DnsRecordsContract {

    /** Where the contract runs. */
    public interface Fixture extends AutoCloseable {

        DnsRecords dnsRecords();

        /** The health checks the records refer to. */
        HealthChecks healthChecks();

        /** A hosted zone the tests may add records to, and its name. */
        String hostedZoneId();

        String zoneName();

        /** Creates the record as a person would (Route 53 CREATE), with no ownership record. */
        void createRecordByHand(FailoverRecord record);

        /** Overwrites the record at its name, type and set identifier as a person would (Route 53 UPSERT). */
        void changeRecordByHand(FailoverRecord record);

        /** Deletes exactly this record behind the ports; nothing when it is gone already. */
        void deleteRecordByHand(FailoverRecord record);

        @Override
        void close();
    }

    protected Fixture fixture;
    protected DnsRecords dnsRecords;
    protected String zone;
    protected String primaryCheck;
    protected String secondaryCheck;
    private final List<String[]> owned = new ArrayList<>();
    private final List<FailoverRecord> handMade = new ArrayList<>();
    private final List<String[]> checks = new ArrayList<>();

    /** A fixture for one test, closed after it (a subclass may skip the test here, saying why). */
    protected abstract Fixture openFixture();

    @BeforeEach
    void open() {
        fixture = openFixture();
        dnsRecords = fixture.dnsRecords();
        zone = fixture.hostedZoneId();
        String checksOwner = unique("checks");
        primaryCheck = fixture.healthChecks().create(checksOwner, HealthCheckSpec.https("primary.example.com", 443, "/q/health/deep", 30, 3)).id();
        secondaryCheck = fixture.healthChecks().create(checksOwner, HealthCheckSpec.https("backup.example.com", 443, "/q/health/deep", 30, 3)).id();
        checks.add(new String[] {checksOwner, primaryCheck});
        checks.add(new String[] {checksOwner, secondaryCheck});
    }

    @AfterEach
    void cleanUp() {
        if (fixture == null) {
            return;
        }
        try {
            for (String[] record : owned) {
                try {
                    dnsRecords.delete(zone, record[0], record[1], record[2]);
                } catch (RuntimeException e) {
                    // already deleted, or not ours: nothing of ours is left
                }
            }
            handMade.forEach(fixture::deleteRecordByHand);
            for (String[] check : checks) {
                fixture.healthChecks().delete(check[0], check[1]);
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    void primaryAndSecondaryOfOneNameAreCreatedEachWithItsOwnerAndHealthCheck() {
        String name = name("auth");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        FailoverRecord secondary = record(name, "backup-" + suffix(), Failover.SECONDARY, secondaryCheck, "192.0.2.20");

        assertThat(upsert("team-a/auth-primary", primary)).isTrue();
        assertThat(upsert("team-a/auth-backup", secondary)).isTrue();

        List<DnsRecord> records = dnsRecords.list(zone, name);
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

        fixture.changeRecordByHand(record(name, primary.setIdentifier(), Failover.PRIMARY, primaryCheck, "203.0.113.66"));
        DnsRecord tampered = find(dnsRecords.list(zone, name), primary.setIdentifier());
        assertThat(tampered.matches(primary)).isFalse();
        assertThat(tampered.values()).containsExactly("203.0.113.66");
        assertThat(tampered.owner()).contains("team-a/auth");

        assertThat(upsert("team-a/auth", primary)).isTrue();

        assertThat(find(dnsRecords.list(zone, name), primary.setIdentifier()).matches(primary)).isTrue();
    }

    @Test
    void aRecordFivenineDidNotCreateIsNeverChangedOrDeleted() {
        String name = name("hand-made");
        String setIdentifier = "hand-made-" + suffix();
        FailoverRecord theirs = FailoverRecord.of(name, RecordType.A, setIdentifier, Failover.PRIMARY, Optional.of(primaryCheck),
                300, List.of("198.51.100.7"));
        fixture.createRecordByHand(theirs);
        handMade.add(theirs);

        assertThatThrownBy(() -> upsert("team-a/auth", record(name, setIdentifier, Failover.PRIMARY, primaryCheck, "192.0.2.10")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("that Fivenines did not create");
        assertThatThrownBy(() -> dnsRecords.delete(zone, "team-a/auth", name, setIdentifier))
                .isInstanceOf(NotOwned.class);

        DnsRecord untouched = find(dnsRecords.list(zone, name), setIdentifier);
        assertThat(untouched.values()).containsExactly("198.51.100.7");
        assertThat(untouched.ttl()).contains(300L);
        assertThat(untouched.owner()).isEmpty();
    }

    @Test
    void aRecordMadeOutsideFivenineIsAdoptedOnlyOnRequestAndThenOwned() {
        String name = name("adopted");
        String setIdentifier = "adopted-" + suffix();
        FailoverRecord theirs = FailoverRecord.of(name, RecordType.A, setIdentifier, Failover.PRIMARY, Optional.of(secondaryCheck),
                300, List.of("198.51.100.7"));
        fixture.createRecordByHand(theirs);
        handMade.add(theirs);
        FailoverRecord ours = record(name, setIdentifier, Failover.PRIMARY, primaryCheck, "192.0.2.10");

        assertThatThrownBy(() -> upsert("team-a/auth", ours)).isInstanceOf(NotOwned.class).hasMessageContaining("adopt it explicitly");
        owned.add(new String[] {"team-a/auth", name, setIdentifier});
        assertThat(dnsRecords.upsert(zone, "team-a/auth", ours, true)).isTrue();

        DnsRecord adopted = find(dnsRecords.list(zone, name), setIdentifier);
        assertThat(adopted.matches(ours)).as("the declared values and health check replace theirs").isTrue();
        assertThat(adopted.owner()).contains("team-a/auth");
        assertThat(upsert("team-a/auth", ours)).as("owned from now on: nothing to change").isFalse();
        assertThatThrownBy(() -> dnsRecords.upsert(zone, "team-b/intruder", record(name, setIdentifier, Failover.PRIMARY, primaryCheck,
                "203.0.113.1"), true)).as("an owned record is never adopted by another owner").isInstanceOf(NotOwned.class)
                .hasMessageContaining("belongs to team-a/auth");
    }

    @Test
    void adoptionReplacesAnUnownedRecordOfTheSameRoleUnderAnotherSetIdentifierInOneChange() {
        String name = name("renamed");
        FailoverRecord theirs = FailoverRecord.of(name, RecordType.A, "primary", Failover.PRIMARY, Optional.of(secondaryCheck), 300,
                List.of("198.51.100.7"));
        fixture.createRecordByHand(theirs);
        handMade.add(theirs);
        FailoverRecord secondary = FailoverRecord.of(name, RecordType.A, "secondary", Failover.SECONDARY, Optional.of(secondaryCheck), 300,
                List.of("198.51.100.8"));
        fixture.createRecordByHand(secondary);
        handMade.add(secondary);
        FailoverRecord ours = record(name, "auth-use1-primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");

        assertThatThrownBy(() -> upsert("team-a/auth", ours)).isInstanceOf(NotOwned.class).hasMessageContaining("already has a PRIMARY");
        owned.add(new String[] {"team-a/auth", name, ours.setIdentifier()});
        assertThat(dnsRecords.upsert(zone, "team-a/auth", ours, true)).isTrue();

        List<DnsRecord> now = dnsRecords.list(zone, name);
        assertThat(now).extracting(r -> r.setIdentifier().orElseThrow()).containsExactlyInAnyOrder(ours.setIdentifier(), "secondary");
        assertThat(find(now, ours.setIdentifier()).matches(ours)).isTrue();
        assertThat(find(now, "secondary").values()).as("a record of the other role is not adopted").containsExactly("198.51.100.8");
        assertThat(find(now, "secondary").owner()).isEmpty();
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
        assertThatThrownBy(() -> dnsRecords.delete(zone, "team-b/intruder", name, primary.setIdentifier()))
                .isInstanceOf(NotOwned.class);

        assertThat(find(dnsRecords.list(zone, name), primary.setIdentifier()).matches(primary)).isTrue();
    }

    @Test
    void aSecondPrimaryForTheSameNameIsRefused() {
        String name = name("two-primaries");
        upsert("team-a/auth", record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10"));

        String other = "other-" + suffix();
        assertThatThrownBy(() -> upsert("team-a/other", record(name, other, Failover.PRIMARY, secondaryCheck, "192.0.2.20")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("already has a PRIMARY A record");
        assertThat(dnsRecords.list(zone, name)).extracting(record -> record.setIdentifier().orElseThrow())
                .doesNotContain(other);
    }

    @Test
    void deletingRemovesExactlyTheOwnersRecordAndLeavesTheOtherRoleAlone() {
        String name = name("delete");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        FailoverRecord secondary = record(name, "backup-" + suffix(), Failover.SECONDARY, secondaryCheck, "192.0.2.20");
        upsert("team-a/auth-primary", primary);
        upsert("team-a/auth-backup", secondary);

        assertThat(dnsRecords.delete(zone, "team-a/auth-backup", name, secondary.setIdentifier())).isTrue();

        List<DnsRecord> left = dnsRecords.list(zone, name);
        assertThat(left).singleElement().satisfies(record -> {
            assertThat(record.matches(primary)).isTrue();
            assertThat(record.owner()).contains("team-a/auth-primary");
        });
        assertThat(dnsRecords.delete(zone, "team-a/auth-backup", name, secondary.setIdentifier())).isFalse();
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

        assertThat(dnsRecords.list(zone, name)).singleElement().satisfies(record -> {
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

        assertThat(find(dnsRecords.list(zone, name), setIdentifier).owner()).contains(owner);
        assertThat(dnsRecords.delete(zone, owner, name, setIdentifier)).isTrue();
        assertThat(dnsRecords.list(zone, name)).isEmpty();
    }

    /**
     * Route 53 does not refuse to delete a health check that a record still refers to (its API reference says so;
     * HealthCheckInUse is no longer used): whoever replaces a health check points the record elsewhere first.
     */
    @Test
    void aHealthCheckARecordStillUsesIsNotProtectedFromDeletion() {
        String checkOwner = unique("in-use");
        String check = fixture.healthChecks().create(checkOwner,
                HealthCheckSpec.https("in-use.example.com", 443, "/q/health/deep", 30, 3)).id();
        checks.add(new String[] {checkOwner, check});
        String name = name("in-use");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, check, "192.0.2.10");
        upsert("team-a/auth", primary);

        assertThat(fixture.healthChecks().delete(checkOwner, check)).isTrue();

        assertThat(fixture.healthChecks().findByOwner(checkOwner)).isEmpty();
        assertThat(find(dnsRecords.list(zone, name), primary.setIdentifier()).healthCheckId()).contains(check);
    }

    protected boolean upsert(String owner, FailoverRecord record) {
        owned.add(new String[] {owner, record.name(), record.setIdentifier()});
        return dnsRecords.upsert(zone, owner, record);
    }

    protected String name(String purpose) {
        return purpose + "-" + suffix() + "." + fixture.zoneName();
    }

    /** A name no other test run uses. */
    protected static String unique(String purpose) {
        return "fivenines-it-" + purpose + "-" + suffix();
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

}
