package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.AccessDenied;
import dev.fivenines.aws.AliasTarget;
import dev.fivenines.aws.DnsRecordsContract;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.RecordType;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.WithLocalCloud;

/** The DNS-records contract on the local cloud (moto's Route 53), and what only the local cloud can show. */
@WithLocalCloud
class DnsRecordsOnLocalCloudTest extends DnsRecordsContract {

    private static LocalTarget target;

    @BeforeAll
    static void connect(LocalCloud cloud) {
        target = LocalTarget.on(cloud);
    }

    @Override
    protected Fixture openFixture() {
        return new AdaptersFixture(target);
    }

    @AfterEach
    void clearFaults() {
        target.cloud().clearFaults();
    }

    @Test
    void anUnchangedRecordCostsNoChangeBatch() {
        String name = name("no-call");
        FailoverRecord primary = record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck, "192.0.2.10");
        upsert("team-a/auth", primary);
        long before = target.cloud().route53Faults().calls("ChangeResourceRecordSets");

        upsert("team-a/auth", primary);

        assertThat(target.cloud().route53Faults().calls("ChangeResourceRecordSets")).isEqualTo(before);
    }

    @Test
    void aliasRecordsRoundTrip() {
        String name = name("alias");
        FailoverRecord alias = FailoverRecord.alias(name, RecordType.A, "primary-" + suffix(), Failover.PRIMARY,
                Optional.of(primaryCheck), new AliasTarget("Z35SXDOTRQ7X7K", "lb-east-1.elb.amazonaws.com", true));

        assertThat(upsert("team-a/auth", alias)).isTrue();

        assertThat(find(dnsRecords.list(zone, name), alias.setIdentifier()).matches(alias)).isTrue();
        assertThat(upsert("team-a/auth", alias)).isFalse();
    }

    @Test
    void aMissingPermissionToChangeRecordsNamesTheAction() {
        target.cloud().route53Faults().denyAccess("ChangeResourceRecordSets");
        String name = name("denied");

        assertThatThrownBy(() -> upsert("team-a/auth", record(name, "primary-" + suffix(), Failover.PRIMARY, primaryCheck,
                "192.0.2.10")))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining("Grant route53:ChangeResourceRecordSets");
        assertThat(dnsRecords.list(zone, name)).isEmpty();
    }
}
