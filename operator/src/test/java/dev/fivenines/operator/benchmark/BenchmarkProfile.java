package dev.fivenines.operator.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The operator as it runs in production: resync every 5 minutes, not every 3 seconds as in tests. */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.operator-sdk.controllers.authdeployment.max-reconciliation-interval", "5m",
                "quarkus.operator-sdk.controllers.authblueprint.max-reconciliation-interval", "5m",
                "quarkus.log.category.\"dev.fivenines\".level", "INFO");
    }
}
