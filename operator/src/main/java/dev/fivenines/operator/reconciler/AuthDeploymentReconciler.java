package dev.fivenines.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.Throttled;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.cloud.CloudPlan;
import dev.fivenines.operator.cloud.CloudResources;
import dev.fivenines.operator.cloud.TableReplicaStep;
import dev.fivenines.operator.failover.BackupPairing;
import dev.fivenines.operator.failover.DeepHealthProbe;
import dev.fivenines.operator.failover.DnsRemoval;
import dev.fivenines.operator.failover.Evacuation;
import dev.fivenines.operator.failover.FailoverReader;
import dev.fivenines.operator.failover.FailoverView;
import dev.fivenines.operator.failover.ServingStatuses;
import dev.fivenines.operator.failover.ServingTransitions;
import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.operator.desired.Labels;
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
import dev.fivenines.operator.status.ReconcileFailure;
import io.fabric8.kubernetes.api.model.Service;
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
    private final FailoverReader failover;
    private final DeepHealthProbe deepHealth;
    private final Requeue requeue;

    public AuthDeploymentReconciler(OperatorConfig config, EventRecorder events, OperatorMetrics metrics, Clock clock,
            CloudResources cloud, FailoverReader failover, DeepHealthProbe deepHealth) {
        this.config = config;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.cloud = cloud;
        this.failover = failover;
        this.deepHealth = deepHealth;
        this.requeue = new Requeue(config.aws().pollInterval(), config.aws().busyRetry(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** What a pass saw: the observation, and what Route 53 does with the deployment's record (read before the AWS step). */
    private record Observed(DeploymentObservation seen, Optional<FailoverView> failover, Evacuation evacuation) {

        Observed(DeploymentObservation seen) {
            this(seen, Optional.empty(), new Evacuation(false, Optional.empty()));
        }
    }

    @Override
    public List<EventSource<?, AuthDeployment>> prepareEventSources(EventSourceContext<AuthDeployment> context) {
        return DeploymentEventSources.of(context);
    }

    @Override
    public UpdateControl<AuthDeployment> reconcile(AuthDeployment deployment, Context<AuthDeployment> context) {
        metrics.reconciled(NAME);
        Observed observed = observe(deployment, context);
        DeploymentObservation seen = observed.seen();
        Instant now = Instant.now(clock);
        AuthDeploymentStatus next = DeploymentStatusCalculator.compute(deployment, seen, now);
        if (seen.local() && seen.blueprintFound()) {
            next.setLastDeepHealth(deepHealth.read(context.getClient().pods().inNamespace(deployment.getMetadata().getNamespace())
                    .withLabel(Labels.INSTANCE, deployment.getMetadata().getName()).withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
                    .list().getItems()));
        }
        if (seen.local() && seen.blueprintFound() && cloud.enabled()) {
            ServingStatuses.apply(next, observed.failover(), Boolean.TRUE.equals(deployment.getSpec().getEvacuate()), observed.evacuation(),
                    next.getObservedGeneration() == null ? 0 : next.getObservedGeneration(), now);
            ServingTransitions.between(deployment.getStatus() == null ? null : deployment.getStatus().getServing(), next.getServing())
                    .forEach(t -> events.emit(deployment, t.reason(), t.type(), t.message()));
        }
        seen.allCorrected().forEach(drift -> metrics.driftCorrected(drift.kind()));
        DeploymentTransitions.between(deployment.getStatus(), next, seen)
                .forEach(transition -> events.emit(deployment, transition.reason(), transition.message()));

        AuthDeployment patch = StatusPatch.ifChanged(deployment, next, AuthDeployment::new);
        if (patch != null) {
            metrics.statusPatched(NAME);
        }
        UpdateControl<AuthDeployment> control = patch == null ? UpdateControl.noUpdate() : UpdateControl.patchStatus(patch);
        boolean settling = seen.cloud().stream().anyMatch(CloudOutcome::settling);
        if (!settling && !cloud.enabled()) {
            return control;
        }
        boolean throttled = seen.cloud().stream().anyMatch(o -> o.settling() && Throttled.REASON.equals(o.reason()));
        return control.rescheduleAfter(requeue.after(deployment.getMetadata().getUid(), throttled, settling));
    }

    /** Makes the workload and AWS resources as declared, and says what it found and did. */
    private Observed observe(AuthDeployment deployment, Context<AuthDeployment> context) {
        String served = config.allRegions() ? "all regions" : config.region().orElse("no region");
        if (!config.isLocal(deployment.getSpec().getRegion())) {
            return new Observed(DeploymentObservation.notLocal(served));
        }
        Optional<AuthBlueprint> blueprint = context.getSecondaryResource(AuthBlueprint.class);
        if (blueprint.isEmpty()) {
            return new Observed(DeploymentObservation.blueprintMissing(served));
        }
        String latest = Revision.of(blueprint.get().getSpec());
        String revision = AssignedRevision.of(blueprint.get(), deployment, latest);
        AuthBlueprint atRevision = atRevision(blueprint.get(), revision, context);
        Long generation = deployment.getMetadata().getGeneration();
        LastApplied last = LastApplied.of(deployment);

        Workload workload = new Workload(atRevision, revision, deployment, config.runtime().environment(config.runtimePort(), config.runtimeManagementPort()));
        Optional<String> gatewayAddress = GatewayRoutes.ensure(atRevision, deployment, workload, context, metrics);
        ManagedObjects.Applied applied = ManagedObjects.apply(workload.objects(), context, last.unchanged(revision, generation), metrics);
        ConsistencyCronJobs.ensure(atRevision, deployment, workload, context, metrics);
        List<CloudOutcome> cloudOutcomes = List.of();
        Optional<FailoverView> view = Optional.empty();
        Evacuation evacuation = new Evacuation(false, Optional.empty());
        if (cloud.enabled()) {
            BackupPairing.Resolved dns = BackupPairing.resolve(deployment, primaryOf(deployment, context));
            CloudPlan plan = cloud.plan(atRevision, deployment, dns.dns(),
                    ExposureSpec.gateway(atRevision.getSpec().getExposure()) != null ? gatewayAddress : loadBalancer(context, workload));
            if (dns.problem().isPresent()) {
                // a backup whose record cannot be settled: its tables are reconciled, its Route 53 objects left as they are
                BackupPairing.Problem problem = dns.problem().get();
                cloudOutcomes = List.of(cloud.ensureTables(plan, last.readyIfUnchanged(revision, generation), tablesExisted(deployment)),
                        CloudOutcome.failed(ConditionTypes.HEALTH_CHECK_READY, problem.reason(), problem.message()),
                        CloudOutcome.failed(ConditionTypes.DNS_RECORD_READY, problem.reason(), problem.message()));
            } else {
                view = failover.read(plan);
                evacuation = Evacuation.decide(Boolean.TRUE.equals(deployment.getSpec().getEvacuate()), view);
                cloudOutcomes = cloud.ensure(plan.withHealthCheckInverted(evacuation.invert()), last.readyIfUnchanged(revision, generation),
                        tablesExisted(deployment));
            }
        }
        return new Observed(new DeploymentObservation(true, served, true, revision, latest, atRevision.getSpec().getRuntime().getVersion(),
                applied.workload(), applied.corrected(), cloudOutcomes), view, evacuation);
    }

    /** The host name (or address) the deployment's Service reports in status.loadBalancer, from the operator's cache. */
    private static Optional<String> loadBalancer(Context<AuthDeployment> context, Workload workload) {
        return context.getSecondaryResources(Service.class).stream()
                .filter(service -> workload.name().equals(service.getMetadata().getName()))
                .findFirst()
                .map(Service::getStatus).map(status -> status.getLoadBalancer()).map(lb -> lb.getIngress())
                .flatMap(ingress -> ingress.stream().map(i -> i.getHostname() != null ? i.getHostname() : i.getIp())
                        .filter(address -> address != null && !address.isBlank()).findFirst());
    }

    /** The Primary a Backup names in spec.backupOf, from the operator's cache of AuthDeployments; empty for other variants. */
    private static Optional<AuthDeployment> primaryOf(AuthDeployment deployment, Context<AuthDeployment> context) {
        String primary = deployment.getSpec().getBackupOf();
        if (deployment.getSpec().getVariant() != Variant.Backup || primary == null) {
            return Optional.empty();
        }
        return context.getPrimaryCache().get(new ResourceID(primary, deployment.getMetadata().getNamespace()));
    }

    /** The tables were there before: the replica condition was True once, or already reports them gone. */
    private static boolean tablesExisted(AuthDeployment deployment) {
        var conditions = deployment.getStatus() == null ? null : deployment.getStatus().getConditions();
        return dev.fivenines.operator.status.Conditions.find(conditions, ConditionTypes.TABLE_REPLICA_READY)
                .map(c -> "True".equals(c.getStatus()) || TableReplicaStep.TABLE_MISSING.equals(c.getReason())).orElse(false);
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
        requeue.forget(deployment.getMetadata().getUid());
        if (!cloud.enabled() || !config.isLocal(deployment.getSpec().getRegion())) {
            return DeleteControl.defaultDelete();
        }
        Optional<AuthBlueprint> blueprint = context.getSecondaryResource(AuthBlueprint.class);
        if (blueprint.isEmpty()) {
            LOG.warnf("AuthDeployment %s/%s deleted while its blueprint is missing: its Route 53 record and health check, if any, "
                    + "are left in place", deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
            return DeleteControl.defaultDelete();
        }
        BackupPairing.Resolved paired = BackupPairing.resolve(deployment, primaryOf(deployment, context));
        if (paired.problem().isPresent()) {
            LOG.warnf("AuthDeployment %s/%s deleted while its record cannot be settled (%s): its Route 53 record and health check, if any, "
                    + "are left in place", deployment.getMetadata().getNamespace(), deployment.getMetadata().getName(),
                    paired.problem().get().message());
        }
        CloudPlan plan = cloud.plan(blueprint.get(), deployment, paired.dns());
        DnsRemoval dns = DnsRemoval.decide(deployment, plan, plan.record().isPresent() ? failover.read(plan) : Optional.empty());
        if (dns.waiting().isPresent()) {
            events.emit(deployment, "DeletionWaiting", "Warning", dns.waiting().get());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.aws().pollInterval().toMillis());
        }
        cloud.remove(blueprint.get(), deployment, context.getPrimaryCache().list(
                d -> d.getMetadata().getNamespace().equals(deployment.getMetadata().getNamespace())).toList(), dns.remove());
        dns.retained().ifPresent(message -> events.emit(deployment, "DnsRetained", "Normal", message));
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<AuthDeployment> updateErrorStatus(AuthDeployment deployment, Context<AuthDeployment> context,
            Exception e) {
        metrics.failed(NAME);
        LOG.warnf(e, "reconcile of AuthDeployment %s/%s failed", deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        AuthDeploymentStatus next = DeploymentStatusCalculator.failed(deployment, ReconcileFailure.of(e), Instant.now(clock));
        return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(deployment, next, AuthDeployment::new));
    }
}
