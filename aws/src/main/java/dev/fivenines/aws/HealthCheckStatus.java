package dev.fivenines.aws;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Route 53's health checkers see of a health check now (GetHealthCheckStatus), with the check's own flags
 * (GetHealthCheck), so that {@link #healthy()} is what DNS failover acts on.
 *
 * @param inverted the check is inverted: Route 53 treats a healthy endpoint as unhealthy and the reverse
 * @param disabled the check is disabled: Route 53 treats it as healthy whatever the checkers see
 * @param observations one per health checker, as Route 53 reports them (before inversion)
 */
public record HealthCheckStatus(String id, boolean inverted, boolean disabled, List<Observation> observations) {

    /**
     * One checker's last result.
     *
     * @param checkerRegion where the checker runs, e.g. us-east-1
     * @param healthy its report says Success
     * @param report Route 53's status text, e.g. "Failure: HTTP Status Code 503, Service Unavailable"
     */
    public record Observation(String checkerRegion, String ipAddress, boolean healthy, String report, Optional<Instant> checkedAt) {

        public Observation {
            Objects.requireNonNull(checkerRegion, "checkerRegion");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(checkedAt, "checkedAt");
        }
    }

    public HealthCheckStatus {
        Objects.requireNonNull(id, "id");
        observations = List.copyOf(observations);
    }

    /** How many checkers see the endpoint healthy (before inversion). */
    public long healthyCheckers() {
        return observations.stream().filter(Observation::healthy).count();
    }

    /**
     * Whether Route 53 considers the endpoint healthy, as DNS failover uses it: more than 18% of the checkers report it
     * healthy (Route 53's documented rule), then inverted if the check is; a disabled check is always healthy.
     */
    public boolean healthy() {
        if (disabled) {
            return true;
        }
        boolean endpointHealthy = !observations.isEmpty() && healthyCheckers() * 100 > observations.size() * 18L;
        return inverted != endpointHealthy;
    }

    /** The most recent failing report, if any checker has one. */
    public Optional<Observation> lastFailure() {
        return observations.stream().filter(o -> !o.healthy())
                .max(Comparator.comparing(o -> o.checkedAt().orElse(Instant.EPOCH)));
    }
}
