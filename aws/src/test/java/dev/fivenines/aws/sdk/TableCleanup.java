package dev.fivenines.aws.sdk;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.TableStatus;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Deletes a test's table in every region: waits for pending changes, removes the replicas, then the table. */
final class TableCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(TableCleanup.class);

    private TableCleanup() {
    }

    static void deleteEverywhere(AwsAdapters aws, Target target, String table) {
        List<String> regions = target.regions();
        String home = regions.get(0);
        try {
            await().atMost(target.tableTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> aws.globalTables().describe(home, table)
                            .map(state -> state.status() == TableStatus.ACTIVE
                                    && state.replicas().values().stream().allMatch(status -> status == ReplicaStatus.ACTIVE))
                            .orElse(true));
            for (String region : regions.subList(1, regions.size())) {
                delete(aws, region, table);
                await().atMost(target.tableTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> aws.globalTables().describe(region, table).isEmpty());
            }
            await().atMost(target.tableTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> aws.globalTables().describe(home, table)
                            .map(state -> state.status() == TableStatus.ACTIVE && state.replicas().size() == 1).orElse(true));
            delete(aws, home, table);
        } catch (RuntimeException e) {
            LOG.warn("Could not clean up table {}: {}", table, e.toString());
        }
    }

    private static void delete(AwsAdapters aws, String region, String table) {
        try {
            aws.clients().dynamoDb(region).deleteTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException gone) {
            LOG.debug("Table {} already gone from {}", table, region);
        } catch (SdkException e) {
            LOG.warn("Deleting table {} in {}: {}", table, region, e.getMessage());
        }
    }
}
