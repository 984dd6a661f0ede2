package dev.fivenines.testing.aws;

import static dev.fivenines.testing.aws.Tables.create;
import static dev.fivenines.testing.aws.Tables.delete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** The replica control API of global tables (version 2019.11.21) as the local cloud emulates it. */
@WithLocalCloud(replicaChangeMillis = 1500)
class GlobalTableEmulationTest {

    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final String EUROPE = "eu-west-1";

    private static SdkClients clients;
    private static DynamoDbClient east;
    private static DynamoDbClient west;
    private static DynamoDbClient europe;

    @BeforeAll
    static void clients(LocalCloud cloud) {
        clients = new SdkClients(cloud);
        east = clients.dynamoDb(EAST);
        west = clients.dynamoDb(WEST);
        europe = clients.dynamoDb(EUROPE);
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @Test
    void aNewReplicaIsCreatingThenActiveAndHoldsTheItemsTheTableHadBefore() {
        String table = Tables.uniqueName("lifecycle");
        Tables.createWithStream(east, table);
        east.putItem(b -> b.tableName(table).item(Tables.item("tenant-1", "user-1", "before")));

        TableDescription answer = east.updateTable(b -> b.tableName(table).replicaUpdates(create(WEST))).tableDescription();

        assertThat(answer.tableStatus()).isEqualTo(TableStatus.UPDATING);
        assertThat(answer.replicas()).extracting(ReplicaDescription::regionName, ReplicaDescription::replicaStatus)
                .containsExactly(tuple(WEST, ReplicaStatus.CREATING));
        assertThat(answer.globalTableVersion()).isEqualTo("2019.11.21");
        assertThat(describe(west, table).tableStatus()).isEqualTo(TableStatus.CREATING);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(describe(east, table).tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(describe(east, table).replicas()).extracting(ReplicaDescription::replicaStatus)
                    .containsExactly(ReplicaStatus.ACTIVE);
        });
        TableDescription westTable = describe(west, table);
        assertThat(westTable.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(westTable.replicas()).extracting(ReplicaDescription::regionName).containsExactly(EAST);
        assertThat(westTable.keySchema()).isEqualTo(describe(east, table).keySchema());
        assertThat(westTable.streamSpecification()).isEqualTo(describe(east, table).streamSpecification());
        assertThat(westTable.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(west.getItem(b -> b.tableName(table).key(Tables.key("tenant-1", "user-1"))).item())
                .containsEntry("value", AttributeValue.fromS("before"));
    }

    @Test
    void aSecondReplicaChangeWhileOneIsUnderWayIsRefusedWithResourceInUseAsDynamoDbDoes() {
        String table = Tables.uniqueName("one-at-a-time");
        Tables.createWithStream(east, table);
        east.updateTable(b -> b.tableName(table).replicaUpdates(create(WEST)));

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(table).replicaUpdates(create(EUROPE))))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Attempt to change a resource which is still in use: Table is being updated: " + table);
        assertThatThrownBy(() -> west.updateTable(b -> b.tableName(table).replicaUpdates(delete(EAST))))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Attempt to change a resource which is still in use: Table is being created: " + table);
        assertThatThrownBy(() -> east.deleteTable(b -> b.tableName(table)))
                .isInstanceOf(ResourceInUseException.class);
        assertThat(europe.listTables().tableNames()).doesNotContain(table);

        await().atMost(Duration.ofSeconds(10)).until(() -> describe(east, table).tableStatus() == TableStatus.ACTIVE);
        east.updateTable(b -> b.tableName(table).replicaUpdates(create(EUROPE)));
        assertThat(describe(east, table).replicas()).extracting(ReplicaDescription::regionName, ReplicaDescription::replicaStatus)
                .containsExactlyInAnyOrder(
                        tuple(WEST, ReplicaStatus.ACTIVE),
                        tuple(EUROPE, ReplicaStatus.CREATING));
    }

    @Test
    void aReplicaInTheRegionCalledIsRefusedWithDynamoDbsMessage() {
        String table = Tables.uniqueName("local-region");
        Tables.createWithStream(east, table);

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(table).replicaUpdates(create(EAST))))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageStartingWith("Cannot add, delete, or update the local region through ReplicaUpdates.");
    }

    @Test
    void aReplicaWhereATableOfThatNameAlreadyExistsIsRefused() {
        String table = Tables.uniqueName("exists-there");
        Tables.createWithStream(east, table);
        Tables.createWithStream(west, table);

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(table).replicaUpdates(create(WEST))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("one or more replicas already existed as tables");
        assertThat(describe(east, table).replicas()).isEmpty();
    }

    @Test
    void aTableWithoutANewAndOldImagesStreamCannotGetReplicas() {
        String table = Tables.uniqueName("no-stream");
        east.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(table).replicaUpdates(create(WEST))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("NEW_AND_OLD_IMAGES");
        assertThat(west.listTables().tableNames()).doesNotContain(table);
    }

    @Test
    void aReplicaOfAMissingTableIsRefusedWithResourceNotFound() {
        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(Tables.uniqueName("missing")).replicaUpdates(create(WEST))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aRemovedReplicaIsDeletingThenItsTableIsGone() {
        String table = Tables.uniqueName("removal");
        Tables.createWithStream(east, table);
        east.updateTable(b -> b.tableName(table).replicaUpdates(create(WEST)));
        await().atMost(Duration.ofSeconds(10)).until(() -> describe(east, table).tableStatus() == TableStatus.ACTIVE);

        east.updateTable(b -> b.tableName(table).replicaUpdates(delete(WEST)));

        assertThat(describe(east, table).replicas()).extracting(ReplicaDescription::replicaStatus)
                .containsExactly(ReplicaStatus.DELETING);
        assertThat(describe(west, table).tableStatus()).isEqualTo(TableStatus.DELETING);
        await().atMost(Duration.ofSeconds(10)).until(() -> !west.listTables().tableNames().contains(table));
        TableDescription eastTable = describe(east, table);
        assertThat(eastTable.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(eastTable.replicas()).isEmpty();
    }

    @Test
    void removingAReplicaThatIsNotThereIsRefused() {
        String table = Tables.uniqueName("not-a-replica");
        Tables.createWithStream(east, table);

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(table).replicaUpdates(delete(WEST))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Replica specified in the Replica Update or Replica Delete action of the request was not found");
    }

    @Test
    void indexesAreCreatedInTheReplicaAndTagsAreKeptPerRegionWithoutBeingCopied() {
        String table = Tables.uniqueName("indexes-tags");
        east.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("email").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-email")
                        .keySchema(KeySchemaElement.builder().attributeName("email").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES"))
                .tags(Tag.builder().key("fivenines.dev/owner").value("team-a/auth").build()));
        String arn = describe(east, table).tableArn();
        assertThat(arn).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + table);
        east.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("cost-centre").value("42").build()));

        east.updateTable(b -> b.tableName(table).replicaUpdates(create(WEST)));

        assertThat(east.listTagsOfResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(tuple("fivenines.dev/owner", "team-a/auth"),
                        tuple("cost-centre", "42"));
        TableDescription westTable = describe(west, table);
        assertThat(westTable.globalSecondaryIndexes()).extracting(index -> index.indexName()).containsExactly("by-email");
        assertThat(west.listTagsOfResource(b -> b.resourceArn(westTable.tableArn())).tags()).isEmpty();
        east.untagResource(b -> b.resourceArn(arn).tagKeys("cost-centre"));
        assertThat(east.listTagsOfResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key)
                .containsExactly("fivenines.dev/owner");
    }

    @Test
    void aTableWithoutReplicasIsDescribedAsDynamoDbLocalDescribesIt() {
        String table = Tables.uniqueName("plain");
        Tables.createWithStream(east, table);

        TableDescription description = describe(east, table);

        assertThat(description.replicas()).isEmpty();
        assertThat(description.globalTableVersion()).isNull();
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    }

    private static TableDescription describe(DynamoDbClient client, String table) {
        return client.describeTable(b -> b.tableName(table)).table();
    }
}
