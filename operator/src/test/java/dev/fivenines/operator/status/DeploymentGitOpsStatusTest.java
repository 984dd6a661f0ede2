package dev.fivenines.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.AccessDenied;
import dev.fivenines.aws.Throttled;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.cloud.CloudOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** What kstatus, kubectl wait and Argo CD read from an AuthDeployment's status, state by state. */
class DeploymentGitOpsStatusTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-02T10:01:00Z");

    private static AuthDeployment deployment() {
        AuthDeployment d = Fixtures.deployment("ns", "auth-primary", "auth", Variant.Primary, "us-east-1");
        d.getMetadata().setGeneration(4L);
        return d;
    }

    private static DeploymentObservation seen(WorkloadState workload, List<CloudOutcome> cloud) {
        return new DeploymentObservation(true, "us-east-1", true, "rev1", "rev1", "1.4.2", workload, List.of(), cloud);
    }

    private static Condition condition(AuthDeploymentStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }

    private static String summary(AuthDeploymentStatus status, String type) {
        Condition c = condition(status, type);
        return c.getStatus() + "/" + c.getReason();
    }

    private static Kstatus kstatus(AuthDeployment deployment, AuthDeploymentStatus status) {
        return Kstatus.of(deployment.getMetadata(), status.getObservedGeneration(), status.getConditions());
    }

    @Test
    void aDeploymentOfAnotherRegionIsReadyWithReasonNotLocalAndCurrent() {
        AuthDeployment deployment = deployment();
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, DeploymentObservation.notLocal("eu-west-1"), T0);

        assertThat(status.getPhase()).isEqualTo(Phase.NotLocal);
        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("True/NotLocal");
        assertThat(condition(status, ConditionTypes.READY).getMessage())
                .isEqualTo("region us-east-1 is reconciled by the operator of that region; this one serves eu-west-1");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("False/NotLocal");
        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("False/NotLocal");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.Current);
    }

    @Test
    void aMissingBlueprintStallsTheDeployment() {
        AuthDeployment deployment = deployment();
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, DeploymentObservation.blueprintMissing("us-east-1"), T0);

        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("True/BlueprintNotFound");
        assertThat(condition(status, ConditionTypes.STALLED).getMessage()).startsWith("AuthBlueprint auth not found in namespace ns");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("False/Stalled");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.Failed);
    }

    @Test
    void aWorkloadRollingOutIsReconciling() {
        AuthDeployment deployment = deployment();
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.PROGRESSING, List.of()), T0);

        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("True/RolloutInProgress");
        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("False/NotStalled");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.InProgress);
    }

    @Test
    void anUnavailableWorkloadIsStillReconcilingNotCurrent() {
        AuthDeployment deployment = deployment();
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.UNAVAILABLE, List.of()), T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("True/WorkloadUnavailable");
        assertThat(kstatus(deployment, status)).as("kstatus would call a Ready=False resource without Reconciling Current")
                .isEqualTo(Kstatus.InProgress);
    }

    @Test
    void awsStillWorkingOnAChangeIsReconcilingWithTheStepsReason() {
        AuthDeployment deployment = deployment();
        CloudOutcome creating = CloudOutcome.settling(ConditionTypes.TABLE_REPLICA_READY, "TableCreating", "creating table t in us-east-1");
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of(creating)), T0);

        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("True/TableCreating");
        assertThat(condition(status, ConditionTypes.RECONCILING).getMessage()).isEqualTo("TableReplicaReady: creating table t in us-east-1");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.InProgress);
    }

    @Test
    void anAwsRefusalThatRetryingCannotFixStallsTheDeployment() {
        AuthDeployment deployment = deployment();
        CloudOutcome denied = CloudOutcome.failed(ConditionTypes.TABLE_REPLICA_READY, "AccessDenied",
                "not allowed: dynamodb:CreateTable; grant it to the operator's role");
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of(denied)), T0);

        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("True/AccessDenied");
        assertThat(condition(status, ConditionTypes.STALLED).getMessage())
                .isEqualTo("TableReplicaReady: not allowed: dynamodb:CreateTable; grant it to the operator's role");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("False/Stalled");
        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/CloudResourcesNotReady");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.Failed);
    }

    @Test
    void aReadyDeploymentIsCurrentAndInSync() {
        AuthDeployment deployment = deployment();
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0);

        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("True/Ready");
        assertThat(summary(status, ConditionTypes.IN_SYNC)).isEqualTo("True/InSync");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.Current);
        deployment.getMetadata().setGeneration(5L);
        assertThat(kstatus(deployment, status)).as("a spec change not yet observed").isEqualTo(Kstatus.InProgress);
    }

    @Test
    void aDeploymentWhoseBucketHasNotGotTheNewRevisionIsReadyButNotInSync() {
        AuthDeployment deployment = deployment();
        deployment.getSpec().setRolloutBucket(2);
        DeploymentObservation behind = new DeploymentObservation(true, "us-east-1", true, "rev1", "rev2", "1.4.2",
                WorkloadState.AVAILABLE, List.of(), List.of());

        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, behind, T0);

        assertThat(summary(status, ConditionTypes.IN_SYNC)).isEqualTo("False/RevisionBehind");
        assertThat(condition(status, ConditionTypes.IN_SYNC).getMessage()).isEqualTo("runs blueprint revision rev1; the blueprint is "
                + "at rev2, which this deployment's rollout bucket 2 gets in its turn: see the rollout in the status of AuthBlueprint auth");
        assertThat(summary(status, ConditionTypes.READY)).as("it serves the revision its bucket runs").isEqualTo("True/Ready");
        assertThat(kstatus(deployment, status)).isEqualTo(Kstatus.Current);
    }

    @Test
    void aFailureRetryingMayFixKeepsTheObservedGenerationAndIsReconciling() {
        AuthDeployment deployment = deployment();
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0));
        deployment.getMetadata().setGeneration(5L);

        AuthDeploymentStatus failed = DeploymentStatusCalculator.failed(deployment,
                ReconcileFailure.of(new KubernetesClientException("connection refused")), T1);

        assertThat(failed.getObservedGeneration()).isEqualTo(4L);
        assertThat(summary(failed, ConditionTypes.RECONCILING)).isEqualTo("True/RetryingAfterError");
        assertThat(summary(failed, ConditionTypes.STALLED)).isEqualTo("False/Retrying");
        assertThat(summary(failed, ConditionTypes.IN_SYNC)).isEqualTo("False/ReconcileFailed");
        assertThat(kstatus(deployment, failed)).isEqualTo(Kstatus.InProgress);
    }

    @Test
    void aSpecTheApiServerRefusesStallsAtTheNewGenerationWithoutPassingForApplied() {
        AuthDeployment deployment = deployment();
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0));
        deployment.getMetadata().setGeneration(5L);

        AuthDeploymentStatus failed = DeploymentStatusCalculator.failed(deployment, ReconcileFailure.of(new RuntimeException("apply failed",
                new KubernetesClientException("Deployment.apps \"auth-primary\" is invalid: spec.template.spec.nodeSelector", 422, null))), T1);

        assertThat(failed.getObservedGeneration()).isEqualTo(5L);
        assertThat(summary(failed, ConditionTypes.STALLED)).isEqualTo("True/InvalidSpec");
        assertThat(condition(failed, ConditionTypes.STALLED).getMessage()).isEqualTo("the operator could not reconcile: apply failed; "
                + "the API server refused an object built from this spec: correct the field it names");
        assertThat(summary(failed, ConditionTypes.RECONCILING)).isEqualTo("False/Stalled");
        assertThat(summary(failed, ConditionTypes.READY)).isEqualTo("False/ReconcileFailed");
        assertThat(kstatus(deployment, failed)).isEqualTo(Kstatus.Failed);

        deployment.setStatus(failed);
        assertThat(LastApplied.of(deployment).unchanged("rev1", 5L))
                .as("generation 5 was observed but never applied: its objects are a rollout, not drift").isFalse();
    }

    @Test
    void failuresAreStalledOnlyWhenRetryingCannotFixThem() {
        assertThat(ReconcileFailure.of(new AccessDenied("not allowed", "route53:ChangeResourceRecordSets", null)))
                .extracting(ReconcileFailure::stalled, ReconcileFailure::reason).containsExactly(true, "AccessDenied");
        assertThat(ReconcileFailure.of(new Throttled("slow down", "dynamodb:DescribeTable", "us-east-1")).stalled()).isFalse();
        assertThat(ReconcileFailure.of(new KubernetesClientException("forbidden", 403, null)))
                .extracting(ReconcileFailure::stalled, ReconcileFailure::reason).containsExactly(true, "Forbidden");
        assertThat(ReconcileFailure.of(new KubernetesClientException("bad", 400, null)).reason()).isEqualTo("InvalidSpec");
        assertThat(ReconcileFailure.of(new KubernetesClientException("conflict", 409, null)).stalled()).isFalse();
        assertThat(ReconcileFailure.of(new KubernetesClientException("server error", 500, null)).stalled()).isFalse();
        assertThat(ReconcileFailure.of(new IllegalStateException("ControllerRevision auth-rev2 is missing")).stalled())
                .as("the blueprint reconciler may not have recorded it yet").isFalse();
    }
}
