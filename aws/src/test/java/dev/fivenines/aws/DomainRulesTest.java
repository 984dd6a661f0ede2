package dev.fivenines.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The rules the domain types enforce before anything reaches AWS. */
class DomainRulesTest {

    @Test
    void aKeyAttributeDeclaredWithTwoTypesIsRefused() {
        assertThatThrownBy(() -> new TableSpec("tokens", KeyAttribute.string("pk"), Optional.empty(),
                List.of(GlobalIndex.all("by-pk", KeyAttribute.number("pk"), Optional.empty())), "team-a/auth", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declared both STRING and NUMBER");
    }

    @Test
    void theOwnerTagComesFromTheOwnerOnly() {
        assertThatThrownBy(() -> new TableSpec("tokens", KeyAttribute.string("pk"), Optional.empty(), List.of(),
                "team-a/auth", Map.of(Ownership.OWNER_TAG, "someone")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableSpec("tokens", KeyAttribute.string("pk"), Optional.empty(), List.of(), " ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner is required");
    }

    @Test
    void tableNamesFollowDynamoDbsRules() {
        assertThatThrownBy(() -> new TableSpec("ab", KeyAttribute.string("pk"), Optional.empty(), List.of(), "o", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TableSpec("auth.tokens-v1_a", KeyAttribute.string("pk"), Optional.empty(), List.of(), "o", Map.of())
                .keyAttributes()).containsExactly(Map.entry("pk", AttributeType.STRING));
    }

    @Test
    void healthChecksRunEvery10Or30SecondsWithAThresholdOf1To10() {
        assertThatThrownBy(() -> HealthCheckSpec.https("auth.example.com", 443, "/health", 15, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 or 30");
        assertThatThrownBy(() -> HealthCheckSpec.https("auth.example.com", 443, "/health", 10, 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthCheckSpec.https("auth.example.com", 443, "health", 10, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheckSpec(HealthCheckProtocol.HTTPS, Optional.empty(), Optional.empty(), 443,
                "/", 10, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyProtocolAndIntervalChangesNeedANewHealthCheck() {
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/health", 30, 3);

        assertThat(spec.requiresReplacement(HealthCheckSpec.https("other.example.com", 8443, "/deep", 30, 1))).isFalse();
        assertThat(spec.requiresReplacement(HealthCheckSpec.https("auth.example.com", 443, "/health", 10, 3))).isTrue();
    }

    @Test
    void aFailoverRecordHasValuesWithATtlOrAnAliasButNotBoth() {
        assertThatThrownBy(() -> new FailoverRecord("auth.example.com", RecordType.A, "primary", Failover.PRIMARY,
                Optional.empty(), Optional.of(60L), List.of("192.0.2.1"),
                Optional.of(new AliasTarget("Z1", "lb.example.net", true))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailoverRecord.of("auth.example.com", RecordType.A, "primary", Failover.PRIMARY,
                Optional.empty(), 60, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailoverRecord.of("auth.example.com", RecordType.CNAME, "primary", Failover.PRIMARY,
                Optional.empty(), 60, List.of("a.example.net", "b.example.net"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(FailoverRecord.of("Auth.Example.COM", RecordType.A, "primary", Failover.PRIMARY, Optional.empty(), 60,
                List.of("192.0.2.1")).name()).isEqualTo("auth.example.com.");
    }

    @Test
    void aTableWithAReplicaNotYetActiveTakesNoOtherChange() {
        TableState creating = new TableState("tokens", "us-east-1", TableStatus.ACTIVE,
                Map.of("us-east-1", ReplicaStatus.ACTIVE, "eu-west-1", ReplicaStatus.CREATING), Optional.of("o"),
                KeyAttribute.string("pk"), Optional.empty(), java.util.Set.of(), true, true,
                "arn:aws:dynamodb:us-east-1:123456789012:table/tokens");
        TableState updating = new TableState("tokens", "us-east-1", TableStatus.UPDATING,
                Map.of("us-east-1", ReplicaStatus.ACTIVE), Optional.of("o"),
                KeyAttribute.string("pk"), Optional.empty(), java.util.Set.of(), true, true,
                "arn:aws:dynamodb:us-east-1:123456789012:table/tokens");

        assertThat(creating.changeInProgress()).contains("the replica of tokens in eu-west-1 is CREATING");
        assertThat(updating.changeInProgress()).contains("table tokens in us-east-1 is UPDATING");
        assertThat(creating.isOwnedBy("o")).isTrue();
        assertThat(creating.isOwnedBy("p")).isFalse();
    }
}
