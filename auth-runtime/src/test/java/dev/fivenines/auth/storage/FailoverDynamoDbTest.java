package dev.fivenines.auth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.tables.AuthTables;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The storage chain over three real DynamoDB Local regions, failing them one by one at their endpoints. */
class FailoverDynamoDbTest {

    private static final String PREFIX = "chain";
    private static final String TABLE = AuthTables.authTable(PREFIX);
    private static ThreeRegions regions;

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DynamoDbClient chain;

    @BeforeAll
    static void startRegions() {
        regions = ThreeRegions.start(PREFIX);
    }

    @AfterAll
    static void stopRegions() {
        regions.close();
    }

    @AfterEach
    void restart() {
        regions.restartAll();
        if (chain != null) {
            chain.close();
        }
    }

    private DynamoDbClient chain() {
        chain = FailoverDynamoDb.over(ThreeRegions.REGIONS.stream()
                .map(r -> new StorageRegion(r, regions.client(r, Duration.ofMillis(500)), new CircuitBreaker(3, Duration.ofSeconds(5), now::get)))
                .toList(), meters);
        return chain;
    }

    private static Map<String, AttributeValue> item(String pk, String value) {
        return Map.of(AuthTables.PARTITION_KEY, AttributeValue.fromS(pk), AuthTables.SORT_KEY, AttributeValue.fromS("ITEM"), "value",
                AttributeValue.fromS(value));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(AuthTables.PARTITION_KEY, AttributeValue.fromS(pk), AuthTables.SORT_KEY, AttributeValue.fromS("ITEM"));
    }

    private String read(DynamoDbClient client, String pk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(TABLE).key(key(pk)).consistentRead(true)).item();
        return item.isEmpty() ? null : item.get("value").s();
    }

    private String written(String value) {
        String pk = "pk-" + UUID.randomUUID();
        try (DynamoDbClient local = regions.client("us-east-1", Duration.ofSeconds(5))) {
            local.putItem(b -> b.tableName(TABLE).item(item(pk, value)));
        }
        awaitReplicated();
        return pk;
    }

    /** Replication between the local cloud's regions runs on its own threads, in real time. */
    private static void awaitReplicated() {
        await("writes replicated to every region").atMost(Duration.ofSeconds(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(regions.cloud().pendingReplication()).as("writes still to replicate").isZero());
    }

    private double hops(String region) {
        return meters.get("fivenines.storage.hops").tag("region", region).counter().count();
    }

    @Test
    void readsComeFromTheLocalRegionWhileItAnswers() {
        String pk = written("v1");
        DynamoDbClient client = chain();
        long localCalls = regions.cloud().faults("us-east-1").calls("GetItem");
        assertThat(read(client, pk)).isEqualTo("v1");
        assertThat(regions.cloud().faults("us-east-1").calls("GetItem")).isEqualTo(localCalls + 1);
        assertThat(hops("us-west-2")).isZero();
    }

    @Test
    void readsFallThroughToTheSecondAndThenTheThirdRegion() {
        String pk = written("v2");
        DynamoDbClient client = chain();
        regions.cloud().faults("us-east-1").stop();
        assertThat(read(client, pk)).isEqualTo("v2");
        assertThat(hops("us-west-2")).isEqualTo(1);
        regions.cloud().faults("us-west-2").failWithServerErrors();
        assertThat(read(client, pk)).isEqualTo("v2");
        assertThat(hops("eu-west-1")).isEqualTo(1);
        assertThat(meters.get("fivenines.storage.failures").tag("region", "us-west-2").counter().count()).isEqualTo(1);
    }

    @Test
    void anOpenBreakerSkipsTheRegionUntilItsCoolDownEndsThenTrafficReturns() {
        String pk = written("v3");
        DynamoDbClient client = chain();
        regions.cloud().faults("us-east-1").stop();
        for (int i = 0; i < 3; i++) {
            assertThat(read(client, pk)).isEqualTo("v3");
        }
        long refusedAttempts = regions.cloud().faults("us-east-1").calls("GetItem");
        for (int i = 0; i < 20; i++) {
            assertThat(read(client, pk)).isEqualTo("v3");
        }
        assertThat(meters.get("fivenines.storage.failures").tag("region", "us-east-1").counter().count())
                .as("after three failures the local region is skipped, not tried").isEqualTo(3);
        assertThat(meters.get("fivenines.storage.breaker.open").tag("region", "us-east-1").gauge().value()).isEqualTo(1);
        assertThat(regions.cloud().faults("us-east-1").calls("GetItem")).isEqualTo(refusedAttempts);

        regions.cloud().faults("us-east-1").start();
        assertThat(read(client, pk)).as("still cooling down: served by the second region").isEqualTo("v3");
        long localBefore = regions.cloud().faults("us-east-1").calls("GetItem");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        double secondRegionHops = hops("us-west-2");
        assertThat(read(client, pk)).isEqualTo("v3");
        assertThat(read(client, pk)).isEqualTo("v3");
        assertThat(regions.cloud().faults("us-east-1").calls("GetItem")).as("traffic is back in the local region").isEqualTo(localBefore + 2);
        assertThat(hops("us-west-2")).isEqualTo(secondRegionHops);
        assertThat(meters.get("fivenines.storage.breaker.open").tag("region", "us-east-1").gauge().value()).isZero();
    }

    @Test
    void withEveryRegionDownTheFailureNamesEachRegion() {
        String pk = written("v4");
        DynamoDbClient client = chain();
        regions.cloud().faults("us-east-1").stop();
        regions.cloud().faults("us-west-2").stop();
        regions.cloud().faults("eu-west-1").failWithServerErrors();
        assertThatThrownBy(() -> read(client, pk)).isInstanceOf(StorageUnavailable.class)
                .hasMessageContaining("us-east-1: connection refused").hasMessageContaining("us-west-2: connection refused")
                .hasMessageContaining("eu-west-1: InternalServerError");
    }

    @Test
    void aWriteGoesToTheFirstRegionThatCertainlyDidNotApplyIt() {
        DynamoDbClient client = chain();
        regions.cloud().faults("us-east-1").stop();
        String pk = "pk-" + UUID.randomUUID();
        client.putItem(b -> b.tableName(TABLE).item(item(pk, "written-in-west")));
        assertThat(hops("us-west-2")).isEqualTo(1);
        try (DynamoDbClient west = regions.client("us-west-2", Duration.ofSeconds(5))) {
            assertThat(read(west, pk)).isEqualTo("written-in-west");
        }
    }

    @Test
    void aWriteThatAServerErrorMayHaveAppliedIsNotRepeatedElsewhere() {
        DynamoDbClient client = chain();
        regions.cloud().faults("us-east-1").failWithServerErrors();
        String pk = "pk-" + UUID.randomUUID();
        long westPuts = regions.cloud().faults("us-west-2").calls("PutItem");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(item(pk, "x")))).isInstanceOf(StorageUnavailable.class)
                .hasMessageContaining("it may have been applied there");
        assertThat(regions.cloud().faults("us-west-2").calls("PutItem")).isEqualTo(westPuts);
    }

    @Test
    void theCallersOwnErrorIsAnAnswerNotARegionFailure() {
        String pk = written("v5");
        DynamoDbClient client = chain();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(item(pk, "y")).conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }
        assertThat(meters.get("fivenines.storage.failures").tag("region", "us-east-1").counter().count()).isZero();
        assertThat(meters.get("fivenines.storage.breaker.open").tag("region", "us-east-1").gauge().value()).isZero();
    }

    @Test
    void theChainHasOneToThreeDistinctRegions() {
        var breaker = new CircuitBreaker(3, Duration.ofSeconds(1), now::get);
        DynamoDbClient any = regions.client("us-east-1", Duration.ofSeconds(1));
        List<StorageRegion> four = List.of(new StorageRegion("a", any, breaker), new StorageRegion("b", any, breaker),
                new StorageRegion("c", any, breaker), new StorageRegion("d", any, breaker));
        assertThatThrownBy(() -> FailoverDynamoDb.over(four, meters)).hasMessageContaining("1 to 3 regions");
        assertThatThrownBy(() -> FailoverDynamoDb.over(List.of(four.get(0), four.get(0)), meters)).hasMessageContaining("must not repeat");
        any.close();
    }
}
