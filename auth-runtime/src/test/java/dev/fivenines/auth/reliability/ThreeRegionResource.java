package dev.fivenines.auth.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.fivenines.auth.storage.ThreeRegions;
import dev.fivenines.testing.aws.LocalCloud;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The runtime in us-east-1 with its storage chain us-east-1 → us-west-2 → eu-west-1, each a DynamoDB Local. */
public class ThreeRegionResource implements QuarkusTestResourceLifecycleManager {

    static final String PREFIX = "failover";
    /** How long a failing region is skipped; the tests pass it on {@link DrivenNanoTime}. */
    static final Duration BREAKER_COOL_DOWN = Duration.ofSeconds(1);
    static volatile ThreeRegions regions;

    @Override
    public Map<String, String> start() {
        regions = ThreeRegions.start(PREFIX);
        System.setProperty("aws.accessKeyId", LocalCloud.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalCloud.SECRET_ACCESS_KEY);
        Map<String, String> config = new HashMap<>();
        config.put("fivenines.storage.region", "us-east-1");
        config.put("fivenines.storage.regions", String.join(",", ThreeRegions.REGIONS));
        config.put("fivenines.storage.endpoints", regions.endpointsSetting());
        config.put("fivenines.storage.table-prefix", PREFIX);
        config.put("fivenines.storage.hop-timeout", "2s");
        config.put("fivenines.storage.breaker-cool-down", BREAKER_COOL_DOWN.toString());
        config.put("fivenines.health.reuse-for", "0s");
        config.put("fivenines.health.path", "/healthz/deep");
        config.put("fivenines.model.refresh-after", "1s");
        config.put("fivenines.model.max-age", "5m");
        config.put("fivenines.admin.bootstrap-secrets.initech", "initech-bootstrap-secret");
        return config;
    }

    @Override
    public void stop() {
        if (regions != null) {
            regions.close();
        }
    }
}
