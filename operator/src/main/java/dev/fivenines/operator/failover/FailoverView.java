package dev.fivenines.operator.failover;

import java.util.Optional;

import dev.fivenines.api.v1alpha1.ServingRole;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.HealthCheckStatus;

/**
 * What Route 53 does now with one deployment's record name, as read by {@link FailoverReader}.
 *
 * @param recordName the record name
 * @param setIdentifier this deployment's record
 * @param failover this deployment's side of the pair
 * @param own this deployment's health check as Route 53 sees it; empty when it has none yet
 * @param partner the other side's record, when there is one
 * @param partnerStatus the other side's health check, when it has one
 * @param problem why something could not be read; null when all was read
 */
public record FailoverView(String recordName, String setIdentifier, Failover failover, Optional<HealthCheckStatus> own,
        Optional<String> partner, Optional<HealthCheckStatus> partnerStatus, String problem) {

    /** The side Route 53 answers with. */
    public Failover answered() {
        Optional<Boolean> ownHealthy = own.map(HealthCheckStatus::healthy);
        Optional<Boolean> partnerHealthy = partnerStatus.map(HealthCheckStatus::healthy);
        return failover == Failover.PRIMARY ? FailoverRules.answered(ownHealthy, partnerHealthy, partner.isPresent())
                : FailoverRules.answered(partnerHealthy, ownHealthy, true);
    }

    /** The set identifier Route 53 answers with. */
    public Optional<String> answeredBy() {
        return answered() == failover ? Optional.of(setIdentifier) : partner;
    }

    /** This deployment's role; an inverted health check of ours is an evacuation. */
    public ServingRole role() {
        if (problem != null) {
            return ServingRole.Unknown;
        }
        if (answered() == failover) {
            return ServingRole.Active;
        }
        if (failover == Failover.SECONDARY) {
            return ServingRole.Standby;
        }
        return own.map(HealthCheckStatus::inverted).orElse(false) ? ServingRole.Evacuated : ServingRole.FailedOver;
    }

    /** Whether the partner is healthy, as an evacuation needs: a record with no partner, or an unreadable one, is not. */
    public boolean partnerHealthy() {
        return problem == null && partner.isPresent() && partnerStatus.map(HealthCheckStatus::healthy).orElse(true);
    }
}
