package dev.fivenines.aws;

import java.util.Objects;

/**
 * A Route 53 health check Fivenines owns.
 *
 * @param version Route 53's HealthCheckVersion, which an update must match (optimistic locking)
 */
public record HealthCheck(String id, String owner, HealthCheckSpec spec, long version) {

    public HealthCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
    }
}
