package dev.fivenines.operator.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.operator.drift.Drift;
import dev.fivenines.operator.drift.DriftDetector;
import dev.fivenines.operator.drift.TemplateAdditions;
import dev.fivenines.operator.metrics.OperatorMetrics;
import dev.fivenines.operator.status.WorkloadState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Makes the managed objects as declared: each is compared field by field with its live copy and applied
 * again with server-side apply when anything differs. What was added by hand to the Deployment's pod template (a
 * sidecar, a variable, a volume, an annotation: {@link TemplateAdditions}) is removed with a JSON patch, since a
 * server-side apply leaves other managers' fields alone.
 */
final class ManagedObjects {

    /**
     * @param workload where the Deployment's rollout stands after the pass
     * @param corrected the differences put back that were hand changes
     */
    record Applied(WorkloadState workload, List<Drift> corrected) {
    }

    private ManagedObjects() {
    }

    /** @param unchangedSinceLastApply whether a difference can only be a hand change (same revision, same generation) */
    static Applied apply(List<HasMetadata> declared, Context<AuthDeployment> context, boolean unchangedSinceLastApply,
            OperatorMetrics metrics) {
        List<Drift> corrected = new ArrayList<>();
        Deployment liveDeployment = null;
        for (HasMetadata object : declared) {
            HasMetadata live = context.getSecondaryResource(object.getClass()).orElse(null);
            Optional<Drift> difference = DriftDetector.compare(object, live);
            if (difference.isPresent()) {
                live = context.resourceOperations().serverSideApply(object);
                metrics.applied(object.getKind());
                if (unchangedSinceLastApply) {
                    corrected.add(difference.get());
                }
            }
            if (object instanceof Deployment want && live instanceof Deployment deployment) {
                List<TemplateAdditions.Addition> additions = TemplateAdditions.find(want, deployment);
                if (!additions.isEmpty()) {
                    live = context.getClient().apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                            .withName(deployment.getMetadata().getName())
                            .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(TemplateAdditions.removals(additions)));
                    metrics.applied(object.getKind());
                    additions.forEach(a -> corrected.add(Drift.added(object.getKind(), object.getMetadata().getName(), a.field(), a.value())));
                }
            }
            if (live instanceof Deployment deployment) {
                liveDeployment = deployment;
            }
        }
        return new Applied(WorkloadState.of(liveDeployment), corrected);
    }
}
