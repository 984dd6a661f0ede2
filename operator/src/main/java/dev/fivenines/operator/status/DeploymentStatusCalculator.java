package dev.fivenines.operator.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DriftStatus;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.drift.Drift;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The new status of an AuthDeployment: a pure function of the previous status and what a reconcile observed.
 * Besides {@code Ready} it writes the kstatus conditions {@code Reconciling} (work in progress) and {@code Stalled}
 * (waiting for a person), so GitOps tools tell "not yet" from "never without help".
 */
public final class DeploymentStatusCalculator {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeploymentStatusCalculator() {
    }

    /**
     * The status after a reconcile that failed: everything as it was, Ready False with the cause, and either Stalled
     * (then the generation counts as observed: kstatus reports Failed, not "not yet observed") or Reconciling.
     */
    public static AuthDeploymentStatus failed(AuthDeployment deployment, ReconcileFailure failure, Instant now) {
        AuthDeploymentStatus previous = deployment.getStatus() != null ? deployment.getStatus() : new AuthDeploymentStatus();
        long generation = generation(deployment);
        AuthDeploymentStatus next = SERIALIZATION.clone(previous);
        String message = "the operator could not reconcile: " + failure.cause()
                + (failure.stalled() ? "; " + failure.fix() : "; it retries with backoff");
        Conditions conditions = Conditions.updating(previous.getConditions(), generation, now)
                .set(ConditionTypes.READY, false, "ReconcileFailed", message)
                .set(ConditionTypes.IN_SYNC, false, "ReconcileFailed",
                        "the last pass failed before every managed object was confirmed as declared: see Ready");
        if (failure.stalled()) {
            next.setObservedGeneration(generation);
            conditions.set(ConditionTypes.STALLED, true, failure.reason(), message)
                    .set(ConditionTypes.RECONCILING, false, "Stalled", "waiting for a person: see Stalled");
        } else {
            conditions.set(ConditionTypes.RECONCILING, true, failure.reason(), message)
                    .set(ConditionTypes.STALLED, false, "Retrying", "the operator retries with backoff");
        }
        next.setConditions(conditions.build());
        return next;
    }

    public static AuthDeploymentStatus compute(AuthDeployment deployment, DeploymentObservation seen, Instant now) {
        AuthDeploymentStatus previous = deployment.getStatus() != null ? deployment.getStatus() : new AuthDeploymentStatus();
        long generation = generation(deployment);
        Conditions conditions = new Conditions(previous.getConditions(), generation, now);
        AuthDeploymentStatus next = new AuthDeploymentStatus();
        next.setObservedGeneration(generation);
        next.setDrift(drift(previous.getDrift(), seen, now));
        next.setLastDeepHealth(previous.getLastDeepHealth());

        if (!seen.local()) {
            // Ready True: nothing is asked of this cluster, so kubectl wait, Argo CD and Flux see no failure here
            String message = String.format("region %s is reconciled by the operator of that region; this one serves %s",
                    deployment.getSpec().getRegion(), seen.servedRegion());
            next.setPhase(Phase.NotLocal);
            next.setBlueprintRevision(previous.getBlueprintRevision());
            next.setRuntimeVersion(previous.getRuntimeVersion());
            next.setConditions(conditions.set(ConditionTypes.READY, true, "NotLocal", message)
                    .set(ConditionTypes.RECONCILING, false, "NotLocal", message)
                    .set(ConditionTypes.STALLED, false, "NotLocal", message).build());
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
                    .set(ConditionTypes.READY, false, "BlueprintNotFound", message)
                    .set(ConditionTypes.STALLED, true, "BlueprintNotFound", message)
                    .set(ConditionTypes.RECONCILING, false, "Stalled", "waiting for the blueprint: see Stalled").build());
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

        inSync(conditions, deployment, seen);

        boolean ready = workload == WorkloadState.AVAILABLE && seen.cloudReady();
        String notReady = seen.cloud().stream().filter(o -> !o.ready()).map(CloudOutcome::condition).findFirst()
                .filter(c -> workload == WorkloadState.AVAILABLE).orElse(ConditionTypes.WORKLOAD_READY);
        conditions.set(ConditionTypes.READY, ready, ready ? "Ready"
                : workload == WorkloadState.AVAILABLE ? "CloudResourcesNotReady" : readyReason(workload),
                ready ? "serving revision " + seen.revision() + " (" + seen.runtimeVersion() + ") in " + deployment.getSpec().getRegion()
                        : "not ready: see the " + notReady + " condition");
        progress(conditions, ready, workload, seen);
        next.setPhase(ready ? Phase.Ready : switch (workload) {
            case UNAVAILABLE -> Phase.Degraded;
            case AVAILABLE, PROGRESSING, MISSING -> Phase.Progressing;
        });
        next.setConditions(conditions.build());
        return next;
    }

    /** InSync: False while the deployment runs another revision than the blueprint's current one. */
    private static void inSync(Conditions conditions, AuthDeployment deployment, DeploymentObservation seen) {
        List<Drift> corrected = seen.allCorrected();
        if (seen.latestRevision() != null && !seen.latestRevision().equals(seen.revision())) {
            conditions.set(ConditionTypes.IN_SYNC, false, "RevisionBehind", String.format(
                    "runs blueprint revision %s; the blueprint is at %s, which this deployment's rollout bucket %d gets in its turn: "
                            + "see the rollout in the status of AuthBlueprint %s",
                    seen.revision(), seen.latestRevision(), Objects.requireNonNullElse(deployment.getSpec().getRolloutBucket(), 0),
                    deployment.getSpec().getBlueprint()));
        } else if (corrected.isEmpty()) {
            // the last correction stays in the condition until the revision or the generation changes: a pass that finds
            // nothing wrong right after one must not wipe out what a person running kubectl describe came to see
            Optional<Condition> last = lastCorrection(deployment, seen);
            if (last.isPresent()) {
                conditions.set(ConditionTypes.IN_SYNC, true, "DriftCorrected", last.get().getMessage());
            } else {
                conditions.set(ConditionTypes.IN_SYNC, true, "InSync", "managed objects match the blueprint revision " + seen.revision());
            }
        } else {
            Drift last = corrected.get(corrected.size() - 1);
            conditions.set(ConditionTypes.IN_SYNC, true, "DriftCorrected",
                    "put back a hand change: " + last.describe() + "; declare differences in spec.overrides instead");
        }
    }

    /** The previous InSync condition when it reported a correction at the same revision and generation. */
    private static Optional<Condition> lastCorrection(AuthDeployment deployment, DeploymentObservation seen) {
        var previous = deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        if (previous == null || !Objects.equals(previous.getBlueprintRevision(), seen.revision())
                || !Objects.equals(previous.getObservedGeneration(), generation)) {
            return Optional.empty();
        }
        return Conditions.find(previous.getConditions(), ConditionTypes.IN_SYNC).filter(c -> "DriftCorrected".equals(c.getReason()));
    }

    /** Reconciling and Stalled of a local deployment whose blueprint was found. */
    private static void progress(Conditions conditions, boolean ready, WorkloadState workload, DeploymentObservation seen) {
        Optional<CloudOutcome> stalled = seen.cloudStalled();
        if (stalled.isPresent()) {
            String message = stalled.get().condition() + ": " + stalled.get().message();
            conditions.set(ConditionTypes.STALLED, true, stalled.get().reason(), message)
                    .set(ConditionTypes.RECONCILING, false, "Stalled", "waiting for a person: see Stalled");
            return;
        }
        conditions.set(ConditionTypes.STALLED, false, "NotStalled", "nothing stands in the way that retrying cannot fix");
        if (ready) {
            conditions.set(ConditionTypes.RECONCILING, false, "Ready", "nothing left to do");
        } else if (workload != WorkloadState.AVAILABLE) {
            conditions.set(ConditionTypes.RECONCILING, true, readyReason(workload), workload == WorkloadState.UNAVAILABLE
                    ? "waiting for the declared replicas to become available" : "waiting for the workload to roll out");
        } else {
            CloudOutcome settling = seen.cloud().stream().filter(o -> !o.ready()).findFirst().orElseThrow();
            conditions.set(ConditionTypes.RECONCILING, true, settling.reason(), settling.condition() + ": " + settling.message());
        }
    }

    private static long generation(AuthDeployment deployment) {
        return deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
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
