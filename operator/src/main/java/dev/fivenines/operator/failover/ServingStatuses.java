package dev.fivenines.operator.failover;

import java.time.Instant;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.ServingStatus;
import dev.fivenines.aws.HealthCheckStatus;
import dev.fivenines.operator.status.Conditions;

/**
 * Adds to a computed status what Route 53 does with the deployment: {@code status.serving}, the {@code Healthy}
 * condition (the endpoint as Route 53's checkers see it, before any inversion) and, while spec.evacuate is set, the
 * {@code Evacuated} condition. A pure function of the status, the view and the evacuation decision.
 */
public final class ServingStatuses {

    private ServingStatuses() {
    }

    public static void apply(AuthDeploymentStatus next, Optional<FailoverView> read, boolean evacuateAsked, Evacuation evacuation,
            long generation, Instant now) {
        Conditions conditions = Conditions.updating(next.getConditions(), generation, now);
        if (evacuateAsked) {
            evacuated(conditions, read, evacuation);
        }
        if (read.isEmpty()) {
            next.setServing(null);
            next.setConditions(conditions.build());
            return;
        }
        // the health check as this pass left it: inverted exactly while the evacuation is in effect
        FailoverView view = withInverted(read.get(), evacuation.invert());
        ServingStatus serving = new ServingStatus();
        serving.setRole(view.role());
        serving.setRecordName(view.recordName());
        serving.setSetIdentifier(view.setIdentifier());
        serving.setFailover(view.failover().name());
        serving.setAnsweredBy(view.problem() == null ? view.answeredBy().orElse(null) : null);
        view.own().ifPresent(own -> {
            serving.setHealthCheckId(own.id());
            serving.setHealthy(own.healthy());
            serving.setHealthyCheckers(own.healthyCheckers() + "/" + own.observations().size());
            own.lastFailure().ifPresent(failure -> {
                serving.setLastFailure(failure.report());
                serving.setLastFailureAt(failure.checkedAt().map(Instant::toString).orElse(null));
            });
        });
        next.setServing(serving);
        healthy(conditions, view);
        next.setConditions(conditions.build());
    }

    private static void healthy(Conditions conditions, FailoverView view) {
        if (view.own().isEmpty()) {
            conditions.set(ConditionTypes.HEALTHY, false, view.problem() == null ? "HealthCheckNotFound" : "HealthUnknown",
                    view.problem() == null ? "no Route 53 health check yet: see HealthCheckReady" : "Route 53 could not be read: " + view.problem());
            return;
        }
        HealthCheckStatus own = view.own().get();
        String seen = own.healthyCheckers() + " of " + own.observations().size() + " Route 53 checkers see the endpoint healthy";
        String answer = view.answeredBy().map(id -> "; Route 53 answers " + view.recordName() + " with " + id).orElse("");
        if (endpointHealthy(own)) {
            conditions.set(ConditionTypes.HEALTHY, true, "EndpointHealthy", seen + answer);
        } else {
            conditions.set(ConditionTypes.HEALTHY, false, "EndpointUnhealthy", seen
                    + own.lastFailure().map(f -> "; last failure: " + f.report() + f.checkedAt().map(at -> " at " + at).orElse("")).orElse("")
                    + answer + "; see the runtime's deep health (" + "its failing step) and the pods' logs");
        }
    }

    private static void evacuated(Conditions conditions, Optional<FailoverView> read, Evacuation evacuation) {
        if (evacuation.refusal().isPresent()) {
            conditions.set(ConditionTypes.EVACUATED, false, "EvacuationRefused", evacuation.refusal().get());
            return;
        }
        FailoverView view = read.orElseThrow();
        String to = view.partner().orElse("the other record");
        conditions.set(ConditionTypes.EVACUATED, true, "EvacuationInEffect", "health check inverted: Route 53 routes " + view.recordName()
                + " to " + to + " while it is healthy; clear spec.evacuate to route traffic back");
    }

    /** More than 18% of the checkers see it healthy (Route 53's rule), before inversion. */
    static boolean endpointHealthy(HealthCheckStatus status) {
        return !status.observations().isEmpty() && status.healthyCheckers() * 100 > status.observations().size() * 18L;
    }

    private static FailoverView withInverted(FailoverView view, boolean inverted) {
        return new FailoverView(view.recordName(), view.setIdentifier(), view.failover(),
                view.own().map(s -> new HealthCheckStatus(s.id(), inverted, s.disabled(), s.observations())), view.partner(),
                view.partnerStatus(), view.problem());
    }
}
