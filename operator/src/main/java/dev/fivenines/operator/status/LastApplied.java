package dev.fivenines.operator.status;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * What the previous status says was applied: the blueprint revision, the deployment's generation and the
 * conditions that were True. A difference found while revision and generation are unchanged was made by
 * hand — it is drift, not a rollout.
 */
public record LastApplied(String revision, Long generation, Set<String> trueConditions) {

    public static LastApplied of(AuthDeployment deployment) {
        var status = deployment.getStatus();
        if (status == null) {
            return new LastApplied(null, null, Set.of());
        }
        Set<String> ready = status.getConditions() == null ? Set.of() : status.getConditions().stream()
                .filter(c -> "True".equals(c.getStatus())).map(Condition::getType).collect(Collectors.toUnmodifiableSet());
        // a pass that stalled on an error records the generation as observed without having applied it
        boolean failedStalled = Conditions.find(status.getConditions(), ConditionTypes.READY)
                .filter(c -> "ReconcileFailed".equals(c.getReason())).isPresent()
                && Conditions.isTrue(status.getConditions(), ConditionTypes.STALLED);
        return new LastApplied(status.getBlueprintRevision(), failedStalled ? null : status.getObservedGeneration(), ready);
    }

    /** Whether the same revision was applied to the same generation of the deployment. */
    public boolean unchanged(String revision, Long generation) {
        return revision.equals(this.revision) && Objects.equals(generation, this.generation);
    }

    /** The conditions that were True when nothing has changed since: a resource missing now was removed by hand. */
    public Set<String> readyIfUnchanged(String revision, Long generation) {
        return unchanged(revision, generation) ? trueConditions : Set.of();
    }
}
