package dev.fivenines.operator.failover;

import java.util.ArrayList;
import java.util.List;

import dev.fivenines.api.v1alpha1.ServingRole;
import dev.fivenines.api.v1alpha1.ServingStatus;

/** The Events a change of serving role makes, as a pure function of the previous and the next {@code status.serving}. */
public final class ServingTransitions {

    /** One Event: reason, type (Normal or Warning), message. */
    public record Transition(String reason, String type, String message) {
    }

    private ServingTransitions() {
    }

    public static List<Transition> between(ServingStatus previous, ServingStatus next) {
        List<Transition> events = new ArrayList<>();
        if (next == null || next.getRole() == null || (previous != null && previous.getRole() == next.getRole())) {
            return events;
        }
        ServingRole before = previous == null ? null : previous.getRole();
        String record = next.getRecordName();
        String answered = next.getAnsweredBy() == null ? "?" : next.getAnsweredBy();
        switch (next.getRole()) {
            case FailedOver -> events.add(new Transition("FailedOver", "Warning", "Route 53 sees this deployment unhealthy ("
                    + next.getHealthyCheckers() + " checkers healthy" + (next.getLastFailure() == null ? "" : "; " + next.getLastFailure())
                    + ") and answers " + record + " with " + answered));
            case Evacuated -> events.add(new Transition("Evacuated", "Normal", "spec.evacuate: Route 53 answers " + record + " with " + answered));
            case Active -> {
                if (before == ServingRole.FailedOver || before == ServingRole.Evacuated) {
                    events.add(new Transition("FailedBack", "Normal", "Route 53 answers " + record + " with this deployment again"));
                } else if (before == ServingRole.Standby) {
                    events.add(new Transition("TookOver", "Warning", "the primary of " + record
                            + " is unhealthy or evacuated: Route 53 answers with this deployment"));
                }
            }
            case Standby -> {
                if (before == ServingRole.Active) {
                    events.add(new Transition("BackToStandby", "Normal", "Route 53 answers " + record + " with " + answered + " again"));
                }
            }
            case Unknown -> events.add(new Transition("ServingUnknown", "Warning", "what Route 53 answers for " + record
                    + " could not be read; see the Healthy condition"));
        }
        return events;
    }
}
