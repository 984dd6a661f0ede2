package dev.fivenines.operator.status;

import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/**
 * A blueprint's Ready, Reconciling and Stalled conditions, from the deployments this operator reconciles and the
 * rollout. A halted rollout, or a local deployment that is stalled, stalls the blueprint; a paused rollout is neither
 * reconciling nor stalled (nothing happens until a person resumes it, as the spec asks), but not Ready either.
 *
 * @param revision the blueprint's current revision
 * @param local the deployments this operator reconciles
 * @param remote how many deployments other regions' operators reconcile
 * @param ready how many of the local deployments are Ready
 * @param rollout the rollout after this pass (null before the first)
 */
record BlueprintProgress(String revision, List<AuthDeployment> local, int remote, long ready, RolloutStatus rollout) {

    void apply(Conditions conditions) {
        long behind = local.stream().filter(d -> d.getStatus() == null || !revision.equals(d.getStatus().getBlueprintRevision())).count();
        boolean allReady = !local.isEmpty() && ready == local.size() && behind == 0;
        String others = remote == 0 ? "" : "; " + remote + " in other regions are reported by the operators of those regions";
        Optional<String> stalledDeployment = local.stream().filter(d -> d.getStatus() != null)
                .flatMap(d -> Conditions.find(d.getStatus().getConditions(), ConditionTypes.STALLED)
                        // this blueprint exists: a deployment still stalled on not finding it has not been reconciled since
                        .filter(c -> "True".equals(c.getStatus()) && !"BlueprintNotFound".equals(c.getReason())).map(c -> d.getMetadata().getName() + ": " + c.getMessage()).stream())
                .findFirst();

        if (phase() == RolloutPhase.Halted) {
            String message = "the rollout of revision " + rollout.getRevision() + " is halted: " + rolloutMessage();
            conditions.set(ConditionTypes.READY, false, "RolloutHalted", message);
            stalled(conditions, "RolloutHalted", message);
        } else if (stalledDeployment.isPresent()) {
            conditions.set(ConditionTypes.READY, false, "DeploymentStalled", stalledDeployment.get());
            stalled(conditions, "DeploymentStalled", stalledDeployment.get());
        } else if (local.isEmpty()) {
            boolean none = remote == 0;
            String message = none ? "no AuthDeployment refers to this blueprint yet"
                    : "none of its " + remote + " deployments is in this operator's region; the operators of their regions report them";
            conditions.set(ConditionTypes.READY, !none, none ? "NoDeployments" : "NoLocalDeployments", message);
            settled(conditions, none ? "NoDeployments" : "NoLocalDeployments", message);
        } else if (allReady) {
            String message = "all " + local.size() + " deployments run revision " + revision + others;
            conditions.set(ConditionTypes.READY, true, "AllDeploymentsReady", message);
            settled(conditions, "AllDeploymentsReady", message);
        } else {
            String message = ready + " of " + local.size() + " deployments ready, " + behind + " not yet at revision " + revision + others;
            if (phase() == RolloutPhase.Paused) {
                conditions.set(ConditionTypes.READY, false, "RolloutPaused", message + "; the rollout is paused: " + rolloutMessage());
                settled(conditions, "RolloutPaused", "the rollout is paused: resume it (kubectl fivenines rollout resume) to go on");
            } else {
                conditions.set(ConditionTypes.READY, false, "DeploymentsNotReady", message);
                conditions.set(ConditionTypes.STALLED, false, "NotStalled", "nothing stands in the way that waiting cannot fix");
                conditions.set(ConditionTypes.RECONCILING, true, phase() == RolloutPhase.Progressing ? "RolloutProgressing" : "DeploymentsNotReady",
                        phase() == RolloutPhase.Progressing ? message + "; rollout: " + rolloutMessage() : message);
            }
        }
    }

    private String rolloutMessage() {
        return rollout.getMessage() == null ? "" : rollout.getMessage();
    }

    private RolloutPhase phase() {
        return rollout == null ? null : rollout.getPhase();
    }

    private static void stalled(Conditions conditions, String reason, String message) {
        conditions.set(ConditionTypes.STALLED, true, reason, message);
        conditions.set(ConditionTypes.RECONCILING, false, "Stalled", "waiting for a person: see Stalled");
    }

    private static void settled(Conditions conditions, String reason, String message) {
        conditions.set(ConditionTypes.STALLED, false, "NotStalled", "nothing stands in the way");
        conditions.set(ConditionTypes.RECONCILING, false, reason, message);
    }
}
