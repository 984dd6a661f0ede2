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
import dev.fivenines.api.v1alpha1.ServingRole;
import dev.fivenines.api.v1alpha1.ServingStatus;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.drift.Drift;

class StatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-23T10:05:00Z");

    private static AuthDeployment deployment() {
        AuthDeployment d = Fixtures.deployment("ns", "auth-primary", "auth", Variant.Primary, "us-east-1");
        d.getMetadata().setGeneration(3L);
        return d;
    }

    private static DeploymentObservation seen(WorkloadState workload, List<Drift> drift) {
        return new DeploymentObservation(true, "us-east-1", true, "rev1", "rev1", "1.4.2", workload, drift, List.of());
    }

    @Test
    void availableWorkloadMakesTheDeploymentReady() {
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment(), seen(WorkloadState.AVAILABLE, List.of()), T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Ready);
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactlyInAnyOrder("BlueprintFound=True/BlueprintFound", "WorkloadReady=True/WorkloadAvailable",
                        "InSync=True/InSync", "Ready=True/Ready", "Reconciling=False/Ready", "Stalled=False/NotStalled");
        assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
    }

    @Test
    void transitionTimeMovesOnlyWhenAConditionChangesStatus() {
        AuthDeployment deployment = deployment();
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0));

        AuthDeploymentStatus same = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T1);
        AuthDeploymentStatus lost = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.UNAVAILABLE, List.of()), T1);

        assertThat(same).as("an unchanged observation gives an equal status, so nothing is written").isEqualTo(deployment.getStatus());
        assertThat(Conditions.find(lost.getConditions(), ConditionTypes.READY).orElseThrow().getLastTransitionTime())
                .isEqualTo(T1.toString());
        assertThat(Conditions.find(lost.getConditions(), ConditionTypes.BLUEPRINT_FOUND).orElseThrow().getLastTransitionTime())
                .isEqualTo(T0.toString());
        assertThat(lost.getPhase()).isEqualTo(Phase.Degraded);
    }

    @Test
    void correctedDriftIsCountedAndNamed() {
        AuthDeployment deployment = deployment();
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0));
        Drift image = new Drift("Deployment", "auth-primary", "spec.template.spec.containers[0].image", "auth:1.4.2", "evil:1");
        Drift service = Drift.missing("Service", "auth-primary");

        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE,
                List.of(image, service)), T1);

        assertThat(status.getDrift().getCorrections()).isEqualTo(2L);
        assertThat(status.getDrift().getLastObject()).isEqualTo("Service/auth-primary");
        assertThat(status.getDrift().getLastCorrectedAt()).isEqualTo(T1.toString());
        assertThat(Conditions.find(status.getConditions(), ConditionTypes.IN_SYNC).orElseThrow().getMessage())
                .isEqualTo("put back a hand change: Service auth-primary was deleted; declare differences in spec.overrides instead");
    }

    @Test
    void theLastCorrectionStaysInInSyncUntilTheGenerationChanges() {
        AuthDeployment deployment = deployment();
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0));
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE,
                List.of(Drift.missing("Service", "auth-primary"))), T1));

        AuthDeploymentStatus clean = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T1.plusSeconds(1));
        assertThat(Conditions.find(clean.getConditions(), ConditionTypes.IN_SYNC).orElseThrow()).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("DriftCorrected");
            assertThat(c.getMessage()).isEqualTo("put back a hand change: Service auth-primary was deleted; declare differences in spec.overrides instead");
        });

        deployment.setStatus(clean);
        deployment.getMetadata().setGeneration(4L);
        AuthDeploymentStatus changed = DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T1.plusSeconds(2));
        assertThat(Conditions.find(changed.getConditions(), ConditionTypes.IN_SYNC).orElseThrow().getReason()).isEqualTo("InSync");
    }

    @Test
    void rolloutInProgressIsProgressingWithAMessageThatSaysWhatToWatch() {
        AuthDeploymentStatus status = DeploymentStatusCalculator.compute(deployment(), seen(WorkloadState.PROGRESSING, List.of()), T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Progressing);
        assertThat(Conditions.find(status.getConditions(), ConditionTypes.WORKLOAD_READY).orElseThrow().getMessage())
                .isEqualTo("rolling out 1.4.2 (revision rev1); wait, or inspect the Deployment auth-primary if it does not finish");
    }

    private static AuthDeployment serving(String name, Variant variant, String failover, ServingRole role, String answeredBy) {
        AuthDeployment deployment = Fixtures.deployment("ns", name, "auth", variant, "us-east-1");
        deployment.getMetadata().setGeneration(1L);
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen(WorkloadState.AVAILABLE, List.of()), T0));
        ServingStatus serving = new ServingStatus();
        serving.setRecordName("auth.example.com");
        serving.setSetIdentifier(name);
        serving.setFailover(failover);
        serving.setRole(role);
        serving.setAnsweredBy(answeredBy);
        deployment.getStatus().setServing(serving);
        return deployment;
    }

    @Test
    void theBlueprintListsEachRecordAndTheDeploymentRoute53AnswersWith() {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        blueprint.getMetadata().setGeneration(1L);
        // the backup read Route 53 a poll earlier than the primary: the primary's reading is the record's
        AuthDeployment backup = serving("auth-backup", Variant.Backup, "SECONDARY", ServingRole.Standby, "auth-primary");
        AuthDeployment primary = serving("auth-primary", Variant.Primary, "PRIMARY", ServingRole.FailedOver, "auth-backup");
        AuthDeployment edge = Fixtures.deployment("ns", "auth-edge", "auth", Variant.Edge, "eu-west-1");

        AuthBlueprintStatus status = BlueprintStatusCalculator.compute(blueprint, "rev1", List.of(backup, primary, edge), region -> true,
                null, T0);

        assertThat(status.getRecords()).singleElement().satisfies(record -> {
            assertThat(record.getRecordName()).isEqualTo("auth.example.com");
            assertThat(record.getAnsweredBy()).isEqualTo("auth-backup");
            assertThat(record.getPrimaryServing()).isFalse();
        });
        assertThat(status.getDeployments()).extracting(s -> s.getName() + ":" + s.getRole())
                .containsExactly("auth-backup:Standby", "auth-edge:null", "auth-primary:FailedOver");
        assertThat(BlueprintStatusCalculator.compute(blueprint, "rev1", List.of(edge), region -> true, null, T0).getRecords())
                .as("no record without DNS").isNull();
    }

    @Test
    void blueprintReportsTheWorkedReliabilityExampleAndItsDeployments() {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        blueprint.getMetadata().setGeneration(7L);
        DependencySpec sessions = new DependencySpec();
        sessions.setName("session-store");
        sessions.setAvailability("90");
        blueprint.getSpec().getReliability().setDependencies(List.of(sessions));
        AuthDeployment ready = deployment();
        ready.setStatus(DeploymentStatusCalculator.compute(ready, seen(WorkloadState.AVAILABLE, List.of()), T0));
        AuthDeployment rolling = Fixtures.deployment("ns", "auth-acme", "auth", Variant.Dedicated, "us-east-1");
        rolling.getMetadata().setGeneration(1L);
        rolling.setStatus(DeploymentStatusCalculator.compute(rolling, seen(WorkloadState.PROGRESSING, List.of()), T0));

        AuthBlueprintStatus status = BlueprintStatusCalculator.compute(blueprint, "rev1", List.of(ready, rolling), region -> true, null, T0);

        assertThat(status.getObservedGeneration()).isEqualTo(7L);
        assertThat(status.getReadyDeployments()).isEqualTo("1/2");
        assertThat(status.getDeployments()).extracting(s -> s.getName() + ":" + s.getReady())
                .containsExactly("auth-acme:false", "auth-primary:true");
        var dependency = status.getReliability().getDependencies().get(0);
        assertThat(dependency.getRetriesNeeded()).isEqualTo(5);
        assertThat(dependency.getRetriesAllowed()).isEqualTo(2);
        assertThat(dependency.getMinimumAvailability()).isEqualTo("99.6838");
        assertThat(status.getReliability().getFeasible()).isFalse();
        var feasible = Conditions.find(status.getConditions(), ConditionTypes.RELIABILITY_FEASIBLE).orElseThrow();
        assertThat(feasible.getStatus()).isEqualTo("False");
        assertThat(feasible.getReason()).isEqualTo("TargetUnreachable");
        assertThat(feasible.getMessage()).isEqualTo("session-store at 90% needs 5 tries to reach 99.999%, but the retry handler "
                + "at 99.9995% allows only 2: raise session-store to at least 99.6838% or make it not critical-path");
        assertThat(Conditions.isTrue(status.getConditions(), ConditionTypes.READY)).isFalse();
    }
}
