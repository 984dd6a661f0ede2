package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.GlobalIndex;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.ReplicaChange;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.ResourceBusy;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** What {@link SdkGlobalTables} does, the same against the local cloud and against AWS. */
abstract class GlobalTablesContract {

    protected AwsAdapters aws;
    protected String home;
    protected String second;
    protected String third;
    private final List<String> tables = new ArrayList<>();

    abstract Target target();

    @BeforeEach
    void adapters() {
        aws = AwsAdapters.create(target().settings());
        home = target().regions().get(0);
        second = target().regions().get(1);
        third = target().regions().get(2);
    }

    @AfterEach
    void cleanUp() {
        if (aws == null) {
            return;
        }
        try {
            tables.forEach(table -> TableCleanup.deleteEverywhere(aws, target(), table));
        } finally {
            aws.close();
        }
    }

    @Test
    void aTableThatDoesNotExistIsDescribedAsNothing() {
        assertThat(aws.globalTables().describe(home, target().unique("absent"))).isEmpty();
    }

    @Test
    void aCreatedTableIsTheOwnersOnDemandWithANewAndOldImagesStreamInItsHomeRegionOnly() {
        String table = table("created");
        String owner = target().unique("owner");

        aws.globalTables().create(home, spec(table, owner));

        TableState state = awaitActive(home, table);
        assertThat(state.owner()).contains(owner);
        assertThat(state.isOwnedBy(owner)).isTrue();
        assertThat(state.partitionKey()).isEqualTo(KeyAttribute.string("pk"));
        assertThat(state.sortKey()).contains(KeyAttribute.string("sk"));
        assertThat(state.globalIndexes()).containsExactly("by-email");
        assertThat(state.payPerRequest()).isTrue();
        assertThat(state.streamsNewAndOldImages()).isTrue();
        assertThat(state.replicas()).isEqualTo(Map.of(home, ReplicaStatus.ACTIVE));
        assertThat(aws.globalTables().describe(second, table)).isEmpty();
    }

    @Test
    void creatingAgainDoesNothingForTheOwnerAndIsRefusedForAnyoneElse() {
        String table = table("again");
        String owner = target().unique("owner");
        aws.globalTables().create(home, spec(table, owner));
        awaitActive(home, table);

        aws.globalTables().create(home, spec(table, owner));

        assertThatThrownBy(() -> aws.globalTables().create(home, spec(table, "someone-else")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("belongs to " + owner)
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isFalse());
        assertThat(aws.globalTables().describe(home, table).orElseThrow().owner()).contains(owner);
    }

    @Test
    void replicasAreAddedOneChangeAtATimeAndRemovedAgain() {
        String table = table("replicas");
        String owner = target().unique("owner");
        aws.globalTables().create(home, spec(table, owner));
        awaitActive(home, table);

        assertThat(aws.globalTables().addReplica(owner, home, table, second)).isEqualTo(ReplicaChange.STARTED);

        assertThatThrownBy(() -> aws.globalTables().addReplica(owner, home, table, third))
                .isInstanceOf(ResourceBusy.class)
                .hasMessageContaining("one replica change at a time")
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isTrue());
        assertThat(aws.globalTables().addReplica(owner, home, table, second)).isEqualTo(ReplicaChange.NOTHING_TO_DO);
        TableState settled = awaitSettled(home, table);
        assertThat(settled.replicas()).isEqualTo(Map.of(home, ReplicaStatus.ACTIVE, second, ReplicaStatus.ACTIVE));
        TableState replica = aws.globalTables().describe(second, table).orElseThrow();
        assertThat(replica.replicas()).containsKeys(home, second);
        assertThat(replica.partitionKey()).isEqualTo(KeyAttribute.string("pk"));

        assertThat(aws.globalTables().removeReplica(owner, home, table, second)).isEqualTo(ReplicaChange.STARTED);

        await().atMost(target().tableTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                // "not yet, ask again" (e.g. a replica's tags while it is being removed) is what a poller retries
                .ignoreException(ResourceBusy.class)
                .until(() -> aws.globalTables().describe(second, table).isEmpty());
        assertThat(awaitSettled(home, table).replicas()).isEqualTo(Map.of(home, ReplicaStatus.ACTIVE));
        assertThat(aws.globalTables().removeReplica(owner, home, table, second)).isEqualTo(ReplicaChange.NOTHING_TO_DO);
    }

    @Test
    void replicasOfATableSomeoneElseOwnsAreNeitherAddedNorRemoved() {
        String table = table("others");
        aws.globalTables().create(home, spec(table, "the-owner"));
        awaitActive(home, table);

        assertThatThrownBy(() -> aws.globalTables().addReplica("not-the-owner", home, table, second))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("belongs to the-owner");
        assertThatThrownBy(() -> aws.globalTables().removeReplica("not-the-owner", home, table, second))
                .isInstanceOf(NotOwned.class);
        assertThat(aws.globalTables().describe(home, table).orElseThrow().replicas()).containsOnlyKeys(home);
    }

    @Test
    void aTableNotCreatedByFiveninesIsAdoptedOnlyWhenAskedAndOnlyByOneOwner() {
        String table = table("adopted");
        createUntagged(home, table);
        awaitActive(home, table);
        String owner = target().unique("owner");

        assertThatThrownBy(() -> aws.globalTables().addReplica(owner, home, table, second))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("has no fivenines.dev/owner tag");

        aws.globalTables().adopt(owner, home, table);
        aws.globalTables().adopt(owner, home, table);

        assertThat(aws.globalTables().describe(home, table).orElseThrow().owner()).contains(owner);
        assertThatThrownBy(() -> aws.globalTables().adopt("another-owner", home, table)).isInstanceOf(NotOwned.class);
    }

    @Test
    void aReplicaWhereAnUnrelatedTableOfTheSameNameExistsIsAConflict() {
        String table = table("clash");
        String owner = target().unique("owner");
        aws.globalTables().create(home, spec(table, owner));
        createUntagged(second, table);
        awaitActive(home, table);
        awaitActive(second, table);

        assertThatThrownBy(() -> aws.globalTables().addReplica(owner, home, table, second))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("already exists in " + second);
        assertThat(aws.globalTables().describe(home, table).orElseThrow().replicas()).containsOnlyKeys(home);
    }

    protected String table(String purpose) {
        String table = target().unique(purpose);
        tables.add(table);
        return table;
    }

    protected static TableSpec spec(String table, String owner) {
        return new TableSpec(table, KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")),
                List.of(GlobalIndex.all("by-email", KeyAttribute.string("email"), Optional.empty())), owner,
                Map.of("purpose", "fivenines-contract-test"));
    }

    protected void createUntagged(String region, String table) {
        aws.clients().dynamoDb(region).createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    protected TableState awaitActive(String region, String table) {
        return await().atMost(target().tableTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                // "not yet, ask again" (e.g. a replica's tags while it is being removed) is what a poller retries
                .ignoreException(ResourceBusy.class)
                .until(() -> aws.globalTables().describe(region, table).orElse(null),
                        state -> state != null && state.status() == TableStatus.ACTIVE);
    }

    protected TableState awaitSettled(String region, String table) {
        return await().atMost(target().tableTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                // "not yet, ask again" (e.g. a replica's tags while it is being removed) is what a poller retries
                .ignoreException(ResourceBusy.class)
                .until(() -> aws.globalTables().describe(region, table).orElse(null),
                        state -> state != null && state.changeInProgress().isEmpty());
    }
}
