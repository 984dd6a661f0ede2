package dev.fivenines.auth.storage;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;

/**
 * Three regions of the local cloud (a DynamoDB Local each, on 127.0.0.1) with the runtime's tables as global
 * tables: created in the first region, replicas added in the other two, writes replicated between them.
 */
public final class ThreeRegions implements AutoCloseable {

    public static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");

    private final LocalCloud cloud;

    private ThreeRegions(LocalCloud cloud) {
        this.cloud = cloud;
    }

    public static ThreeRegions start(String tablePrefix) {
        LocalCloud cloud = LocalCloud.builder().regions(REGIONS).route53(false).replicaChangeDuration(Duration.ZERO).start();
        ThreeRegions regions = new ThreeRegions(cloud);
        try (DynamoDbClient home = regions.client(REGIONS.get(0), Duration.ofSeconds(10))) {
            for (var table : AuthTables.all(tablePrefix)) {
                home.createTable(table);
                for (String replica : REGIONS.subList(1, REGIONS.size())) {
                    home.updateTable(b -> b.tableName(table.tableName())
                            .replicaUpdates(ReplicationGroupUpdate.builder().create(c -> c.regionName(replica)).build()));
                    awaitActive(home, table.tableName(), replica);
                }
            }
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
        return regions;
    }

    private static void awaitActive(DynamoDbClient home, String table, String replica) {
        await("replica " + replica + " of " + table + " ACTIVE").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> home.describeTable(b -> b.tableName(table)).table().replicas().stream()
                        .anyMatch(r -> r.regionName().equals(replica) && r.replicaStatus() == ReplicaStatus.ACTIVE));
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public URI endpoint(String region) {
        return cloud.dynamoDbEndpoint(region);
    }

    /** The runtime's {@code fivenines.storage.endpoints} setting for these regions. */
    public String endpointsSetting() {
        return String.join(",", REGIONS.stream().map(r -> r + "=" + endpoint(r)).toList());
    }

    /** A plain client of one region, with a short call budget as the runtime's hops have. */
    public DynamoDbClient client(String region, Duration budget) {
        return DynamoDbClient.builder().region(Region.of(region)).endpointOverride(endpoint(region))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(250)).socketTimeout(budget).build())
                .overrideConfiguration(c -> c.apiCallTimeout(budget).retryStrategy(r -> r.maxAttempts(2)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY)))
                .build();
    }

    /** Every region answers again. */
    public void restartAll() {
        REGIONS.forEach(r -> cloud.faults(r).start());
    }

    @Override
    public void close() {
        cloud.close();
    }
}
