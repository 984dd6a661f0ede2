package dev.fivenines.operator.status;

import java.time.Instant;
import java.util.List;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DriftStatus;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.drift.Drift;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The new status of an AuthDeployment: a pure function of the previous status and what a reconcile observed. */
public final class DeploymentStatusCalculator {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeploymentStatusCalculator() {
    }

    /** The status after a reconcile that failed: everything as it was, Ready False with the cause. */
    public static AuthDeploymentStatus failed(AuthDeployment deployment, String cause, Instant now) {
        AuthDeploymentStatus previous = deployment.getStatus() != null ? deployment.getStatus() : new AuthDeploymentStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        AuthDeploymentStatus next = SERIALIZATION.clone(previous);
        next.setConditions(Conditions.updating(previous.getConditions(), generation, now)
                .set(ConditionTypes.READY, false, "ReconcileFailed", "the operator could not reconcile: " + cause + "; it retries with backoff")
                .build());
        return next;
    }

    public static AuthDeploymentStatus compute(AuthDeployment deployment, DeploymentObservation seen, Instant now) {
        AuthDeploymentStatus previous = deployment.getStatus() != null ? deployment.getStatus() : new AuthDeploymentStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        Conditions conditions = new Conditions(previous.getConditions(), generation, now);
        AuthDeploymentStatus next = new AuthDeploymentStatus();
        next.setObservedGeneration(generation);
        next.setDrift(drift(previous.getDrift(), seen, now));
        next.setLastDeepHealth(previous.getLastDeepHealth());

        if (!seen.local()) {
            String message = String.format("region %s is reconciled by the operator of that region; this one serves %s",
                    deployment.getSpec().getRegion(), seen.servedRegion());
            next.setPhase(Phase.NotLocal);
            next.setBlueprintRevision(previous.getBlueprintRevision());
            next.setRuntimeVersion(previous.getRuntimeVersion());
            next.setConditions(conditions.set(ConditionTypes.READY, false, "NotLocal", message).build());
            return next;
        }

        if (!seen.blueprintFound()) {
            String message = String.format("AuthBlueprint %s not found in namespace %s: create it or correct spec.blueprint; "
                    + "running workloads are kept as they are", deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace());
            next.setPhase(Phase.Pending);
            next.setBlueprintRevision(previous.getBlueprintRevision());
            next.setRuntimeVersion(previous.getRuntimeVersion());
            next.setConditions(conditions
                    .set(ConditionTypes.BLUEPRINT_FOUND, false, "BlueprintNotFound", message)
                    .set(ConditionTypes.READY, false, "BlueprintNotFound", message).build());
            return next;
        }

        next.setBlueprintRevision(seen.revision());
        next.setRuntimeVersion(seen.runtimeVersion());
        conditions.set(ConditionTypes.BLUEPRINT_FOUND, true, "BlueprintFound",
                "AuthBlueprint " + deployment.getSpec().getBlueprint() + " at revision " + seen.revision());

        WorkloadState workload = seen.workload();
        switch (workload) {
            case AVAILABLE -> conditions.set(ConditionTypes.WORKLOAD_READY, true, "WorkloadAvailable",
                    "all declared replicas of " + seen.runtimeVersion() + " are available");
            case PROGRESSING, MISSING -> conditions.set(ConditionTypes.WORKLOAD_READY, false, "RolloutInProgress",
                    "rolling out " + seen.runtimeVersion() + " (revision " + seen.revision() + "); wait, or inspect the Deployment "
                            + deployment.getMetadata().getName() + " if it does not finish");
            case UNAVAILABLE -> conditions.set(ConditionTypes.WORKLOAD_READY, false, "WorkloadUnavailable",
                    "fewer replicas are available than declared: inspect the pods of Deployment " + deployment.getMetadata().getName());
        }

        for (CloudOutcome outcome : seen.cloud()) {
            conditions.set(outcome.condition(), outcome.ready(), outcome.reason(), outcome.message());
        }

        List<Drift> corrected = seen.allCorrected();
        if (corrected.isEmpty()) {
            conditions.set(ConditionTypes.IN_SYNC, true, "InSync", "managed objects match the blueprint revision " + seen.revision());
        } else {
            Drift last = corrected.get(corrected.size() - 1);
            conditions.set(ConditionTypes.IN_SYNC, true, "DriftCorrected",
                    "put back a hand change: " + last.describe() + "; declare differences in spec.overrides instead");
        }

        boolean ready = workload == WorkloadState.AVAILABLE && seen.cloudReady();
        String notReady = seen.cloud().stream().filter(o -> !o.ready()).map(CloudOutcome::condition).findFirst()
                .filter(c -> workload == WorkloadState.AVAILABLE).orElse(ConditionTypes.WORKLOAD_READY);
        conditions.set(ConditionTypes.READY, ready, ready ? "Ready"
                : workload == WorkloadState.AVAILABLE ? "CloudResourcesNotReady" : readyReason(workload),
                ready ? "serving revision " + seen.revision() + " (" + seen.runtimeVersion() + ") in " + deployment.getSpec().getRegion()
                        : "not ready: see the " + notReady + " condition");
        next.setPhase(ready ? Phase.Ready : switch (workload) {
            case UNAVAILABLE -> Phase.Degraded;
            case AVAILABLE, PROGRESSING, MISSING -> Phase.Progressing;
        });
        next.setConditions(conditions.build());
        return next;
    }

    private static String readyReason(WorkloadState workload) {
        return workload == WorkloadState.UNAVAILABLE ? "WorkloadUnavailable" : "RolloutInProgress";
    }

    private static DriftStatus drift(DriftStatus previous, DeploymentObservation seen, Instant now) {
        List<Drift> corrected = seen.allCorrected();
        if (corrected.isEmpty()) {
            return previous;
        }
        long before = previous == null || previous.getCorrections() == null ? 0 : previous.getCorrections();
        Drift last = corrected.get(corrected.size() - 1);
        DriftStatus next = new DriftStatus();
        next.setCorrections(before + corrected.size());
        next.setLastObject(last.kind() + "/" + last.name());
        next.setLastField(last.field());
        next.setLastCorrectedAt(now.toString());
        return next;
    }
}
