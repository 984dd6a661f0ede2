package dev.fivenines.auth.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The runtime as the operator starts it for a Dedicated AuthDeployment of customer acme. */
public class DedicatedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fivenines.deployment", "auth-acme", "fivenines.variant", "Dedicated", "fivenines.region", "us-east-1",
                "fivenines.customer", "acme");
    }
}
