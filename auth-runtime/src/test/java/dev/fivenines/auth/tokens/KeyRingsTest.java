package dev.fivenines.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.MutableClock;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.RegionFaults;
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

    @AfterEach
    void storageAnswers() {
        storage().start();
    }

    /** A replica whose background work runs at once, on the thread that asks for it. */
    private TokenService replica() {
        return replica(Runnable::run);
    }

    private TokenService replica(Executor background) {
        AuthStore store = new AuthStore(dynamo, "keys", clock);
        KeyRings rings = new KeyRings(store, Algorithm.ES256, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofMinutes(10), clock,
                background);
        return new TokenService(new TokenSettings("https://auth.example.com", Algorithm.ES256, Duration.ofMinutes(15), Duration.ofSeconds(30),
                8192), rings, clock);
    }

    private static RegionFaults storage() {
        return cloud.faults("us-east-1");
    }

    /** Requests that reached the table: the key ring is one item, read with GetItem and written with PutItem. */
    private static long storageCalls() {
        return storage().calls("GetItem") + storage().calls("PutItem");
    }

    /** Background work held back until the test runs it. */
    private static final class HeldBack implements Executor {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int runAll() {
            int ran = 0;
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
                ran++;
            }
            return ran;
        }
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
    void aRotationByAnotherReplicaIsPickedUpByABackgroundRefreshWhileRequestsReadOnlyMemory() {
        HeldBack backgroundOfB = new HeldBack();
        TokenService a = replica();
        TokenService b = replica(backgroundOfB);
        String first = a.issue("hooli", "user:gavin", "fivenines", "").kid();
        assertThat(b.issue("hooli", "user:gavin", "fivenines", "").kid()).as("B's first use of the tenant read its keys").isEqualTo(first);

        now.set(T0.plus(Duration.ofMinutes(61)));
        String rotated = a.issue("hooli", "user:gavin", "fivenines", "").kid();
        assertThat(rotated).isNotEqualTo(first);

        long beforeRequests = storageCalls();
        for (int i = 0; i < 3; i++) {
            assertThat(b.issue("hooli", "user:gavin", "fivenines", "").kid()).as("B answers from memory until its refresh ran")
                    .isEqualTo(first);
        }
        assertThat(storageCalls()).as("no request of B touched storage").isEqualTo(beforeRequests);

        assertThat(backgroundOfB.runAll()).as("one refresh was started, however many requests found the ring due").isEqualTo(1);
        long afterRefresh = storageCalls();
        assertThat(afterRefresh).as("the refresh read the stored keys").isGreaterThan(beforeRequests);
        assertThat(b.issue("hooli", "user:gavin", "fivenines", "").kid()).as("B signs with the rotated key").isEqualTo(rotated);
        assertThat(storageCalls()).isEqualTo(afterRefresh);
        assertThat(backgroundOfB.runAll()).as("a fresh ring starts no refresh").isZero();
    }

    @Test
    void aStorageOutageDuringARefreshKeepsTheLastRingServing() throws TokenRejected {
        HeldBack background = new HeldBack();
        TokenService replica = replica(background);
        String kid = replica.issue("raviga", "user:laurie", "fivenines", "").kid();

        now.set(T0.plus(Duration.ofMinutes(61)));
        storage().stop();
        TokenService.Issued during = replica.issue("raviga", "user:laurie", "fivenines", "");
        assertThat(background.runAll()).as("the refresh ran against the stopped endpoint").isEqualTo(1);

        assertThat(replica.issue("raviga", "user:laurie", "fivenines", "").kid()).as("the last ring read still signs").isEqualTo(kid);
        assertThat(replica.verify("raviga", during.token(), "fivenines").subject()).isEqualTo("user:laurie");
        assertThat(replica.keys("raviga").active().kid()).isEqualTo(kid);
        assertThat(background.runAll()).as("no new read within a second of the failed one").isZero();

        storage().start();
        now.advance(Duration.ofSeconds(2));
        assertThat(replica.issue("raviga", "user:laurie", "fivenines", "").kid()).isEqualTo(kid);
        assertThat(background.runAll()).isEqualTo(1);
        assertThat(replica.issue("raviga", "user:laurie", "fivenines", "").kid()).as("with storage back, the due rotation happened")
                .isNotEqualTo(kid);
    }

    @Test
    void aKeyIdTheRingDoesNotKnowIsLookedUpOnTheRequestAtMostOnceASecond() throws Exception {
        TokenService a = replica();
        TokenService b = replica(new HeldBack());
        a.issue("bachman", "user:erlich", "fivenines", "");
        b.issue("bachman", "user:erlich", "fivenines", "");
        now.set(T0.plus(Duration.ofMinutes(61)));
        TokenService.Issued rotated = a.issue("bachman", "user:erlich", "fivenines", "");

        long before = storage().calls("GetItem");
        assertThat(b.verify("bachman", rotated.token(), "fivenines").subject())
                .as("B, whose background refresh has not run, reads the keys for the unknown kid").isEqualTo("user:erlich");
        assertThat(storage().calls("GetItem")).isEqualTo(before + 1);

        String forged = forgedToken("bachman", "bachman-no-such-key");
        assertThat(rejection(b, "bachman", forged)).isEqualTo(TokenRejected.Reason.UNKNOWN_KEY);
        assertThat(storage().calls("GetItem")).as("the keys were read less than a second ago").isEqualTo(before + 1);
        now.advance(Duration.ofSeconds(2));
        assertThat(rejection(b, "bachman", forged)).isEqualTo(TokenRejected.Reason.UNKNOWN_KEY);
        assertThat(storage().calls("GetItem")).isEqualTo(before + 2);
    }

    @Test
    void concurrentFirstRequestsOfATenantReadItsKeysOnce() throws Exception {
        TokenService replica = replica(new HeldBack());
        long reads = storage().calls("GetItem");
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> kids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                kids.add(requests.submit(() -> {
                    go.await();
                    return replica.issue("aviato", "user:erlich", "fivenines", "").kid();
                }));
            }
            go.countDown();
            Set<String> distinct = kids.stream().map(KeyRingsTest::result).collect(Collectors.toSet());
            assertThat(distinct).hasSize(1);
        } finally {
            requests.shutdownNow();
        }
        assertThat(storage().calls("GetItem") - reads).isEqualTo(1);
    }

    private static String result(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String forgedToken(String tenant, String kid) throws Exception {
        SigningKey stranger = KeyRing.create(tenant, Algorithm.ES256, now.instant()).active();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(),
                new JWTClaimsSet.Builder().subject("user:mallory").issuer("https://auth.example.com/tenants/" + tenant).audience("fivenines")
                        .expirationTime(Date.from(now.instant().plusSeconds(600))).build());
        jwt.sign(stranger.signer());
        return jwt.serialize();
    }

    private static TokenRejected.Reason rejection(TokenService service, String tenant, String token) {
        try {
            service.verify(tenant, token, "fivenines");
        } catch (TokenRejected e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
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
