package dev.fivenines.operator.failover;

import java.util.Optional;

import dev.fivenines.aws.HealthCheckStatus;

/**
 * Whether this pass inverts the deployment's health check (spec.evacuate): only while the other record of the pair
 * is healthy, so that an evacuation never routes traffic to a standby that cannot serve it. One already in effect is
 * kept (should the standby fail meanwhile, Route 53 answers with the primary anyway: its rules never route to an
 * unhealthy secondary).
 *
 * @param invert whether the health check is to be inverted
 * @param refusal why an asked-for evacuation is not done; empty when it is, or was not asked for
 */
public record Evacuation(boolean invert, Optional<String> refusal) {

    public static Evacuation decide(boolean asked, Optional<FailoverView> view) {
        if (!asked) {
            return new Evacuation(false, Optional.empty());
        }
        if (view.isEmpty()) {
            return new Evacuation(false, Optional.of("spec.evacuate needs spec.dns: without a failover record there is nothing to route away from"));
        }
        FailoverView seen = view.get();
        if (seen.own().map(HealthCheckStatus::inverted).orElse(false)) {
            return new Evacuation(true, Optional.empty());
        }
        if (seen.problem() != null) {
            return new Evacuation(false, Optional.of("refused for now: Route 53 could not be read (" + seen.problem() + ")"));
        }
        if (seen.partner().isEmpty()) {
            return new Evacuation(false, Optional.of("refused: " + seen.recordName() + " has no other failover record to take the traffic"));
        }
        if (!seen.partnerHealthy()) {
            HealthCheckStatus partner = seen.partnerStatus().orElseThrow();
            return new Evacuation(false, Optional.of("refused: " + seen.partner().get() + ", the other record of " + seen.recordName()
                    + ", is not healthy (" + partner.healthyCheckers() + " of " + partner.observations().size()
                    + " Route 53 checkers see it healthy" + partner.lastFailure().map(f -> "; " + f.report()).orElse("")
                    + "); traffic stays here"));
        }
        return new Evacuation(true, Optional.empty());
    }
}
