package dev.fivenines.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.operator.events.EventRecorder;
import dev.fivenines.operator.metrics.OperatorMetrics;
import dev.fivenines.operator.revision.Revision;
import dev.fivenines.operator.status.BlueprintStatusCalculator;
import dev.fivenines.operator.status.BlueprintTransitions;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Reports on an AuthBlueprint: its revision (a stable hash of the spec), which deployments run which
 * revision and whether they are ready, and whether the reliability model can reach its target.
 * The workloads themselves are the AuthDeployment reconciler's.
 */
@ControllerConfiguration(name = "authblueprint",
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class AuthBlueprintReconciler implements Reconciler<AuthBlueprint> {

    private static final Logger LOG = Logger.getLogger(AuthBlueprintReconciler.class);

    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;

    public AuthBlueprintReconciler(EventRecorder events, OperatorMetrics metrics, Clock clock) {
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, AuthBlueprint>> prepareEventSources(EventSourceContext<AuthBlueprint> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(AuthDeployment.class, AuthBlueprint.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(deployment -> Set.of(
                        new ResourceID(deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace())))
                .build(), context));
    }

    @Override
    public UpdateControl<AuthBlueprint> reconcile(AuthBlueprint blueprint, Context<AuthBlueprint> context) {
        metrics.reconciled("authblueprint");
        String revision = Revision.of(blueprint.getSpec());
        List<AuthDeployment> deployments = context.getSecondaryResources(AuthDeployment.class).stream().toList();
        AuthBlueprintStatus next = BlueprintStatusCalculator.compute(blueprint, revision, deployments, Instant.now(clock));

        BlueprintTransitions.between(blueprint.getStatus(), next)
                .forEach(transition -> events.emit(blueprint, transition.reason(), transition.message()));

        AuthBlueprint patch = StatusPatch.ifChanged(blueprint, next, AuthBlueprint::new);
        if (patch == null) {
            return UpdateControl.noUpdate();
        }
        LOG.debugf("AuthBlueprint %s/%s: revision %s, %s ready", blueprint.getMetadata().getNamespace(),
                blueprint.getMetadata().getName(), revision, next.getReadyDeployments());
        metrics.statusPatched("authblueprint");
        return UpdateControl.patchStatus(patch);
    }
}
