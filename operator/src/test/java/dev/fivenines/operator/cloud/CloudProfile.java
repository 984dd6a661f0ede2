package dev.fivenines.operator.cloud;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The operator managing AWS as well, in single-cluster mode, polling AWS every 2 s. */
public class CloudProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fivenines.all-regions", "true",
                "fivenines.aws.poll-interval", "2s",
                "fivenines.aws.busy-retry", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalCloudResource.class));
    }
}
