package dev.fivenines.auth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.tables.AuthTables;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Paginated reads through the storage chain over three DynamoDB Local regions: every page is a read of the chain, so
 * a region that stops answering between two pages is passed over for the rest, and nothing is read from it directly.
 */
class PaginatedReadFailoverTest {

    private static final String PREFIX = "pages";
    private static final String TABLE = AuthTables.authTable(PREFIX);
    private static final String TENANT = "paged";
    private static final List<String> SORT_KEYS = IntStream.range(0, 7).mapToObj(i -> "ITEM#" + i).toList();
    private static ThreeRegions regions;

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DynamoDbClient chain;

    /** The same seven items in every region, written to each directly, so no test waits for replication. */
    @BeforeAll
    static void startRegions() {
        regions = ThreeRegions.start(PREFIX);
        for (String region : ThreeRegions.REGIONS) {
            try (DynamoDbClient client = regions.client(region, Duration.ofSeconds(5))) {
                SORT_KEYS.forEach(sk -> client.putItem(p -> p.tableName(TABLE).item(Map.of(AuthTables.PARTITION_KEY,
                        AttributeValue.fromS("TENANT#" + TENANT), AuthTables.SORT_KEY, AttributeValue.fromS(sk)))));
            }
        }
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

    private static long calls(String region, String operation) {
        return regions.cloud().faults(region).calls(operation);
    }

    private double hops(String region) {
        return meters.get("fivenines.storage.hops").tag("region", region).counter().count();
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> item.get(AuthTables.SORT_KEY).s()).toList();
    }

    @Test
    void aQueryPaginatorGoesOnInTheNextRegionWhenTheLocalOneStopsBetweenPages() {
        DynamoDbClient client = chain();
        long eastQueries = calls("us-east-1", "Query");
        long westQueries = calls("us-west-2", "Query");
        Iterator<QueryResponse> pages = client.queryPaginator(q -> q.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#" + TENANT))).limit(2).consistentRead(true)).iterator();

        List<String> read = new ArrayList<>(sortKeys(pages.next().items()));
        assertThat(calls("us-east-1", "Query")).as("the first page comes from the local region").isEqualTo(eastQueries + 1);
        regions.cloud().faults("us-east-1").stop();
        pages.forEachRemaining(page -> read.addAll(sortKeys(page.items())));

        assertThat(read).containsExactlyElementsOf(SORT_KEYS);
        assertThat(calls("us-west-2", "Query")).as("pages 2 to 4 of 2, 2, 2 and 1 items").isEqualTo(westQueries + 3);
        assertThat(hops("us-west-2")).isEqualTo(3);
        assertThat(meters.get("fivenines.storage.failures").tag("region", "us-east-1").counter().count()).isEqualTo(3);
    }

    @Test
    void aScanPaginatorGoesOnInTheNextRegionWhenTheLocalOneStopsBetweenPages() {
        DynamoDbClient client = chain();
        long eastScans = calls("us-east-1", "Scan");
        Iterator<ScanResponse> pages = client.scanPaginator(s -> s.tableName(TABLE).limit(3).consistentRead(true)).iterator();

        List<String> read = new ArrayList<>(sortKeys(pages.next().items()));
        regions.cloud().faults("us-east-1").stop();
        pages.forEachRemaining(page -> read.addAll(sortKeys(page.items())));

        assertThat(read).containsExactlyInAnyOrderElementsOf(SORT_KEYS);
        assertThat(calls("us-east-1", "Scan")).isEqualTo(eastScans + 1);
        assertThat(hops("us-west-2")).as("pages 2 and 3 of 3, 3 and 1 items").isEqualTo(2);
    }

    @Test
    void theStoresWholeTableReadsFailOverWithTheChain() {
        AuthStore store = new AuthStore(chain(), PREFIX, Clock.systemUTC());
        regions.cloud().faults("us-east-1").stop();
        regions.cloud().faults("us-west-2").failWithServerErrors();

        assertThat(store.tenants()).containsExactly(TENANT);
        assertThat(hops("eu-west-1")).as("the auth table's scan and the audit table's").isEqualTo(2);
    }
}
