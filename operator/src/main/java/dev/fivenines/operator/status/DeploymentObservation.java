package dev.fivenines.operator.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.drift.Drift;

/**
 * What one reconcile of an AuthDeployment saw and did; the input of {@link DeploymentStatusCalculator}.
 *
 * @param local whether this operator serves the deployment's region
 * @param servedRegion the region this operator serves, for the NotLocal message
 * @param blueprintFound whether the referenced AuthBlueprint exists
 * @param revision the blueprint revision applied: the one assigned to the deployment's rollout bucket (null when the
 *        blueprint is missing)
 * @param latestRevision the blueprint's current revision; differs from {@code revision} while the rollout has not
 *        reached the deployment's bucket or took it back
 * @param runtimeVersion the runtime version applied
 * @param workload the Deployment's rollout state
 * @param corrected drift of Kubernetes objects found and put back in this reconcile
 * @param cloud what the AWS steps found (empty when the operator does not manage AWS)
 */
public record DeploymentObservation(boolean local, String servedRegion, boolean blueprintFound, String revision,
        String latestRevision, String runtimeVersion, WorkloadState workload, List<Drift> corrected, List<CloudOutcome> cloud) {

    /** A deployment of a region another operator serves. */
    public static DeploymentObservation notLocal(String servedRegion) {
        return new DeploymentObservation(false, servedRegion, false, null, null, null, WorkloadState.MISSING, List.of(), List.of());
    }

    /** A deployment whose blueprint does not exist. */
    public static DeploymentObservation blueprintMissing(String servedRegion) {
        return new DeploymentObservation(true, servedRegion, false, null, null, null, WorkloadState.MISSING, List.of(), List.of());
    }

    /** Kubernetes and AWS drift put back in this reconcile. */
    public List<Drift> allCorrected() {
        List<Drift> all = new ArrayList<>(corrected);
        cloud.forEach(outcome -> all.addAll(outcome.corrected()));
        return all;
    }

    public boolean cloudReady() {
        return cloud.stream().allMatch(CloudOutcome::ready);
    }

    /** The first cloud outcome that failed in a way retrying does not fix (not settling), if any. */
    public Optional<CloudOutcome> cloudStalled() {
        return cloud.stream().filter(o -> !o.ready() && !o.settling()).findFirst();
    }
}
