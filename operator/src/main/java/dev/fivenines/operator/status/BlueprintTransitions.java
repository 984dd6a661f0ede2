package dev.fivenines.operator.status;

import java.util.ArrayList;
import java.util.List;

import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.operator.events.EventReason;
import io.fabric8.kubernetes.api.model.Condition;

/** The Events of one reconcile of an AuthBlueprint: a pure function of its status before and after. */
public final class BlueprintTransitions {

    private BlueprintTransitions() {
    }

    public static List<Transition> between(AuthBlueprintStatus previous, AuthBlueprintStatus next) {
        List<Condition> before = previous == null ? null : previous.getConditions();
        List<Transition> transitions = new ArrayList<>();
        DeploymentTransitions.became(before, next.getConditions(), ConditionTypes.RELIABILITY_FEASIBLE, false)
                .ifPresent(c -> transitions.add(new Transition(EventReason.ReliabilityInfeasible, c.getMessage())));
        boolean wasInfeasible = Conditions.find(before, ConditionTypes.RELIABILITY_FEASIBLE).filter(c -> "False".equals(c.getStatus()))
                .isPresent();
        if (wasInfeasible && Conditions.isTrue(next.getConditions(), ConditionTypes.RELIABILITY_FEASIBLE)) {
            transitions.add(new Transition(EventReason.ReliabilityFeasible,
                    Conditions.find(next.getConditions(), ConditionTypes.RELIABILITY_FEASIBLE).orElseThrow().getMessage()));
        }
        return transitions;
    }
}
