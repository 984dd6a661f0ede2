package dev.fivenines.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.MutableClock;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Two replicas sharing a tenant's keys through DynamoDB Local: what one issues, the other verifies, across a rotation. */
class KeyRingsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;
    private final MutableClock now = new MutableClock(T0);
    private final Clock clock = now;

    @BeforeAll
    static void start() {
        CryptoProviders.install();
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(cloud.dynamoDbEndpoint("us-east-1"))
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY)))
                .build();
        AuthTables.all("keys").forEach(dynamo::createTable);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    private TokenService replica() {
        AuthStore store = new AuthStore(dynamo, "keys", clock);
        KeyRings rings = new KeyRings(store, Algorithm.ES256, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofMinutes(10), clock);
        return new TokenService(new TokenSettings("https://auth.example.com", Algorithm.ES256, Duration.ofMinutes(15), Duration.ofSeconds(30),
                8192), rings, clock);
    }

    @Test
    void replicasShareKeysAndSeeEachOthersRotation() throws TokenRejected {
        TokenService a = replica();
        TokenService b = replica();

        TokenService.Issued fromA = a.issue("initech", "user:peter", "fivenines", "");
        assertThat(b.verify("initech", fromA.token(), "fivenines").subject()).isEqualTo("user:peter");
        assertThat(b.issue("initech", "user:milton", "fivenines", "").kid()).isEqualTo(fromA.kid());

        now.set(T0.plus(Duration.ofMinutes(61)));
        TokenService.Issued afterRotation = a.issue("initech", "user:peter", "fivenines", "");
        assertThat(afterRotation.kid()).as("replica A rotated the key").isNotEqualTo(fromA.kid());

        assertThat(b.verify("initech", afterRotation.token(), "fivenines").subject())
                .as("replica B re-reads the keys for the unknown kid").isEqualTo("user:peter");
    }

    @Test
    void storedKeysKeepThePrivateHalfAndRoundTrip() {
        KeyRing ring = KeyRing.create("acme", Algorithm.EdDSA, T0).rotate(Algorithm.EdDSA, T0.plusSeconds(5), Duration.ofMinutes(15));

        KeyRing read = KeyRingCodec.fromJson(KeyRingCodec.toJson(ring));

        assertThat(read.active().kid()).isEqualTo(ring.active().kid());
        assertThat(read.active().jwk().isPrivate()).isTrue();
        assertThat(read.retired()).singleElement().satisfies(k -> assertThat(k.retiredAt()).contains(T0.plusSeconds(5)));
    }
}
