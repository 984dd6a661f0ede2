package dev.fivenines.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.cloud.CloudResources;
import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.operator.desired.Workload;
import dev.fivenines.operator.events.EventRecorder;
import dev.fivenines.operator.metrics.OperatorMetrics;
import dev.fivenines.operator.revision.Revision;
import dev.fivenines.operator.revision.RevisionHistory;
import dev.fivenines.operator.rollout.AssignedRevision;
import dev.fivenines.operator.status.DeploymentObservation;
import dev.fivenines.operator.status.DeploymentStatusCalculator;
import dev.fivenines.operator.status.DeploymentTransitions;
import dev.fivenines.operator.status.LastApplied;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Reconciles an AuthDeployment of this operator's region into its workload (built by {@link Workload}
 * from the blueprint) and its AWS resources. Each pass observes and corrects, then derives the status
 * ({@link DeploymentStatusCalculator}) and the Events ({@link DeploymentTransitions}) from what it saw,
 * and patches the status only when it changed.
 */
@ControllerConfiguration(name = AuthDeploymentReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class AuthDeploymentReconciler implements Reconciler<AuthDeployment>, Cleaner<AuthDeployment> {

    static final String NAME = "authdeployment";
    private static final Logger LOG = Logger.getLogger(AuthDeploymentReconciler.class);

    private final OperatorConfig config;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final CloudResources cloud;

    public AuthDeploymentReconciler(OperatorConfig config, EventRecorder events, OperatorMetrics metrics, Clock clock,
            CloudResources cloud) {
        this.config = config;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.cloud = cloud;
    }

    @Override
    public List<EventSource<?, AuthDeployment>> prepareEventSources(EventSourceContext<AuthDeployment> context) {
        return DeploymentEventSources.of(context);
    }

    @Override
    public UpdateControl<AuthDeployment> reconcile(AuthDeployment deployment, Context<AuthDeployment> context) {
        metrics.reconciled(NAME);
        DeploymentObservation seen = observe(deployment, context);
        AuthDeploymentStatus next = DeploymentStatusCalculator.compute(deployment, seen, Instant.now(clock));
        seen.allCorrected().forEach(drift -> metrics.driftCorrected(drift.kind()));
        DeploymentTransitions.between(deployment.getStatus(), next, seen)
                .forEach(transition -> events.emit(deployment, transition.reason(), transition.message()));

        AuthDeployment patch = StatusPatch.ifChanged(deployment, next, AuthDeployment::new);
        if (patch != null) {
            metrics.statusPatched(NAME);
        }
        UpdateControl<AuthDeployment> control = patch == null ? UpdateControl.noUpdate() : UpdateControl.patchStatus(patch);
        if (seen.cloud().stream().anyMatch(CloudOutcome::settling)) {
            return control.rescheduleAfter(config.aws().busyRetry().toMillis());
        }
        return cloud.enabled() ? control.rescheduleAfter(config.aws().pollInterval().toMillis()) : control;
    }

    /** Makes the workload and AWS resources as declared, and says what it found and did. */
    private DeploymentObservation observe(AuthDeployment deployment, Context<AuthDeployment> context) {
        String served = config.allRegions() ? "all regions" : config.region().orElse("no region");
        if (!config.isLocal(deployment.getSpec().getRegion())) {
            return DeploymentObservation.notLocal(served);
        }
        Optional<AuthBlueprint> blueprint = context.getSecondaryResource(AuthBlueprint.class);
        if (blueprint.isEmpty()) {
            return DeploymentObservation.blueprintMissing(served);
        }
        String revision = AssignedRevision.of(blueprint.get(), deployment, Revision.of(blueprint.get().getSpec()));
        AuthBlueprint atRevision = atRevision(blueprint.get(), revision, context);
        Long generation = deployment.getMetadata().getGeneration();
        LastApplied last = LastApplied.of(deployment);

        Workload workload = new Workload(atRevision, revision, deployment, config.runtime().environment(config.runtimePort()));
        ManagedObjects.Applied applied = ManagedObjects.apply(workload.objects(), context, last.unchanged(revision, generation), metrics);
        List<CloudOutcome> cloudOutcomes = cloud.enabled()
                ? cloud.ensure(cloud.plan(atRevision, deployment), last.readyIfUnchanged(revision, generation))
                : List.of();
        return new DeploymentObservation(true, served, true, revision, atRevision.getSpec().getRuntime().getVersion(),
                applied.workload(), applied.corrected(), cloudOutcomes);
    }

    /** The blueprint as it was at the revision this deployment's bucket is to run (its ControllerRevision). */
    @SuppressWarnings("unchecked")
    private static AuthBlueprint atRevision(AuthBlueprint blueprint, String revision, Context<AuthDeployment> context) {
        if (revision.equals(Revision.of(blueprint.getSpec()))) {
            return blueprint;
        }
        String name = RevisionHistory.name(blueprint.getMetadata().getName(), revision);
        var histories = (InformerEventSource<ControllerRevision, AuthDeployment>) context.eventSourceRetriever()
                .getEventSourceFor(ControllerRevision.class);
        return histories.get(new ResourceID(name, blueprint.getMetadata().getNamespace()))
                .map(history -> RevisionHistory.at(blueprint, history))
                .orElseThrow(() -> new IllegalStateException("revision " + revision + " of AuthBlueprint " + blueprint.getMetadata().getName()
                        + " is assigned to this deployment's bucket but its ControllerRevision "
                        + name + " is missing; the workload is left as it is"));
    }

    @Override
    public DeleteControl cleanup(AuthDeployment deployment, Context<AuthDeployment> context) {
        if (!cloud.enabled() || !config.isLocal(deployment.getSpec().getRegion())) {
            return DeleteControl.defaultDelete();
        }
        Optional<AuthBlueprint> blueprint = context.getSecondaryResource(AuthBlueprint.class);
        if (blueprint.isEmpty()) {
            LOG.warnf("AuthDeployment %s/%s deleted while its blueprint is missing: its Route 53 record and health check, if any, "
                    + "are left in place", deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
            return DeleteControl.defaultDelete();
        }
        cloud.remove(blueprint.get(), deployment, context.getPrimaryCache().list(
                d -> d.getMetadata().getNamespace().equals(deployment.getMetadata().getNamespace())).toList());
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<AuthDeployment> updateErrorStatus(AuthDeployment deployment, Context<AuthDeployment> context,
            Exception e) {
        metrics.failed(NAME);
        LOG.warnf(e, "reconcile of AuthDeployment %s/%s failed", deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        AuthDeploymentStatus next = DeploymentStatusCalculator.failed(deployment, e.getMessage(), Instant.now(clock));
        return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(deployment, next, AuthDeployment::new));
    }
}
