package dev.fivenines.operator.status;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Where a Deployment's rollout stands, read from what the Deployment controller reports. */
public enum WorkloadState {
    /** No Deployment yet. */
    MISSING,
    /** The Deployment controller has not caught up with the spec, or replicas are being replaced (old pods remain). */
    PROGRESSING,
    /** Every declared replica is updated and available. */
    AVAILABLE,
    /** The rollout finished but fewer replicas are available than declared. */
    UNAVAILABLE;

    public static WorkloadState of(Deployment deployment) {
        if (deployment == null) {
            return MISSING;
        }
        var status = deployment.getStatus();
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        if (status == null || status.getObservedGeneration() == null
                || status.getObservedGeneration() < deployment.getMetadata().getGeneration()) {
            return PROGRESSING;
        }
        int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
        int total = Objects.requireNonNullElse(status.getReplicas(), 0);
        if (updated < replicas || total > updated) {
            // new pods still coming, or old ones not yet gone: availableReplicas counts old pods too (as kubectl rollout status reads it)
            return PROGRESSING;
        }
        return available >= replicas ? AVAILABLE : UNAVAILABLE;
    }
}
