package dev.fivenines.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.cloud.CloudOutcome;
import io.fabric8.kubernetes.api.model.Condition;

/** A blueprint's readiness counts the deployments this operator reconciles; the rollout decides Reconciling and Stalled. */
class BlueprintGitOpsStatusTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    /** This operator serves us-east-1 only, as in the one-operator-per-region mode. */
    private static final Set<String> HERE = Set.of("us-east-1");

    private static AuthBlueprint blueprint() {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        blueprint.getMetadata().setGeneration(2L);
        return blueprint;
    }

    /** A deployment with the status its own reconcile gives it in this cluster. */
    private static AuthDeployment deployment(String name, Variant variant, String region, String revision, WorkloadState workload,
            List<CloudOutcome> cloud) {
        AuthDeployment d = Fixtures.deployment("ns", name, "auth", variant, region);
        d.getMetadata().setGeneration(1L);
        DeploymentObservation seen = HERE.contains(region)
                ? new DeploymentObservation(true, "us-east-1", true, revision, revision, "1.4.2", workload, List.of(), cloud)
                : DeploymentObservation.notLocal("us-east-1");
        d.setStatus(DeploymentStatusCalculator.compute(d, seen, T0));
        return d;
    }

    private static AuthDeployment ready(String name, Variant variant, String region) {
        return deployment(name, variant, region, "rev1", WorkloadState.AVAILABLE, List.of());
    }

    /** The four deployments of the sample: only the primary is in this operator's region. */
    private static List<AuthDeployment> sample() {
        return List.of(ready("auth-use1-primary", Variant.Primary, "us-east-1"), ready("auth-usw2-backup", Variant.Backup, "us-west-2"),
                ready("auth-euw1-edge", Variant.Edge, "eu-west-1"), ready("auth-acme", Variant.Dedicated, "eu-central-1"));
    }

    private static RolloutStatus rollout(RolloutPhase phase, String message) {
        RolloutStatus rollout = new RolloutStatus();
        rollout.setPhase(phase);
        rollout.setRevision("rev1");
        rollout.setMessage(message);
        return rollout;
    }

    private static AuthBlueprintStatus compute(List<AuthDeployment> deployments, RolloutStatus rollout) {
        return BlueprintStatusCalculator.compute(blueprint(), "rev1", deployments, HERE::contains, rollout, T0);
    }

    private static String summary(AuthBlueprintStatus status, String type) {
        Condition c = Conditions.find(status.getConditions(), type).orElseThrow(() -> new AssertionError("no " + type + " condition"));
        return c.getStatus() + "/" + c.getReason();
    }

    private static Kstatus kstatus(AuthBlueprintStatus status) {
        return Kstatus.of(blueprint().getMetadata(), status.getObservedGeneration(), status.getConditions());
    }

    @Test
    void otherRegionsDeploymentsDoNotKeepTheBlueprintFromBeingReady() {
        AuthBlueprintStatus status = compute(sample(), rollout(RolloutPhase.Completed, "every bucket runs rev1"));

        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("True/AllDeploymentsReady");
        assertThat(Conditions.find(status.getConditions(), ConditionTypes.READY).orElseThrow().getMessage())
                .isEqualTo("all 1 deployments run revision rev1; 3 in other regions are reported by the operators of those regions");
        assertThat(status.getReadyDeployments()).isEqualTo("1/1");
        assertThat(status.getRemoteDeployments()).isEqualTo(3);
        assertThat(status.getDeployments()).extracting(s -> s.getName() + " local=" + s.getLocal() + " ready=" + s.getReady())
                .containsExactly("auth-acme local=false ready=null", "auth-euw1-edge local=false ready=null",
                        "auth-use1-primary local=true ready=true", "auth-usw2-backup local=false ready=null");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("False/AllDeploymentsReady");
        assertThat(kstatus(status)).isEqualTo(Kstatus.Current);
    }

    @Test
    void inSingleClusterModeEveryDeploymentCounts() {
        AuthBlueprintStatus status = BlueprintStatusCalculator.compute(blueprint(), "rev1",
                List.of(ready("auth-use1-primary", Variant.Primary, "us-east-1"),
                        deployment("auth-use1-acme", Variant.Dedicated, "us-east-1", "rev1", WorkloadState.PROGRESSING, List.of())),
                region -> true, rollout(RolloutPhase.Progressing, "bucket 0: waiting for auth-use1-acme"), T0);

        assertThat(status.getReadyDeployments()).isEqualTo("1/2");
        assertThat(status.getRemoteDeployments()).isZero();
        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/DeploymentsNotReady");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("True/RolloutProgressing");
        assertThat(kstatus(status)).isEqualTo(Kstatus.InProgress);
    }

    @Test
    void aClusterWithNoDeploymentOfItsRegionIsReadyWithNothingToDo() {
        AuthBlueprintStatus status = compute(List.of(ready("auth-usw2-backup", Variant.Backup, "us-west-2")), null);

        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("True/NoLocalDeployments");
        assertThat(status.getReadyDeployments()).isEqualTo("0/0");
        assertThat(kstatus(status)).isEqualTo(Kstatus.Current);
    }

    @Test
    void aHaltedRolloutStallsTheBlueprint() {
        List<AuthDeployment> deployments = List.of(deployment("auth-use1-primary", Variant.Primary, "us-east-1", "rev0",
                WorkloadState.AVAILABLE, List.of()));
        AuthBlueprintStatus status = compute(deployments, rollout(RolloutPhase.Halted, "bucket 0: ratio 0.7012 is below the allowed 0.9850"));

        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("True/RolloutHalted");
        assertThat(Conditions.find(status.getConditions(), ConditionTypes.STALLED).orElseThrow().getMessage())
                .isEqualTo("the rollout of revision rev1 is halted: bucket 0: ratio 0.7012 is below the allowed 0.9850");
        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/RolloutHalted");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("False/Stalled");
        assertThat(kstatus(status)).isEqualTo(Kstatus.Failed);
    }

    @Test
    void aPausedRolloutIsNotReadyButNeitherReconcilingNorStalled() {
        List<AuthDeployment> deployments = List.of(deployment("auth-use1-primary", Variant.Primary, "us-east-1", "rev0",
                WorkloadState.AVAILABLE, List.of()));
        AuthBlueprintStatus status = compute(deployments, rollout(RolloutPhase.Paused, "paused before bucket 0"));

        assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/RolloutPaused");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("False/RolloutPaused");
        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("False/NotStalled");
        assertThat(kstatus(status)).as("paused is what the spec asks for").isEqualTo(Kstatus.Current);
    }

    @Test
    void aStalledLocalDeploymentStallsTheBlueprintAndNamesIt() {
        CloudOutcome notOwned = CloudOutcome.failed(ConditionTypes.DNS_RECORD_READY, "NotOwned", "record auth.example.com. is not ours");
        List<AuthDeployment> deployments = List.of(deployment("auth-use1-primary", Variant.Primary, "us-east-1", "rev1",
                WorkloadState.AVAILABLE, List.of(notOwned)), ready("auth-usw2-backup", Variant.Backup, "us-west-2"));

        AuthBlueprintStatus status = compute(deployments, rollout(RolloutPhase.Progressing, "bucket 0: waiting for auth-use1-primary"));

        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("True/DeploymentStalled");
        assertThat(Conditions.find(status.getConditions(), ConditionTypes.STALLED).orElseThrow().getMessage())
                .isEqualTo("auth-use1-primary: DnsRecordReady: record auth.example.com. is not ours");
        assertThat(kstatus(status)).isEqualTo(Kstatus.Failed);
    }

    @Test
    void aDeploymentStillReportingItsBlueprintMissingDoesNotStallTheBlueprintThatNowExists() {
        AuthDeployment early = Fixtures.deployment("ns", "auth-use1-primary", "auth", Variant.Primary, "us-east-1");
        early.getMetadata().setGeneration(1L);
        early.setStatus(DeploymentStatusCalculator.compute(early, DeploymentObservation.blueprintMissing("us-east-1"), T0));

        AuthBlueprintStatus status = compute(List.of(early), rollout(RolloutPhase.Completed, "every bucket runs rev1"));

        assertThat(summary(status, ConditionTypes.STALLED)).isEqualTo("False/NotStalled");
        assertThat(summary(status, ConditionTypes.RECONCILING)).isEqualTo("True/DeploymentsNotReady");
        assertThat(kstatus(status)).isEqualTo(Kstatus.InProgress);
    }

    @Test
    void theObservedGenerationIsTheBlueprintsOwn() {
        AuthBlueprintStatus status = compute(sample(), null);

        assertThat(status.getObservedGeneration()).isEqualTo(2L);
        assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2L));
    }
}
