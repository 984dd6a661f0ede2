package dev.fivenines.testing.aws;

import static dev.fivenines.testing.aws.Tables.create;
import static dev.fivenines.testing.aws.Tables.item;
import static dev.fivenines.testing.aws.WriteReplicationTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * With replication lagging 1 s behind, writes to the same item in two regions: each region first sees its own write,
 * and both converge on the write acknowledged last. Without the last-writer-wins rule the earlier write's late
 * replication would overwrite the later write in the second region.
 */
@WithLocalCloud(regions = {"us-east-1", "us-west-2"}, replicaChangeMillis = 100, replicationDelayMillis = 1000, route53 = false)
class LastWriterWinsTest {

    private static SdkClients clients;
    private static DynamoDbClient east;
    private static DynamoDbClient west;

    @BeforeAll
    static void clients(LocalCloud cloud) {
        clients = new SdkClients(cloud);
        east = clients.dynamoDb("us-east-1");
        west = clients.dynamoDb("us-west-2");
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @Test
    void replicationLagsAndConcurrentWritesConvergeOnTheLastAcknowledged(LocalCloud cloud) {
        String table = Tables.uniqueName("last-writer");
        Tables.createWithStream(east, table);
        east.updateTable(b -> b.tableName(table).replicaUpdates(create("us-west-2")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> east.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);

        east.putItem(b -> b.tableName(table).item(item("tenant", "a", "first, in the east")));
        west.putItem(b -> b.tableName(table).item(item("tenant", "a", "second, in the west")));

        assertThat(value(east, table, "tenant", "a")).isEqualTo("first, in the east");
        assertThat(value(west, table, "tenant", "a")).isEqualTo("second, in the west");
        assertThat(cloud.pendingReplication()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> cloud.pendingReplication() == 0);
        assertThat(value(east, table, "tenant", "a")).isEqualTo("second, in the west");
        assertThat(value(west, table, "tenant", "a")).isEqualTo("second, in the west");
    }
}
