package dev.fivenines.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DependencySpec;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.operator.drift.Drift;
import dev.fivenines.operator.events.EventReason;

class TransitionsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-02T10:01:00Z");

    private static AuthDeployment deployment() {
        AuthDeployment d = Fixtures.deployment("ns", "auth-primary", "auth", Variant.Primary, "us-east-1");
        d.getMetadata().setGeneration(2L);
        return d;
    }

    private static DeploymentObservation seen(String revision, WorkloadState workload, List<Drift> drift, List<CloudOutcome> cloud) {
        return new DeploymentObservation(true, "us-east-1", true, revision, revision, "1.4.2", workload, drift, cloud);
    }

    /** Computes the next status from the deployment's current one and returns the transitions, then stores the status. */
    private static List<Transition> pass(AuthDeployment deployment, DeploymentObservation seen, Instant now) {
        AuthDeploymentStatus next = DeploymentStatusCalculator.compute(deployment, seen, now);
        List<Transition> transitions = DeploymentTransitions.between(deployment.getStatus(), next, seen);
        deployment.setStatus(next);
        return transitions;
    }

    private static List<EventReason> reasons(List<Transition> transitions) {
        return transitions.stream().map(Transition::reason).toList();
    }

    @Test
    void aNewDeploymentReportsItsRevisionThenItsReadinessOnce() {
        AuthDeployment deployment = deployment();

        assertThat(pass(deployment, seen("rev1", WorkloadState.PROGRESSING, List.of(), List.of()), T0))
                .containsExactly(new Transition(EventReason.RevisionApplied, "applied blueprint revision rev1 (1.4.2)"));
        assertThat(pass(deployment, seen("rev1", WorkloadState.PROGRESSING, List.of(), List.of()), T0)).isEmpty();
        assertThat(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of()), T1))
                .containsExactly(new Transition(EventReason.WorkloadReady, "workload available at revision rev1"));
        assertThat(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of()), T1))
                .as("a resync reports nothing").isEmpty();
    }

    @Test
    void losingAndRegainingAvailabilityIsReportedEachTime() {
        AuthDeployment deployment = deployment();
        pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of()), T0);

        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.UNAVAILABLE, List.of(), List.of()), T1)))
                .containsExactly(EventReason.WorkloadUnavailable);
        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of()), T1)))
                .containsExactly(EventReason.WorkloadReady);
        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.UNAVAILABLE, List.of(), List.of()), T1)))
                .as("the same loss again is a new loss").containsExactly(EventReason.WorkloadUnavailable);
    }

    @Test
    void aNewRevisionRollingOutIsNotALossOfAvailability() {
        AuthDeployment deployment = deployment();
        pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of()), T0);

        assertThat(reasons(pass(deployment, seen("rev2", WorkloadState.PROGRESSING, List.of(), List.of()), T1)))
                .containsExactly(EventReason.RevisionApplied);
    }

    @Test
    void everyCorrectionIsReportedWhenItIsMade() {
        AuthDeployment deployment = deployment();
        pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of()), T0);
        Drift image = new Drift("Deployment", "auth-primary", "spec.template.spec.containers[0].image", "auth:1.4.2", "evil:1");

        assertThat(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(image), List.of()), T1))
                .containsExactly(new Transition(EventReason.DriftCorrected, image.describe() + "; put back"));
        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(image), List.of()), T1)))
                .as("the same hand change made again is corrected and reported again").containsExactly(EventReason.DriftCorrected);
    }

    @Test
    void aCloudFailureIsReportedWhenItBeginsOrChangesButNotWhileItIsSettling() {
        AuthDeployment deployment = deployment();
        CloudOutcome creating = CloudOutcome.settling(ConditionTypes.TABLE_REPLICA_READY, "TableCreating", "creating table t");
        CloudOutcome denied = CloudOutcome.failed(ConditionTypes.TABLE_REPLICA_READY, "AccessDenied", "not allowed to create t");
        CloudOutcome notOwned = CloudOutcome.failed(ConditionTypes.TABLE_REPLICA_READY, "TableNotOwned", "t is not ours");

        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of(creating)), T0)))
                .doesNotContain(EventReason.CloudResourceFailed);
        assertThat(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of(denied)), T1))
                .contains(new Transition(EventReason.CloudResourceFailed, "TableReplicaReady: not allowed to create t"));
        assertThat(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of(denied)), T1)).isEmpty();
        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(), List.of(notOwned)), T1)))
                .containsExactly(EventReason.CloudResourceFailed);
    }

    @Test
    void aMissingBlueprintIsReportedOnceUntilItIsFound() {
        AuthDeployment deployment = deployment();
        DeploymentObservation missing = DeploymentObservation.blueprintMissing("us-east-1");

        List<Transition> first = pass(deployment, missing, T0);
        assertThat(reasons(first)).containsExactly(EventReason.BlueprintNotFound);
        assertThat(first.get(0).message()).startsWith("AuthBlueprint auth not found in namespace ns");
        assertThat(pass(deployment, missing, T1)).isEmpty();
        assertThat(reasons(pass(deployment, seen("rev1", WorkloadState.PROGRESSING, List.of(), List.of()), T1)))
                .containsExactly(EventReason.RevisionApplied);
    }

    @Test
    void aDeploymentOfAnotherRegionIsReportedByStatusOnly() {
        AuthDeployment deployment = deployment();

        assertThat(pass(deployment, DeploymentObservation.notLocal("eu-west-1"), T0)).isEmpty();
        assertThat(deployment.getStatus().getPhase()).isEqualTo(Phase.NotLocal);
    }

    @Test
    void aFailedReconcileKeepsEveryFieldAndSaysWhy() {
        AuthDeployment deployment = deployment();
        Drift image = new Drift("Deployment", "auth-primary", "spec.template.spec.containers[0].image", "auth:1.4.2", "evil:1");
        pass(deployment, seen("rev1", WorkloadState.AVAILABLE, List.of(image), List.of()), T0);
        AuthDeploymentStatus before = deployment.getStatus();

        AuthDeploymentStatus failed = DeploymentStatusCalculator.failed(deployment, ReconcileFailure.retrying("connection refused"), T1);

        assertThat(failed).usingRecursiveComparison().ignoringFields("conditions").isEqualTo(before);
        assertThat(Conditions.find(failed.getConditions(), ConditionTypes.READY).orElseThrow()).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ReconcileFailed");
            assertThat(c.getMessage()).isEqualTo("the operator could not reconcile: connection refused; it retries with backoff");
        });
        assertThat(Conditions.isTrue(failed.getConditions(), ConditionTypes.WORKLOAD_READY)).isTrue();
        assertThat(deployment.getStatus()).as("the previous status is not changed in place").isSameAs(before);
        assertThat(Conditions.isTrue(before.getConditions(), ConditionTypes.READY)).isTrue();
    }

    @Test
    void aBlueprintReportsLosingAndRegainingFeasibility() {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        blueprint.getMetadata().setGeneration(1L);
        AuthBlueprintStatus feasible = BlueprintStatusCalculator.compute(blueprint, "rev1", List.of(), region -> true, null, T0);
        assertThat(BlueprintTransitions.between(null, feasible)).as("a feasible start is not news").isEmpty();
        blueprint.setStatus(feasible);

        DependencySpec weak = new DependencySpec();
        weak.setName("idp");
        weak.setAvailability("90");
        blueprint.getSpec().getReliability().setDependencies(List.of(weak));
        AuthBlueprintStatus infeasible = BlueprintStatusCalculator.compute(blueprint, "rev1", List.of(), region -> true, null, T1);
        assertThat(reasons(BlueprintTransitions.between(feasible, infeasible))).containsExactly(EventReason.ReliabilityInfeasible);
        assertThat(BlueprintTransitions.between(infeasible, infeasible)).isEmpty();

        assertThat(reasons(BlueprintTransitions.between(infeasible, feasible))).containsExactly(EventReason.ReliabilityFeasible);
    }
}
