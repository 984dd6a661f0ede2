package dev.fivenines.auth.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The platform API switched on (a configured credential), and lookup and attempt limits high enough for floods in tests. */
public class PlatformProfile implements QuarkusTestProfile {

    static final String CREDENTIAL = "platform-test-credential";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fivenines.platform.credential", CREDENTIAL, "fivenines.tenants.lookups-per-second", "1000000",
                "fivenines.platform.failed-attempts-per-minute", "100000");
    }
}
