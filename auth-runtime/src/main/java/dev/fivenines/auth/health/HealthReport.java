package dev.fivenines.auth.health;

import java.time.Instant;
import java.util.List;

import dev.fivenines.auth.config.DeploymentIdentity;

/**
 * One run of the deep health check: every step with its time, and the first that failed, if any.
 *
 * @param region the storage region the check read
 * @param deployment which AuthDeployment answered (its name, variant, region and, if Dedicated, customer)
 */
public record HealthReport(String status, String failedStep, String region, DeploymentIdentity deployment, Instant checkedAt,
        List<Step> steps) {

    /** One step of the check; {@code detail} says what it saw or why it failed. */
    public record Step(String name, boolean ok, double millis, String detail) {
    }

    public boolean up() {
        return failedStep == null;
    }

    static HealthReport of(String region, DeploymentIdentity deployment, Instant checkedAt, List<Step> steps) {
        String failed = steps.stream().filter(s -> !s.ok()).map(Step::name).findFirst().orElse(null);
        return new HealthReport(failed == null ? "UP" : "DOWN", failed, region, deployment, checkedAt, List.copyOf(steps));
    }
}
