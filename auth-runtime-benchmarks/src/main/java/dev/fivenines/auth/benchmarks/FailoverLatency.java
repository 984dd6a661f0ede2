package dev.fivenines.auth.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.fivenines.auth.storage.CircuitBreaker;
import dev.fivenines.auth.storage.FailoverDynamoDb;
import dev.fivenines.auth.storage.StorageRegion;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;

/**
 * What a failed local region adds to a storage read (a GetItem, as a login's client lookup does) through the
 * runtime's storage chain over three DynamoDB Local regions on 127.0.0.1: all regions up; the local region
 * refusing connections or answering 500, with the breaker open (the steady state of an outage) and with a breaker
 * that never opens (what every request would pay without one). Latency is per read, measured in this process.
 *
 * <p>Arguments: reads per phase (default 3000). Run: {@code ./mvnw -B -q -pl auth-runtime-benchmarks exec:java
 * -Dexec.mainClass=dev.fivenines.auth.benchmarks.FailoverLatency}.
 */
public final class FailoverLatency {

    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");
    private static final String PREFIX = "bench";

    private FailoverLatency() {
    }

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        try (LocalCloud cloud = LocalCloud.builder().regions(REGIONS).route53(false).replicaChangeDuration(Duration.ZERO).start()) {
            String table = AuthTables.authTable(PREFIX);
            try (DynamoDbClient home = client(cloud, "us-east-1", Duration.ofSeconds(30))) {
                home.createTable(AuthTables.all(PREFIX).get(0));
                for (String replica : REGIONS.subList(1, 3)) {
                    home.updateTable(b -> b.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder().create(c -> c.regionName(replica)).build()));
                    Thread.sleep(200);
                }
                home.putItem(b -> b.tableName(table).item(key()));
                Thread.sleep(500);
            }
            System.out.printf("%d reads per phase, GetItem through the chain %s%n", reads, REGIONS);
            measure("all regions up (warm-up, not counted)", cloud, 3, reads, faults -> { });
            measure("all regions up", cloud, 3, reads, faults -> { });
            measure("local refuses connections, breaker open", cloud, 3, reads, faults -> faults.stop());
            measure("local refuses connections, no breaker", cloud, Integer.MAX_VALUE, reads, faults -> faults.stop());
            measure("local answers HTTP 500, breaker open", cloud, 3, reads, faults -> faults.failWithServerErrors());
            measure("local answers HTTP 500, no breaker", cloud, Integer.MAX_VALUE, reads, faults -> faults.failWithServerErrors());
        }
        System.exit(0);
    }

    private static void measure(String phase, LocalCloud cloud, int breakerThreshold, int reads, Consumer<dev.fivenines.testing.aws.RegionFaults> fault) {
        cloud.faults("us-east-1").start();
        fault.accept(cloud.faults("us-east-1"));
        List<StorageRegion> regions = REGIONS.stream().map(r -> new StorageRegion(r, client(cloud, r, Duration.ofMillis(500)),
                new CircuitBreaker(breakerThreshold, Duration.ofSeconds(30), System::nanoTime))).toList();
        try (DynamoDbClient chain = FailoverDynamoDb.over(regions, new SimpleMeterRegistry())) {
            for (int i = 0; i < 10; i++) {
                chain.getItem(b -> b.tableName(AuthTables.authTable(PREFIX)).key(key()));
            }
            long[] latencies = new long[reads];
            for (int i = 0; i < reads; i++) {
                long start = System.nanoTime();
                Map<String, AttributeValue> item = chain.getItem(b -> b.tableName(AuthTables.authTable(PREFIX)).key(key())).item();
                latencies[i] = System.nanoTime() - start;
                if (item.isEmpty()) {
                    throw new IllegalStateException("the item is missing in a region");
                }
            }
            Arrays.sort(latencies);
            System.out.printf("%-45s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", phase, latencies[reads / 2] / 1e6,
                    latencies[(int) (reads * 0.99)] / 1e6, latencies[reads - 1] / 1e6);
        }
        cloud.faults("us-east-1").start();
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(AuthTables.PARTITION_KEY, AttributeValue.fromS("TENANT#bench"), AuthTables.SORT_KEY, AttributeValue.fromS("CLIENT#c"));
    }

    private static DynamoDbClient client(LocalCloud cloud, String region, Duration budget) {
        return DynamoDbClient.builder().region(Region.of(region)).endpointOverride(cloud.dynamoDbEndpoint(region))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(250)).socketTimeout(budget).build())
                .overrideConfiguration(c -> c.apiCallTimeout(budget).retryStrategy(r -> r.maxAttempts(2)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY)))
                .build();
    }
}
