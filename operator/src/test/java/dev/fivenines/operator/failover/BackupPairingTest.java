package dev.fivenines.operator.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;

class BackupPairingTest {

    private static DnsSpec dns(String zone, String record, String target) {
        DnsSpec dns = new DnsSpec();
        dns.setZoneId(zone);
        dns.setRecordName(record);
        dns.setTarget(target);
        return dns;
    }

    private static AuthDeployment primary(DnsSpec dns) {
        AuthDeployment primary = Fixtures.deployment("team", "auth-primary", "auth", Variant.Primary, "us-east-1");
        primary.getSpec().setDns(dns);
        return primary;
    }

    private static AuthDeployment backup(DnsSpec dns) {
        AuthDeployment backup = Fixtures.deployment("team", "auth-backup", "auth", Variant.Backup, "us-west-2");
        backup.getSpec().setDns(dns);
        return backup;
    }

    @Test
    void aBackupTakesZoneAndRecordNameFromItsPrimaryAndKeepsItsTargetAndPolicy() {
        DnsSpec own = dns(null, null, "usw2.lb.example.com");
        own.setDeletionPolicy(DeletionPolicy.Delete);

        var resolved = BackupPairing.resolve(backup(own), Optional.of(primary(dns("Z1", "auth.example.com", "use1.lb.example.com"))));

        assertThat(resolved.problem()).isEmpty();
        DnsSpec effective = resolved.dns().orElseThrow();
        assertThat(effective.getZoneId()).isEqualTo("Z1");
        assertThat(effective.getRecordName()).isEqualTo("auth.example.com");
        assertThat(effective.getTarget()).isEqualTo("usw2.lb.example.com");
        assertThat(effective.getDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
        assertThat(own.getZoneId()).as("the deployment's own spec is not changed").isNull();
    }

    @Test
    void aBackupRepeatingTheSameNameWithOtherCaseOrAFinalDotPairs() {
        var resolved = BackupPairing.resolve(backup(dns("Z1", "Auth.Example.com.", "usw2.lb.example.com")),
                Optional.of(primary(dns("Z1", "auth.example.com", "use1.lb.example.com"))));
        assertThat(resolved.problem()).isEmpty();
        assertThat(resolved.dns().orElseThrow().getRecordName()).isEqualTo("Auth.Example.com.");
    }

    @Test
    void aDifferentRecordNameOrZoneIsAMismatchNamingBothDeployments() {
        var record = BackupPairing.resolve(backup(dns(null, "other.example.com", "usw2.lb.example.com")),
                Optional.of(primary(dns("Z1", "auth.example.com", "use1.lb.example.com"))));
        assertThat(record.problem().orElseThrow().reason()).isEqualTo("PrimaryMismatch");
        assertThat(record.problem().get().message()).contains("auth-backup", "other.example.com", "auth-primary", "auth.example.com",
                "remove spec.dns.recordName");
        assertThat(record.dns()).isEmpty();

        var zone = BackupPairing.resolve(backup(dns("Z2", null, "usw2.lb.example.com")),
                Optional.of(primary(dns("Z1", "auth.example.com", "use1.lb.example.com"))));
        assertThat(zone.problem().orElseThrow().message()).contains("Z2", "Z1", "spec.dns.zoneId");
    }

    @Test
    void aMissingPrimaryANonPrimaryAnotherBlueprintOrAPrimaryWithoutDnsAreProblems() {
        AuthDeployment backup = backup(dns(null, null, "usw2.lb.example.com"));
        assertThat(BackupPairing.resolve(backup, Optional.empty()).problem().orElseThrow())
                .satisfies(p -> {
                    assertThat(p.reason()).isEqualTo("PrimaryNotFound");
                    assertThat(p.message()).contains("auth-backup", "auth-primary", "team", "spec.backupOf");
                });

        AuthDeployment edge = Fixtures.deployment("team", "auth-primary", "auth", Variant.Edge, "us-east-1");
        assertThat(BackupPairing.resolve(backup, Optional.of(edge)).problem().orElseThrow().reason()).isEqualTo("BackupOfNotPrimary");

        AuthDeployment otherBlueprint = Fixtures.deployment("team", "auth-primary", "auth-v2", Variant.Primary, "us-east-1");
        otherBlueprint.getSpec().setDns(dns("Z1", "auth.example.com", "use1.lb.example.com"));
        assertThat(BackupPairing.resolve(backup, Optional.of(otherBlueprint)).problem().orElseThrow().message()).contains("auth-v2");

        assertThat(BackupPairing.resolve(backup, Optional.of(primary(null))).problem().orElseThrow().reason()).isEqualTo("PrimaryWithoutDns");
    }

    @Test
    void otherVariantsAndABackupWithoutDnsAreAsDeclared() {
        DnsSpec own = dns("Z1", "auth.example.com", "use1.lb.example.com");
        assertThat(BackupPairing.resolve(primary(own), Optional.empty()).dns()).containsSame(own);
        assertThat(BackupPairing.resolve(backup(null), Optional.empty())).satisfies(r -> {
            assertThat(r.dns()).isEmpty();
            assertThat(r.problem()).isEmpty();
        });
    }
}
