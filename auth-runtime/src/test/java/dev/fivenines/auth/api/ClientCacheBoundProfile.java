package dev.fivenines.auth.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The client cache's expiry shortened to 2 s, so a test can watch a change made elsewhere arrive within it. */
public class ClientCacheBoundProfile implements QuarkusTestProfile {

    static final int EXPIRE_AFTER_SECONDS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fivenines.clients.refresh-after", "1s", "fivenines.clients.expire-after", EXPIRE_AFTER_SECONDS + "s");
    }
}
