package dev.fivenines.operator.status;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * What kstatus (sigs.k8s.io/cli-utils pkg/kstatus/status, read by Flux and {@code kpt}) computes for a custom resource
 * of a kind it has no rules for, in its order: deletion, then {@code status.observedGeneration} against
 * {@code metadata.generation}, then {@code Reconciling=True}, then {@code Stalled=True}, otherwise Current (it never
 * reads Ready).
 */
enum Kstatus {
    InProgress, Failed, Current, Terminating;

    static Kstatus of(ObjectMeta metadata, Long observedGeneration, List<Condition> conditions) {
        if (metadata.getDeletionTimestamp() != null) {
            return Terminating;
        }
        if (metadata.getGeneration() != null && observedGeneration != null && !Objects.equals(observedGeneration, metadata.getGeneration())) {
            return InProgress;
        }
        List<Condition> all = conditions == null ? List.of() : conditions;
        for (Condition c : all) {
            if ("Reconciling".equals(c.getType()) && "True".equals(c.getStatus())) {
                return InProgress;
            }
            if ("Stalled".equals(c.getType()) && "True".equals(c.getStatus())) {
                return Failed;
            }
        }
        return Current;
    }
}
