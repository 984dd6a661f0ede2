package dev.fivenines.aws.sdk;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.RolloutLedger;
import dev.fivenines.aws.RolloutLedgerContract;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableStatus;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.WithLocalCloud;

/**
 * The rollout-ledger contract on the local cloud: a global table with replicas in the first two regions (written
 * through the SDK, replicated by the global-table emulation), none in the third.
 */
@WithLocalCloud
class RolloutLedgerOnLocalCloudTest extends RolloutLedgerContract {

    private static LocalTarget target;
    private static AwsAdapters aws;
    private static String table;

    @BeforeAll
    static void createTable(LocalCloud cloud) {
        target = LocalTarget.on(cloud);
        aws = AwsAdapters.create(target.settings());
        table = "ledger-" + UUID.randomUUID().toString().substring(0, 8) + "-auth";
        List<String> regions = target.regions();
        aws.globalTables().create(regions.get(0), new TableSpec(table, KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")),
                List.of(), "ledger-test", Map.of()));
        awaitSettled(regions.get(0));
        aws.globalTables().addReplica("ledger-test", regions.get(0), table, regions.get(1));
        awaitSettled(regions.get(0));
    }

    private static void awaitSettled(String region) {
        await().atMost(target.tableTimeout()).pollInterval(Duration.ofMillis(200)).until(() -> aws.globalTables().describe(region, table)
                .map(state -> state.status() == TableStatus.ACTIVE && state.replicas().values().stream().allMatch(s -> s == ReplicaStatus.ACTIVE))
                .orElse(false));
    }

    @AfterAll
    static void deleteTable() {
        if (aws != null) {
            TableCleanup.deleteEverywhere(aws, target, table);
            aws.close();
        }
    }

    @Override
    protected Fixture openFixture() {
        return new Fixture() {
            @Override
            public RolloutLedger ledger() {
                return aws.rolloutLedger();
            }

            @Override
            public String table() {
                return table;
            }

            @Override
            public String home() {
                return target.regions().get(0);
            }

            @Override
            public String other() {
                return target.regions().get(1);
            }

            @Override
            public String withoutTable() {
                return target.regions().get(2);
            }

            @Override
            public Duration replication() {
                return Duration.ofSeconds(5);
            }

            @Override
            public void close() {
                // the table is the class's; each test uses a rollout name of its own
            }
        };
    }
}
