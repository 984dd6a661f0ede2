package dev.fivenines.testing.aws;

import static dev.fivenines.testing.aws.Tables.create;
import static dev.fivenines.testing.aws.Tables.item;
import static dev.fivenines.testing.aws.Tables.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Writes to a global table reach every other replica; writes to other tables stay where they were made. */
@WithLocalCloud(replicaChangeMillis = 200)
class WriteReplicationTest {

    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");

    private static SdkClients clients;
    private static Map<String, DynamoDbClient> dynamoDb;

    @BeforeAll
    static void clients(LocalCloud cloud) {
        clients = new SdkClients(cloud);
        dynamoDb = Map.of(REGIONS.get(0), clients.dynamoDb(REGIONS.get(0)), REGIONS.get(1), clients.dynamoDb(REGIONS.get(1)),
                REGIONS.get(2), clients.dynamoDb(REGIONS.get(2)));
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @Test
    void putUpdateAndDeleteInOneRegionReachEveryOtherReplica() {
        String table = globalTable("single-writes");
        DynamoDbClient east = dynamoDb.get("us-east-1");

        east.putItem(b -> b.tableName(table).item(item("tenant", "a", "created")));
        awaitEverywhere(table, "tenant", "a", "created");

        dynamoDb.get("eu-west-1").updateItem(b -> b.tableName(table).key(key("tenant", "a"))
                .updateExpression("SET #v = :v").expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("updated in Europe"))));
        awaitEverywhere(table, "tenant", "a", "updated in Europe");

        dynamoDb.get("us-west-2").deleteItem(b -> b.tableName(table).key(key("tenant", "a")));
        awaitEverywhere(table, "tenant", "a", null);
    }

    @Test
    void batchAndTransactionalWritesAreReplicatedItemByItem() {
        String table = globalTable("batch-transact");
        DynamoDbClient west = dynamoDb.get("us-west-2");
        west.putItem(b -> b.tableName(table).item(item("tenant", "doomed", "x")));
        awaitEverywhere(table, "tenant", "doomed", "x");

        west.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                WriteRequest.builder().putRequest(p -> p.item(item("tenant", "b1", "batch"))).build(),
                WriteRequest.builder().putRequest(p -> p.item(item("tenant", "b2", "batch"))).build(),
                WriteRequest.builder().deleteRequest(d -> d.key(key("tenant", "doomed"))).build()))));
        dynamoDb.get("eu-west-1").transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("tenant", "t1", "transaction"))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("tenant", "b1"))
                        .updateExpression("SET #v = :v").expressionAttributeNames(Map.of("#v", "value"))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("batch then transaction")))).build()));

        awaitEverywhere(table, "tenant", "b1", "batch then transaction");
        awaitEverywhere(table, "tenant", "b2", "batch");
        awaitEverywhere(table, "tenant", "t1", "transaction");
        awaitEverywhere(table, "tenant", "doomed", null);
    }

    @Test
    void itemValuesArriveUnchangedEvenWhenTheyLookLikeTheFixturesArns() {
        String table = globalTable("arn-values");
        String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table;

        dynamoDb.get("us-east-1").putItem(b -> b.tableName(table).item(item("tenant", "a", arn)));

        awaitEverywhere(table, "tenant", "a", arn);
    }

    @Test
    void writesToATableWithoutReplicasStayInTheirRegion() {
        String table = Tables.uniqueName("regional");
        for (DynamoDbClient client : dynamoDb.values()) {
            Tables.createWithStream(client, table);
        }
        dynamoDb.get("us-east-1").putItem(b -> b.tableName(table).item(item("tenant", "a", "east only")));
        String marker = globalTable("marker");
        dynamoDb.get("us-east-1").putItem(b -> b.tableName(marker).item(item("tenant", "later", "x")));
        awaitEverywhere(marker, "tenant", "later", "x");

        assertThat(value(dynamoDb.get("us-west-2"), table, "tenant", "a")).isNull();
        assertThat(value(dynamoDb.get("eu-west-1"), table, "tenant", "a")).isNull();
        assertThat(value(dynamoDb.get("us-east-1"), table, "tenant", "a")).isEqualTo("east only");
    }

    @Test
    void writesAfterAReplicaWasRemovedNoLongerReachIt() {
        String table = globalTable("after-removal");
        DynamoDbClient east = dynamoDb.get("us-east-1");
        east.updateTable(b -> b.tableName(table).replicaUpdates(Tables.delete("eu-west-1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !dynamoDb.get("eu-west-1").listTables().tableNames().contains(table));

        east.putItem(b -> b.tableName(table).item(item("tenant", "a", "two regions")));

        await().atMost(Duration.ofSeconds(10)).until(() -> "two regions".equals(value(dynamoDb.get("us-west-2"), table, "tenant", "a")));
        assertThat(dynamoDb.get("eu-west-1").listTables().tableNames()).doesNotContain(table);
    }

    /** A table in us-east-1 with ACTIVE replicas in the other two regions. */
    private static String globalTable(String purpose) {
        String table = Tables.uniqueName(purpose);
        DynamoDbClient east = dynamoDb.get("us-east-1");
        Tables.createWithStream(east, table);
        for (String region : REGIONS.subList(1, REGIONS.size())) {
            east.updateTable(b -> b.tableName(table).replicaUpdates(create(region)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> east.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);
        }
        return table;
    }

    private static void awaitEverywhere(String table, String pk, String sk, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String region : REGIONS) {
                assertThat(value(dynamoDb.get(region), table, pk, sk)).as("value in %s", region).isEqualTo(expected);
            }
        });
    }

    static String value(DynamoDbClient client, String table, String pk, String sk) {
        Map<String, AttributeValue> found = client.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return found == null || found.isEmpty() ? null : found.get("value").s();
    }
}
