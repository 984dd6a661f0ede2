package dev.fivenines.operator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.events.EventRecorder;
import dev.fivenines.operator.metrics.OperatorMetrics;
import dev.fivenines.operator.revision.Revision;
import dev.fivenines.operator.revision.RevisionHistory;
import dev.fivenines.operator.rollout.BlueprintRollout;
import dev.fivenines.operator.rollout.RegionWaves;
import dev.fivenines.operator.rollout.RolloutEvent;
import dev.fivenines.operator.rollout.RolloutStep;
import dev.fivenines.operator.status.BlueprintStatusCalculator;
import dev.fivenines.operator.status.BlueprintTransitions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
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
 * Reports on an AuthBlueprint and walks its rollout: records each revision (a stable hash of the spec) as a
 * ControllerRevision, steps the rollout by customer bucket ({@link BlueprintRollout}: which revision each
 * bucket of this operator's deployments runs, gated on their pods' authorization ratio), and reports which
 * deployments run which revision and whether the reliability model can reach its target. The workloads
 * themselves are the AuthDeployment reconciler's: it reads the revision of its bucket from this status.
 */
@ControllerConfiguration(name = AuthBlueprintReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class AuthBlueprintReconciler implements Reconciler<AuthBlueprint> {

    static final String NAME = "authblueprint";
    private static final Logger LOG = Logger.getLogger(AuthBlueprintReconciler.class);

    private final OperatorConfig config;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final BlueprintRollout rollout;
    private final RegionWaves waves;

    public AuthBlueprintReconciler(OperatorConfig config, EventRecorder events, OperatorMetrics metrics, Clock clock,
            BlueprintRollout rollout, RegionWaves waves) {
        this.config = config;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.rollout = rollout;
        this.waves = waves;
    }

    @Override
    public List<EventSource<?, AuthBlueprint>> prepareEventSources(EventSourceContext<AuthBlueprint> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(AuthDeployment.class, AuthBlueprint.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(deployment -> Set.of(
                        new ResourceID(deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace())))
                .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(ControllerRevision.class, AuthBlueprint.class)
                        .withNamespacesInheritedFromController()
                        .withLabelSelector(Labels.MANAGED_SELECTOR)
                        .withSecondaryToPrimaryMapper(history -> Set.of(new ResourceID(
                                history.getMetadata().getLabels().get(Labels.BLUEPRINT), history.getMetadata().getNamespace())))
                        .build(), context));
    }

    @Override
    public UpdateControl<AuthBlueprint> reconcile(AuthBlueprint blueprint, Context<AuthBlueprint> context) {
        metrics.reconciled(NAME);
        Instant now = Instant.now(clock);
        String revision = Revision.of(blueprint.getSpec());
        record(blueprint, revision, context);
        List<AuthDeployment> deployments = context.getSecondaryResources(AuthDeployment.class).stream().toList();
        List<AuthDeployment> local = deployments.stream().filter(d -> config.isLocal(d.getSpec().getRegion())).toList();
        RolloutStep step = rollout.advance(blueprint, revision, local, runtimePods(blueprint, context), now);
        AuthBlueprintStatus next = BlueprintStatusCalculator.compute(blueprint, revision, deployments, config::isLocal, step.status(), now);
        report(blueprint, step, context);
        waves.publish(blueprint, step.status(), now).ifPresent(failure -> events.emit(blueprint, "WaveProgressNotShared", "Warning",
                "this region's rollout progress could not be written for the later waves (tried again on the next pass): " + failure));
        prune(blueprint, step, local, context);

        BlueprintTransitions.between(blueprint.getStatus(), next)
                .forEach(transition -> events.emit(blueprint, transition.reason(), transition.message()));
        Duration requeue = BlueprintRollout.requeue(step, BlueprintRollout.settings(blueprint));
        AuthBlueprint patch = StatusPatch.ifChanged(blueprint, next, AuthBlueprint::new);
        if (patch == null) {
            return UpdateControl.<AuthBlueprint>noUpdate().rescheduleAfter(requeue.toMillis());
        }
        LOG.debugf("AuthBlueprint %s/%s: revision %s, %s ready, rollout %s", blueprint.getMetadata().getNamespace(),
                blueprint.getMetadata().getName(), revision, next.getReadyDeployments(), step.status().getPhase());
        metrics.statusPatched(NAME);
        return UpdateControl.patchStatus(patch).rescheduleAfter(requeue.toMillis());
    }

    /** Records the current revision as a ControllerRevision, once. */
    private static void record(AuthBlueprint blueprint, String revision, Context<AuthBlueprint> context) {
        Set<ControllerRevision> histories = context.getSecondaryResources(ControllerRevision.class);
        if (RevisionHistory.find(histories, blueprint.getMetadata().getName(), revision).isEmpty()) {
            context.resourceOperations().serverSideApply(RevisionHistory.of(blueprint, revision, histories));
        }
    }

    /** Forgets revisions beyond the history limit that no bucket runs or may go back to. */
    private static void prune(AuthBlueprint blueprint, RolloutStep step, List<AuthDeployment> local, Context<AuthBlueprint> context) {
        Set<String> inUse = new HashSet<>();
        step.status().getBuckets().forEach(b -> {
            inUse.add(b.getRevision());
            inUse.add(b.getPreviousRevision());
        });
        inUse.add(step.status().getRevision());
        inUse.add(step.status().getStableRevision());
        local.stream().filter(d -> d.getStatus() != null).forEach(d -> inUse.add(d.getStatus().getBlueprintRevision()));
        RevisionHistory.prunable(context.getSecondaryResources(ControllerRevision.class), inUse)
                .forEach(history -> context.getClient().resource(history).delete());
    }

    private static List<Pod> runtimePods(AuthBlueprint blueprint, Context<AuthBlueprint> context) {
        return context.getClient().pods().inNamespace(blueprint.getMetadata().getNamespace())
                .withLabel(Labels.BLUEPRINT, blueprint.getMetadata().getName()).withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
                .list().getItems();
    }

    /** The rollout's events and metrics; a plugin request that was taken is cleared, so it acts once. */
    private void report(AuthBlueprint blueprint, RolloutStep step, Context<AuthBlueprint> context) {
        String namespace = blueprint.getMetadata().getNamespace();
        String name = blueprint.getMetadata().getName();
        for (RolloutEvent event : step.events()) {
            events.emit(blueprint, event.reason().name(), event.reason().type(), event.message());
            metrics.rolloutEvent(namespace, name, event.reason().name());
        }
        RolloutStatus status = step.status();
        int position = status.getBucket() == null || !status.getBucket().contains("/") ? 0
                : Integer.parseInt(status.getBucket().substring(0, status.getBucket().indexOf('/')));
        metrics.rollout(namespace, name, status.getPhase() == null ? "" : status.getPhase().name(), position);
        List<String> taken = new ArrayList<>();
        step.events().stream().map(RolloutEvent::reason).forEach(reason -> {
            if (reason == RolloutEvent.Reason.Aborted) {
                taken.add(BlueprintRollout.ABORT);
            } else if (reason == RolloutEvent.Reason.Retried) {
                taken.add(BlueprintRollout.RETRY);
            }
        });
        if (!taken.isEmpty()) {
            context.getClient().resources(AuthBlueprint.class).inNamespace(namespace).withName(name).edit(b -> {
                taken.forEach(b.getMetadata().getAnnotations()::remove);
                return b;
            });
        }
    }
}
