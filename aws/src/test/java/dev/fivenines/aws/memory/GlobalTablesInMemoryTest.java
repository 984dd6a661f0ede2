package dev.fivenines.aws.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.GlobalTablesContract;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.TableStatus;

/** The global-tables contract on the in-memory fake (each change in progress for two describe calls), and its clock. */
class GlobalTablesInMemoryTest extends GlobalTablesContract {

    @Override
    protected Fixture openFixture() {
        MemoryGlobalTables memory = new MemoryGlobalTables(2);
        return new Fixture() {
            @Override
            public GlobalTables tables() {
                return memory;
            }

            @Override
            public List<String> regions() {
                return List.of("us-east-1", "us-west-2", "eu-west-1");
            }

            @Override
            public Duration changeTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(1);
            }

            @Override
            public void createUntagged(String region, String table) {
                memory.createByHand(region, table, KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")));
            }

            @Override
            public void deleteEverywhere(String table) {
                // each test has a fake of its own
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Test
    void aChangeIsInProgressForTheGivenNumberOfDescribeCallsOnAnyRegionOfTheTable() {
        MemoryGlobalTables memory = new MemoryGlobalTables(2);
        memory.create("us-east-1", spec("fivenines-auth", "team/auth"));

        assertThat(memory.describe("us-east-1", "fivenines-auth").orElseThrow().status()).isEqualTo(TableStatus.CREATING);
        assertThat(memory.describe("us-east-1", "fivenines-auth").orElseThrow().status()).isEqualTo(TableStatus.CREATING);
        assertThat(memory.describe("us-east-1", "fivenines-auth").orElseThrow().status()).isEqualTo(TableStatus.ACTIVE);

        memory.addReplica("team/auth", "us-east-1", "fivenines-auth", "us-west-2");

        assertThat(memory.describe("us-west-2", "fivenines-auth").orElseThrow().status()).isEqualTo(TableStatus.CREATING);
        var home = memory.describe("us-east-1", "fivenines-auth").orElseThrow();
        assertThat(home.status()).isEqualTo(TableStatus.UPDATING);
        assertThat(home.replicas()).containsEntry("us-west-2", ReplicaStatus.CREATING);
        assertThat(memory.describe("us-west-2", "fivenines-auth").orElseThrow().replicas())
                .containsEntry("us-west-2", ReplicaStatus.ACTIVE).containsEntry("us-east-1", ReplicaStatus.ACTIVE);
    }

    @Test
    void finishingTheChangesEndsThemWithoutDescribeCalls() {
        MemoryGlobalTables memory = new MemoryGlobalTables(5);
        memory.create("us-east-1", spec("fivenines-auth", "team/auth"));
        memory.finishChanges();
        memory.addReplica("team/auth", "us-east-1", "fivenines-auth", "us-west-2");
        memory.finishChanges();
        memory.removeReplica("team/auth", "us-east-1", "fivenines-auth", "us-west-2");

        memory.finishChanges();

        assertThat(memory.describe("us-west-2", "fivenines-auth")).isEmpty();
        assertThat(memory.describe("us-east-1", "fivenines-auth").orElseThrow().changeInProgress()).isEmpty();
    }
}
