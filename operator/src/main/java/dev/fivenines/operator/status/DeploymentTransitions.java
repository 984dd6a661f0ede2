package dev.fivenines.operator.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.events.EventReason;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * The Events of one reconcile of an AuthDeployment, as a pure function of the status before, the status
 * after and what the reconcile did: a state is reported once, when it begins, and every correction of a
 * hand change once, when it is made.
 */
public final class DeploymentTransitions {

    private DeploymentTransitions() {
    }

    public static List<Transition> between(AuthDeploymentStatus previous, AuthDeploymentStatus next, DeploymentObservation seen) {
        List<Condition> before = previous == null ? null : previous.getConditions();
        List<Condition> after = next.getConditions();
        List<Transition> transitions = new ArrayList<>();

        became(before, after, ConditionTypes.BLUEPRINT_FOUND, false)
                .ifPresent(c -> transitions.add(new Transition(EventReason.BlueprintNotFound, c.getMessage())));
        if (seen.blueprintFound() && !Objects.equals(next.getBlueprintRevision(), previous == null ? null : previous.getBlueprintRevision())) {
            transitions.add(new Transition(EventReason.RevisionApplied,
                    "applied blueprint revision " + next.getBlueprintRevision() + " (" + next.getRuntimeVersion() + ")"));
        }
        seen.allCorrected().forEach(drift -> transitions.add(new Transition(EventReason.DriftCorrected, drift.describe() + "; put back")));
        for (CloudOutcome outcome : seen.cloud()) {
            if (outcome.ready() && dev.fivenines.operator.cloud.DnsStep.RECORD_ADOPTED.equals(outcome.reason())) {
                transitions.add(new Transition(EventReason.RecordAdopted, outcome.message()));
            }
            if (!outcome.ready() && !outcome.settling()) {
                became(before, after, outcome.condition(), false).ifPresent(c -> transitions.add(
                        new Transition(EventReason.CloudResourceFailed, outcome.condition() + ": " + outcome.message())));
            }
        }

        boolean wasReady = Conditions.isTrue(before, ConditionTypes.WORKLOAD_READY);
        Optional<Condition> workload = Conditions.find(after, ConditionTypes.WORKLOAD_READY);
        boolean isReady = workload.map(c -> "True".equals(c.getStatus())).orElse(false);
        if (isReady && !wasReady) {
            transitions.add(new Transition(EventReason.WorkloadReady, "workload available at revision " + next.getBlueprintRevision()));
        } else if (wasReady && workload.filter(c -> "WorkloadUnavailable".equals(c.getReason())).isPresent()) {
            transitions.add(new Transition(EventReason.WorkloadUnavailable, workload.get().getMessage()));
        }
        return transitions;
    }

    /**
     * The condition when it now has the given status and did not before with the same reason and message
     * (a new failure is worth a new Event; the same one seen again is not).
     */
    static Optional<Condition> became(List<Condition> before, List<Condition> after, String type, boolean status) {
        String value = status ? "True" : "False";
        Optional<Condition> now = Conditions.find(after, type).filter(c -> value.equals(c.getStatus()));
        Optional<Condition> then = Conditions.find(before, type);
        return now.filter(c -> then.isEmpty() || !value.equals(then.get().getStatus())
                || !Objects.equals(c.getReason(), then.get().getReason()) || !Objects.equals(c.getMessage(), then.get().getMessage()));
    }
}
