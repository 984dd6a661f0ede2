package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The TXT record that records who owns a failover record. */
class OwnershipRecordTest {

    @Test
    void aDnsLabelSetIdentifierNamesTheRecordReadably() {
        OwnershipRecord ownership = new OwnershipRecord("Auth.Example.com", "auth-primary", "team-a/auth");

        assertThat(ownership.name()).isEqualTo("auth-primary._fivenines-owner.auth.example.com.");
        assertThat(ownership.value()).isEqualTo("\"fivenines-owner=team-a%2Fauth&set-identifier=auth-primary\"");
    }

    @Test
    void otherSetIdentifiersAreHashedAndKeptExactlyInTheValue() {
        OwnershipRecord ownership = new OwnershipRecord("auth.example.com.", "Primary #1", "team-a/auth");

        assertThat(ownership.name()).matches("h[0-9a-f]{24}\\._fivenines-owner\\.auth\\.example\\.com\\.");
        assertThat(OwnershipRecord.parse("auth.example.com.", ownership.value())).contains(ownership);
    }

    @Test
    void longOwnersAreSplitIntoTxtStringsOfAtMost255CharactersAndReadBack() {
        String owner = "n".repeat(63) + "/" + "d".repeat(192);
        OwnershipRecord ownership = new OwnershipRecord("auth.example.com.", "auth-primary", owner);

        assertThat(ownership.value().split("\" \"")).hasSize(2)
                .allSatisfy(part -> assertThat(part.replace("\"", "")).hasSizeLessThanOrEqualTo(255));
        assertThat(OwnershipRecord.parse("auth.example.com.", ownership.value())).contains(ownership);
    }

    @Test
    void otherTxtRecordsAreNotOwnershipRecords() {
        assertThat(OwnershipRecord.parse("auth.example.com.", "\"v=spf1 -all\"")).isEmpty();
        assertThat(OwnershipRecord.parse("auth.example.com.", "\"fivenines-owner=team-a\"")).isEmpty();
        assertThat(OwnershipRecord.parse("auth.example.com.", "not quoted")).isEmpty();
    }
}
