package dev.fivenines.operator.cloud;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fivenines.testing.aws.LocalCloud;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Three regions on this machine (DynamoDB Local per region with global-table emulation, moto's Route 53) for the operator. */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

    public static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");
    private static LocalCloud cloud;

    @Override
    public Map<String, String> start() {
        // Route 53's checkers probe every 200 ms (the local cloud's only departure from Route 53, which checks every 10 or
        // 30 s): the health checks of these tests call HTTPS endpoints that are not on this machine, so they turn
        // unhealthy within about a second, as a real unreachable region would
        cloud = LocalCloud.builder().regions(REGIONS).healthCheckInterval(java.time.Duration.ofMillis(200)).start();
        // the operator takes credentials from the default chain, as in production
        System.setProperty("aws.accessKeyId", LocalCloud.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalCloud.SECRET_ACCESS_KEY);
        Map<String, String> config = new HashMap<>();
        config.put("fivenines.aws.enabled", "true");
        config.put("fivenines.aws.route53-endpoint", cloud.route53Endpoint().toString());
        config.put("fivenines.aws.dynamodb-endpoints", cloud.dynamoDbEndpoints().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(",")));
        return config;
    }

    public static LocalCloud cloud() {
        return cloud;
    }

    @Override
    public void stop() {
        if (cloud != null) {
            cloud.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
