package dev.fivenines.operator.failover;

import java.util.Optional;

import dev.fivenines.aws.Failover;

/**
 * Which record of a failover pair Route 53 answers with, by its documented rules for failover records: the primary
 * while it is healthy; the secondary while the primary is unhealthy and the secondary healthy; the primary again
 * when the secondary is unhealthy too, whatever the primary's health. A record without a health check counts as
 * healthy.
 */
public final class FailoverRules {

    private FailoverRules() {
    }

    /**
     * @param primaryHealthy the primary's health as Route 53 sees it; empty when it has no health check
     * @param secondaryHealthy the same for the secondary; empty when there is no health check or no secondary
     * @param secondaryExists whether a secondary record exists at all
     */
    public static Failover answered(Optional<Boolean> primaryHealthy, Optional<Boolean> secondaryHealthy, boolean secondaryExists) {
        if (!secondaryExists || primaryHealthy.orElse(true)) {
            return Failover.PRIMARY;
        }
        return secondaryHealthy.orElse(true) ? Failover.SECONDARY : Failover.PRIMARY;
    }
}
