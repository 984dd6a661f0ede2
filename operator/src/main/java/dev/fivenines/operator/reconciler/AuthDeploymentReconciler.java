package dev.fivenines.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.cloud.CloudResources;
import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.desired.Workload;
import dev.fivenines.operator.drift.Drift;
import dev.fivenines.operator.drift.DriftDetector;
import dev.fivenines.operator.events.EventReason;
import dev.fivenines.operator.events.EventRecorder;
import dev.fivenines.operator.metrics.OperatorMetrics;
import dev.fivenines.operator.revision.Revision;
import dev.fivenines.operator.status.Conditions;
import dev.fivenines.operator.status.DeploymentObservation;
import dev.fivenines.operator.status.DeploymentStatusCalculator;
import dev.fivenines.operator.status.WorkloadState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Reconciles an AuthDeployment of this operator's region into its workload: ServiceAccount, ConfigMap,
 * Deployment, Service and PodDisruptionBudget, built by {@link Workload} from the blueprint. Objects are
 * compared field by field with what is declared; anything that differs is applied again with
 * server-side apply. A difference while the blueprint revision and the deployment's generation are
 * unchanged is a hand edit: it is counted and reported as drift.
 */
@ControllerConfiguration(name = "authdeployment",
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class AuthDeploymentReconciler implements Reconciler<AuthDeployment>, Cleaner<AuthDeployment> {

    private static final Logger LOG = Logger.getLogger(AuthDeploymentReconciler.class);
    static final String BLUEPRINT_INDEX = "blueprint";
    private static final List<Class<? extends HasMetadata>> MANAGED_KINDS = List.of(ServiceAccount.class, ConfigMap.class,
            Deployment.class, Service.class, PodDisruptionBudget.class);

    private final OperatorConfig config;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final CloudResources cloud;

    public AuthDeploymentReconciler(OperatorConfig config, EventRecorder events, OperatorMetrics metrics, Clock clock,
            CloudResources cloud) {
        this.config = config;
        this.cloud = cloud;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, AuthDeployment>> prepareEventSources(EventSourceContext<AuthDeployment> context) {
        context.getPrimaryCache().addIndexer(BLUEPRINT_INDEX, deployment -> List.of(blueprintKey(
                deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace())));
        List<EventSource<?, AuthDeployment>> sources = new ArrayList<>();
        sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(AuthBlueprint.class, AuthDeployment.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(blueprint -> context.getPrimaryCache()
                        .byIndex(BLUEPRINT_INDEX, blueprintKey(blueprint.getMetadata().getName(), blueprint.getMetadata().getNamespace()))
                        .stream().map(ResourceID::fromResource).collect(java.util.stream.Collectors.toSet()))
                .withPrimaryToSecondaryMapper((AuthDeployment deployment) -> Set.of(
                        new ResourceID(deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace())))
                .build(), context));
        for (Class<? extends HasMetadata> kind : MANAGED_KINDS) {
            sources.add(managedInformer(kind, context));
        }
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, AuthDeployment> managedInformer(Class<R> kind,
            EventSourceContext<AuthDeployment> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, AuthDeployment.class)
                .withName(kind.getSimpleName())
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .build(), context);
    }

    static String blueprintKey(String name, String namespace) {
        return namespace + "/" + name;
    }

    @Override
    public UpdateControl<AuthDeployment> reconcile(AuthDeployment deployment, Context<AuthDeployment> context) {
        metrics.reconciled("authdeployment");
        Instant now = Instant.now(clock);
        String served = config.allRegions() ? "all regions" : config.region().orElse("no region");
        if (!config.isLocal(deployment.getSpec().getRegion())) {
            var seen = new DeploymentObservation(false, served, false, null, null, WorkloadState.MISSING, List.of(), List.of());
            return patchIfChanged(deployment, DeploymentStatusCalculator.compute(deployment, seen, now));
        }

        Optional<AuthBlueprint> blueprint = context.getSecondaryResource(AuthBlueprint.class);
        if (blueprint.isEmpty()) {
            var seen = new DeploymentObservation(true, served, false, null, null, WorkloadState.MISSING, List.of(), List.of());
            AuthDeploymentStatus next = DeploymentStatusCalculator.compute(deployment, seen, now);
            events.emit(deployment, EventReason.BlueprintNotFound,
                    Conditions.find(next.getConditions(), ConditionTypes.READY).orElseThrow().getMessage());
            return patchIfChanged(deployment, next);
        }

        String revision = Revision.of(blueprint.get().getSpec());
        Workload workload = new Workload(blueprint.get(), revision, deployment, config.runtime().environment(config.runtimePort()));
        boolean unchangedSinceLastApply = revision.equals(previousRevision(deployment))
                && Objects.equals(deployment.getMetadata().getGeneration(), previousGeneration(deployment));

        List<Drift> corrected = new ArrayList<>();
        Deployment liveDeployment = null;
        for (HasMetadata declared : workload.objects()) {
            HasMetadata live = context.getSecondaryResource(declared.getClass()).orElse(null);
            Optional<Drift> difference = DriftDetector.compare(declared, live);
            if (difference.isPresent()) {
                live = context.resourceOperations().serverSideApply(declared);
                metrics.applied(declared.getKind());
                if (unchangedSinceLastApply) {
                    corrected.add(difference.get());
                    metrics.driftCorrected(declared.getKind());
                    events.emit(deployment, EventReason.DriftCorrected, difference.get().describe() + "; put back");
                } else if (difference.get().found().equals("deleted")) {
                    LOG.debugf("created %s %s for %s", declared.getKind(), declared.getMetadata().getName(), deployment.getMetadata().getName());
                }
            }
            if (live instanceof Deployment d) {
                liveDeployment = d;
            }
        }

        List<CloudOutcome> cloudOutcomes = List.of();
        if (cloud.enabled()) {
            cloudOutcomes = cloud.ensure(cloud.plan(blueprint.get(), deployment), readyBefore(deployment, unchangedSinceLastApply));
            for (CloudOutcome outcome : cloudOutcomes) {
                outcome.corrected().forEach(drift -> {
                    metrics.driftCorrected(drift.kind());
                    events.emit(deployment, EventReason.DriftCorrected, drift.describe() + "; put back");
                });
                if (!outcome.ready() && !outcome.settling()) {
                    events.emit(deployment, EventReason.CloudResourceFailed, outcome.condition() + ": " + outcome.message());
                }
            }
        }

        String version = blueprint.get().getSpec().getRuntime().getVersion();
        var seen = new DeploymentObservation(true, served, true, revision, version, WorkloadState.of(liveDeployment), corrected,
                cloudOutcomes);
        AuthDeploymentStatus next = DeploymentStatusCalculator.compute(deployment, seen, now);
        emitTransitions(deployment, next);
        UpdateControl<AuthDeployment> control = patchIfChanged(deployment, next);
        if (cloudOutcomes.stream().anyMatch(CloudOutcome::settling)) {
            return control.rescheduleAfter(config.aws().busyRetry().toMillis());
        }
        return cloud.enabled() ? control.rescheduleAfter(config.aws().pollInterval().toMillis()) : control;
    }

    /** The cloud conditions that were True when nothing has changed since: a difference now is a hand change. */
    private static Set<String> readyBefore(AuthDeployment deployment, boolean unchangedSinceLastApply) {
        if (!unchangedSinceLastApply || deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Set.of();
        }
        return deployment.getStatus().getConditions().stream().filter(c -> "True".equals(c.getStatus()))
                .map(io.fabric8.kubernetes.api.model.Condition::getType).collect(java.util.stream.Collectors.toSet());
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
        events.forget(deployment);
        return DeleteControl.defaultDelete();
    }

    private void emitTransitions(AuthDeployment deployment, AuthDeploymentStatus next) {
        if (!Objects.equals(next.getBlueprintRevision(), previousRevision(deployment))) {
            events.emit(deployment, EventReason.RevisionApplied,
                    "applied blueprint revision " + next.getBlueprintRevision() + " (" + next.getRuntimeVersion() + ")");
        }
        boolean wasReady = deployment.getStatus() != null && Conditions.isTrue(deployment.getStatus().getConditions(), ConditionTypes.WORKLOAD_READY);
        boolean isReady = Conditions.isTrue(next.getConditions(), ConditionTypes.WORKLOAD_READY);
        if (isReady && !wasReady) {
            events.emit(deployment, EventReason.WorkloadReady, "workload available at revision " + next.getBlueprintRevision());
        } else if (wasReady && !isReady) {
            String reason = Conditions.find(next.getConditions(), ConditionTypes.WORKLOAD_READY).orElseThrow().getReason();
            if ("WorkloadUnavailable".equals(reason)) {
                events.emit(deployment, EventReason.WorkloadUnavailable,
                        Conditions.find(next.getConditions(), ConditionTypes.WORKLOAD_READY).orElseThrow().getMessage());
            }
        }
    }

    private static String previousRevision(AuthDeployment deployment) {
        return deployment.getStatus() == null ? null : deployment.getStatus().getBlueprintRevision();
    }

    private static Long previousGeneration(AuthDeployment deployment) {
        return deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration();
    }

    private UpdateControl<AuthDeployment> patchIfChanged(AuthDeployment deployment, AuthDeploymentStatus next) {
        if (Objects.equals(deployment.getStatus(), next)) {
            return UpdateControl.noUpdate();
        }
        metrics.statusPatched("authdeployment");
        AuthDeployment patch = new AuthDeployment();
        patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(deployment.getMetadata().getName()).withNamespace(deployment.getMetadata().getNamespace()).build());
        patch.setStatus(next);
        return UpdateControl.patchStatus(patch);
    }

    @Override
    public ErrorStatusUpdateControl<AuthDeployment> updateErrorStatus(AuthDeployment deployment, Context<AuthDeployment> context,
            Exception e) {
        metrics.failed("authdeployment");
        LOG.warnf(e, "reconcile of AuthDeployment %s/%s failed", deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        AuthDeploymentStatus previous = deployment.getStatus() != null ? deployment.getStatus() : new AuthDeploymentStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        AuthDeploymentStatus next = copyOf(previous);
        next.setConditions(Conditions.updating(previous.getConditions(), generation, Instant.now(clock))
                .set(ConditionTypes.READY, false, "ReconcileFailed", "the operator could not reconcile: " + e.getMessage()
                        + "; it retries with backoff")
                .build());
        AuthDeployment patch = new AuthDeployment();
        patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(deployment.getMetadata().getName()).withNamespace(deployment.getMetadata().getNamespace()).build());
        patch.setStatus(next);
        return ErrorStatusUpdateControl.patchStatus(patch);
    }

    private static AuthDeploymentStatus copyOf(AuthDeploymentStatus status) {
        AuthDeploymentStatus copy = new AuthDeploymentStatus();
        copy.setObservedGeneration(status.getObservedGeneration());
        copy.setPhase(status.getPhase());
        copy.setBlueprintRevision(status.getBlueprintRevision());
        copy.setRuntimeVersion(status.getRuntimeVersion());
        copy.setDrift(status.getDrift());
        copy.setLastDeepHealth(status.getLastDeepHealth());
        return copy;
    }
}
