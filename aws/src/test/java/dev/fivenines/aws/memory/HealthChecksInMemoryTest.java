package dev.fivenines.aws.memory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.HealthChecksContract;

/** The health-checks contract on the in-memory fake. */
class HealthChecksInMemoryTest extends HealthChecksContract {

    @Override
    protected Fixture openFixture() {
        MemoryHealthChecks memory = new MemoryRoute53().healthChecks();
        return new Fixture() {
            @Override
            public HealthChecks healthChecks() {
                return memory;
            }

            @Override
            public String createHealthCheckByHand(HealthCheckSpec spec) {
                return memory.createByHand(spec);
            }

            @Override
            public String createUntaggedHealthCheck(String owner, HealthCheckSpec spec) {
                return memory.createUntagged(owner, spec);
            }

            @Override
            public List<String> healthCheckTags(String id) {
                return memory.tags(id).entrySet().stream().map(tag -> tag.getKey() + "=" + tag.getValue()).toList();
            }

            @Override
            public String resourcePathOf(String id) {
                return memory.spec(id).orElseThrow().resourcePath();
            }

            @Override
            public void deleteHealthCheckByHand(String id) {
                memory.deleteByHand(id);
            }

            @Override
            public HealthCheckSpec startHealthyEndpoint(int failureThreshold) {
                return new HealthCheckSpec(HealthCheckProtocol.HTTP, Optional.empty(), Optional.of("127.0.0.1"), 8080,
                        "/q/health/deep", 10, failureThreshold);
            }

            @Override
            public void refuseConnections(String checkId, HealthCheckSpec spec) {
                memory.setEndpointHealthy(checkId, false);
            }

            @Override
            public void acceptConnections(String checkId, HealthCheckSpec spec) {
                memory.setEndpointHealthy(checkId, true);
            }

            @Override
            public Duration statusChangeTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }
}
