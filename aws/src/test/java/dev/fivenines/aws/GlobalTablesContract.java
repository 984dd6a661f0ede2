package dev.fivenines.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GlobalTables} does: the SDK adapter on the local cloud and on AWS, and the in-memory fake. A
 * subclass gives a {@link Fixture}: the port, three regions, and what a test does behind the port's back.
 */
public abstract class GlobalTablesContract {

    /** Where the contract runs. */
    public interface Fixture extends AutoCloseable {

        GlobalTables tables();

        /** Three regions, the home region first. */
        List<String> regions();

        /** How long a table or replica may take to become ACTIVE or go away. */
        Duration changeTimeout();

        /** How often a test looks again while it waits for a change. */
        default Duration pollInterval() {
            return Duration.ofMillis(200);
        }

        /**
         * Creates, as a person would, a table Fivenines did not create (no owner tag): string keys {@code pk} and
         * {@code sk}, on demand, with a NEW_AND_OLD_IMAGES stream.
         */
        void createUntagged(String region, String table);

        /** Removes a test's table in every region; a failure is logged, not thrown. */
        void deleteEverywhere(String table);

        @Override
        void close();
    }

    protected Fixture fixture;
    protected GlobalTables tables;
    protected String home;
    protected String second;
    protected String third;
    private final List<String> created = new ArrayList<>();

    /** A fixture for one test, closed after it (a subclass may skip the test here, saying why). */
    protected abstract Fixture openFixture();

    @BeforeEach
    void open() {
        fixture = openFixture();
        tables = fixture.tables();
        home = fixture.regions().get(0);
        second = fixture.regions().get(1);
        third = fixture.regions().get(2);
    }

    @AfterEach
    void cleanUp() {
        if (fixture == null) {
            return;
        }
        try {
            created.forEach(fixture::deleteEverywhere);
        } finally {
            fixture.close();
        }
    }

    @Test
    void aTableThatDoesNotExistIsDescribedAsNothing() {
        assertThat(tables.describe(home, unique("absent"))).isEmpty();
    }

    @Test
    void aCreatedTableIsTheOwnersOnDemandWithANewAndOldImagesStreamInItsHomeRegionOnly() {
        String table = table("created");
        String owner = unique("owner");

        tables.create(home, spec(table, owner));

        TableState state = awaitActive(home, table);
        assertThat(state.owner()).contains(owner);
        assertThat(state.isOwnedBy(owner)).isTrue();
        assertThat(state.partitionKey()).isEqualTo(KeyAttribute.string("pk"));
        assertThat(state.sortKey()).contains(KeyAttribute.string("sk"));
        assertThat(state.globalIndexes()).containsExactly("by-email");
        assertThat(state.payPerRequest()).isTrue();
        assertThat(state.streamsNewAndOldImages()).isTrue();
        assertThat(state.replicas()).isEqualTo(Map.of(home, ReplicaStatus.ACTIVE));
        assertThat(state.arn()).as("the ARN DynamoDB gives the table").matches("arn:aws:dynamodb:[a-z0-9-]+:[0-9]{12}:table/" + table);
        assertThat(tables.describe(second, table)).isEmpty();
    }

    @Test
    void creatingAgainDoesNothingForTheOwnerAndIsRefusedForAnyoneElse() {
        String table = table("again");
        String owner = unique("owner");
        tables.create(home, spec(table, owner));
        awaitActive(home, table);

        tables.create(home, spec(table, owner));

        assertThatThrownBy(() -> tables.create(home, spec(table, "someone-else")))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("belongs to " + owner)
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isFalse());
        assertThat(tables.describe(home, table).orElseThrow().owner()).contains(owner);
    }

    @Test
    void replicasAreAddedOneChangeAtATimeAndRemovedAgain() {
        String table = table("replicas");
        String owner = unique("owner");
        tables.create(home, spec(table, owner));
        awaitActive(home, table);

        assertThat(tables.addReplica(owner, home, table, second)).isEqualTo(ReplicaChange.STARTED);

        assertThatThrownBy(() -> tables.addReplica(owner, home, table, third))
                .isInstanceOf(ResourceBusy.class)
                .hasMessageContaining("one replica change at a time")
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isTrue());
        assertThat(tables.addReplica(owner, home, table, second)).isEqualTo(ReplicaChange.NOTHING_TO_DO);
        TableState settled = awaitSettled(home, table);
        assertThat(settled.replicas()).isEqualTo(Map.of(home, ReplicaStatus.ACTIVE, second, ReplicaStatus.ACTIVE));
        TableState replica = tables.describe(second, table).orElseThrow();
        assertThat(replica.replicas()).containsKeys(home, second);
        assertThat(replica.partitionKey()).isEqualTo(KeyAttribute.string("pk"));

        assertThat(tables.removeReplica(owner, home, table, second)).isEqualTo(ReplicaChange.STARTED);

        await().atMost(fixture.changeTimeout()).pollDelay(Duration.ZERO).pollInterval(fixture.pollInterval())
                // "not yet, ask again" (e.g. a replica's tags while it is being removed) is what a poller retries
                .ignoreException(ResourceBusy.class)
                .until(() -> tables.describe(second, table).isEmpty());
        assertThat(awaitSettled(home, table).replicas()).isEqualTo(Map.of(home, ReplicaStatus.ACTIVE));
        assertThat(tables.removeReplica(owner, home, table, second)).isEqualTo(ReplicaChange.NOTHING_TO_DO);
    }

    @Test
    void replicasOfATableSomeoneElseOwnsAreNeitherAddedNorRemoved() {
        String table = table("others");
        tables.create(home, spec(table, "the-owner"));
        awaitActive(home, table);

        assertThatThrownBy(() -> tables.addReplica("not-the-owner", home, table, second))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("belongs to the-owner");
        assertThatThrownBy(() -> tables.removeReplica("not-the-owner", home, table, second))
                .isInstanceOf(NotOwned.class);
        assertThat(tables.describe(home, table).orElseThrow().replicas()).containsOnlyKeys(home);
    }

    @Test
    void aTableNotCreatedByFiveninesIsAdoptedOnlyWhenAskedAndOnlyByOneOwner() {
        String table = table("adopted");
        fixture.createUntagged(home, table);
        awaitActive(home, table);
        String owner = unique("owner");

        assertThatThrownBy(() -> tables.addReplica(owner, home, table, second))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("has no fivenines.dev/owner tag");

        tables.adopt(owner, home, table);
        tables.adopt(owner, home, table);

        assertThat(tables.describe(home, table).orElseThrow().owner()).contains(owner);
        assertThatThrownBy(() -> tables.adopt("another-owner", home, table)).isInstanceOf(NotOwned.class);
    }

    @Test
    void aReplicaWhereAnUnrelatedTableOfTheSameNameExistsIsAConflict() {
        String table = table("clash");
        String owner = unique("owner");
        tables.create(home, spec(table, owner));
        fixture.createUntagged(second, table);
        awaitActive(home, table);
        awaitActive(second, table);

        assertThatThrownBy(() -> tables.addReplica(owner, home, table, second))
                .isInstanceOf(NotOwned.class)
                .hasMessageContaining("already exists in " + second);
        assertThat(tables.describe(home, table).orElseThrow().replicas()).containsOnlyKeys(home);
    }

    /** A name no other test run uses, e.g. for tables and owners. */
    protected static String unique(String purpose) {
        return "fivenines-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A unique table name, removed everywhere after the test. */
    protected String table(String purpose) {
        String table = unique(purpose);
        created.add(table);
        return table;
    }

    protected static TableSpec spec(String table, String owner) {
        return new TableSpec(table, KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")),
                List.of(GlobalIndex.all("by-email", KeyAttribute.string("email"), Optional.empty())), owner,
                Map.of("purpose", "fivenines-contract-test"));
    }

    protected TableState awaitActive(String region, String table) {
        return await().atMost(fixture.changeTimeout()).pollDelay(Duration.ZERO).pollInterval(fixture.pollInterval())
                // "not yet, ask again" (e.g. a replica's tags while it is being removed) is what a poller retries
                .ignoreException(ResourceBusy.class)
                .until(() -> tables.describe(region, table).orElse(null),
                        state -> state != null && state.status() == TableStatus.ACTIVE);
    }

    protected TableState awaitSettled(String region, String table) {
        return await().atMost(fixture.changeTimeout()).pollDelay(Duration.ZERO).pollInterval(fixture.pollInterval())
                // "not yet, ask again" (e.g. a replica's tags while it is being removed) is what a poller retries
                .ignoreException(ResourceBusy.class)
                .until(() -> tables.describe(region, table).orElse(null),
                        state -> state != null && state.changeInProgress().isEmpty());
    }
}
