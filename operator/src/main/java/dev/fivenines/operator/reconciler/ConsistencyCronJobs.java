package dev.fivenines.operator.reconciler;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConsistencySpec;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.desired.Workload;
import dev.fivenines.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * One consistency CronJob per blueprint and region ({@link Workload#consistencyCronJob()}): the region's tables are
 * checked once per schedule, not once per replica or per deployment. Of the blueprint's deployments in the region, the
 * holder is the first by variant (Primary, Backup, Edge, Dedicated), then by name; the CronJob runs with the holder's
 * settings and service account and is owned by it. When the holder goes, the CronJob goes with it, and the next one
 * creates it again on its next pass. With {@code spec.consistency.runAs: InProcess} the holder removes it.
 */
final class ConsistencyCronJobs {

    private ConsistencyCronJobs() {
    }

    static void ensure(AuthBlueprint blueprint, AuthDeployment deployment, Workload workload, Context<AuthDeployment> context,
            OperatorMetrics metrics) {
        if (!holds(deployment, context)) {
            return;
        }
        String namespace = deployment.getMetadata().getNamespace();
        String name = Workload.consistencyCronJobName(blueprint.getMetadata().getName(), deployment.getSpec().getRegion());
        var resource = context.getClient().batch().v1().cronjobs().inNamespace(namespace).withName(name);
        // from the informer's cache when this deployment owns it; a GET otherwise (held before by another deployment)
        CronJob live = context.getSecondaryResources(CronJob.class).stream().filter(j -> name.equals(j.getMetadata().getName()))
                .findFirst().orElseGet(resource::get);
        if (!ConsistencySpec.asCronJob(blueprint.getSpec().getConsistency())) {
            if (live != null && live.getMetadata().getLabels() != null
                    && Labels.OPERATOR.equals(live.getMetadata().getLabels().get(Labels.MANAGED_BY))) {
                resource.delete();
                metrics.applied("CronJob");
            }
            return;
        }
        CronJob want = workload.consistencyCronJob();
        boolean ownedHere = live != null && live.getMetadata().getOwnerReferences() != null && live.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> Objects.equals(o.getUid(), deployment.getMetadata().getUid()));
        if (!ownedHere || dev.fivenines.operator.drift.DriftDetector.compare(want, live).isPresent()) {
            context.resourceOperations().serverSideApply(want);
            metrics.applied("CronJob");
        }
    }

    /** Whether this deployment holds its region's CronJob: the first of the blueprint's live deployments in the region. */
    static boolean holds(AuthDeployment deployment, Context<AuthDeployment> context) {
        String namespace = deployment.getMetadata().getNamespace();
        Optional<AuthDeployment> first = context.getPrimaryCache().list(d -> namespace.equals(d.getMetadata().getNamespace())
                && d.getMetadata().getDeletionTimestamp() == null
                && Objects.equals(d.getSpec().getBlueprint(), deployment.getSpec().getBlueprint())
                && Objects.equals(d.getSpec().getRegion(), deployment.getSpec().getRegion()))
                .min(Comparator.comparing((AuthDeployment d) -> d.getSpec().getVariant().ordinal()).thenComparing(d -> d.getMetadata().getName()));
        return first.map(d -> d.getMetadata().getName().equals(deployment.getMetadata().getName())).orElse(true);
    }
}
