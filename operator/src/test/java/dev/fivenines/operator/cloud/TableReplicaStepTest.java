package dev.fivenines.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.TableStatus;
import dev.fivenines.aws.memory.MemoryGlobalTables;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.drift.Drift;

/**
 * The DynamoDB side of a deployment on the in-memory global tables, which keep each change in progress for one
 * describe call, as DynamoDB keeps it for a while: the step is driven pass by pass, as the reconciler drives it.
 */
class TableReplicaStepTest {

    private static final int MAX_PASSES = 20;

    private final MemoryGlobalTables tables = new MemoryGlobalTables(1);
    private final TableReplicaStep step = new TableReplicaStep(tables);
    private final AuthBlueprint blueprint = Fixtures.blueprint("team", "auth", "1.4.2");

    @Test
    void aMissingTableIsCreatedInTheHomeRegionOwnedByTheBlueprintAndTheStepSettles() {
        CloudPlan plan = plan(deployment("auth-primary", Variant.Primary, "us-east-1"));

        CloudOutcome outcome = step.ensure(plan, false);

        assertThat(outcome.condition()).isEqualTo(ConditionTypes.TABLE_REPLICA_READY);
        assertThat(outcome.settling()).isTrue();
        assertThat(outcome.ready()).isFalse();
        assertThat(outcome.reason()).isEqualTo("TableCreating");
        assertThat(outcome.message()).isEqualTo("creating table fivenines-auth in the home region us-east-1");
        TableState created = tables.describe("us-east-1", "fivenines-auth").orElseThrow();
        assertThat(created.status()).isEqualTo(TableStatus.CREATING);
        assertThat(created.isOwnedBy("team/auth")).isTrue();
    }

    @Test
    void aTableThatDisappearedIsNotCreatedAgainEmptyUnlessTheBlueprintSaysSo() {
        CloudPlan plan = plan(deployment("auth-primary", Variant.Primary, "us-east-1"));
        converge(plan, false);
        tables.deleteByHand("fivenines-auth");

        CloudOutcome outcome = step.ensure(plan, true, true);

        assertThat(outcome.ready()).isFalse();
        assertThat(outcome.settling()).isFalse();
        assertThat(outcome.reason()).isEqualTo("TableMissing");
        assertThat(outcome.message()).isEqualTo("table fivenines-auth is gone from the home region us-east-1. It is not created again empty: "
                + "that would lose every tenant's data. Restore it (point-in-time recovery or an on-demand backup, docs/aws.md), or, to start "
                + "empty on purpose, annotate the blueprint fivenines.dev/create-missing-tables: \"true\"");
        assertThat(tables.describe("us-east-1", "fivenines-auth")).isEmpty();

        blueprint.getMetadata().setAnnotations(java.util.Map.of(CloudPlan.CREATE_MISSING_TABLES, "true"));
        CloudOutcome recreated = step.ensure(plan(deployment("auth-primary", Variant.Primary, "us-east-1")), true, true);
        assertThat(recreated.reason()).isEqualTo("TableCreating");
        assertThat(tables.describe("us-east-1", "fivenines-auth")).isPresent();
    }

    @Test
    void aTableStillCreatingKeepsTheStepSettling() {
        CloudPlan plan = plan(deployment("auth-primary", Variant.Primary, "us-east-1"));
        step.ensure(plan, false);

        CloudOutcome outcome = step.ensure(plan, false);

        assertThat(outcome.settling()).isTrue();
        assertThat(outcome.message()).isEqualTo("table fivenines-auth in us-east-1 is CREATING; waiting for ACTIVE");
    }

    @Test
    void aReplicaIsAddedAndTheStepSettlesUntilItIsActive() {
        CloudPlan plan = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));
        CloudOutcome adding = passUntil(plan, outcome -> "ReplicaCreating".equals(outcome.reason()));
        assertThat(adding.settling()).isTrue();
        assertThat(adding.message()).isEqualTo("adding the replica of fivenines-auth in us-west-2");

        CloudOutcome whileCreating = step.ensure(plan, false);

        // DynamoDB shows the table UPDATING while its new replica is CREATING
        assertThat(whileCreating.settling()).isTrue();
        assertThat(whileCreating.ready()).isFalse();
        assertThat(whileCreating.message()).isEqualTo("table fivenines-auth in us-east-1 is UPDATING; waiting for ACTIVE");
        assertThat(converge(plan, false).ready()).isTrue();
        assertThat(tables.describe("us-west-2", "fivenines-auth").orElseThrow().status()).isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void activeReplicasEverywhereTheDeploymentReadsAreReady() {
        AuthDeployment edge = deployment("auth-edge", Variant.Edge, "eu-west-1");
        edge.getSpec().setFailoverRegions(List.of("us-west-2"));
        CloudPlan plan = plan(edge);

        CloudOutcome outcome = converge(plan, false);

        assertThat(outcome.ready()).isTrue();
        assertThat(outcome.reason()).isEqualTo("ReplicasActive");
        assertThat(outcome.message()).isEqualTo("fivenines-auth, fivenines-audit: ACTIVE in eu-west-1, us-west-2 "
                + "(arn:aws:dynamodb:us-east-1:123456789012:table/fivenines-auth, arn:aws:dynamodb:us-east-1:123456789012:table/fivenines-audit)");
        assertThat(outcome.corrected()).isEmpty();
        for (TableSpec table : plan.tables()) {
            assertThat(tables.describe("us-east-1", table.name()).orElseThrow().replicas()).containsOnlyKeys("us-east-1", "eu-west-1",
                    "us-west-2").allSatisfy((region, status) -> assertThat(status).isEqualTo(ReplicaStatus.ACTIVE));
        }
        assertThat(step.ensure(plan, true)).as("nothing left to do").isEqualTo(outcome);
    }

    @Test
    void aReplicaRemovedByHandAfterItWasReadyIsPutBackAndReported() {
        CloudPlan plan = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));
        converge(plan, false);
        // removed by hand, as through the console, and gone
        tables.removeReplica("team/auth", "us-east-1", "fivenines-audit", "us-west-2");
        tables.finishChanges();

        CloudOutcome putBack = step.ensure(plan, true);

        assertThat(putBack.settling()).isTrue();
        assertThat(putBack.reason()).isEqualTo("ReplicaCreating");
        assertThat(putBack.corrected()).containsExactly(Drift.missing("DynamoDBReplica", "fivenines-audit in us-west-2"));
        assertThat(converge(plan, true).ready()).isTrue();
        assertThat(tables.describe("us-east-1", "fivenines-audit").orElseThrow().replicas()).containsKey("us-west-2");
    }

    @Test
    void aReplicaMissingBeforeTheDeploymentWasReadyIsNoDrift() {
        CloudPlan plan = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));

        CloudOutcome adding = passUntil(plan, outcome -> "ReplicaCreating".equals(outcome.reason()));

        assertThat(adding.corrected()).isEmpty();
    }

    @Test
    void aTableFiveninesDidNotCreateFailsWithTheWayToAdoptItAndIsLeftAlone() {
        tables.createByHand("us-east-1", "fivenines-auth", KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")));
        tables.finishChanges();
        CloudPlan plan = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));

        CloudOutcome outcome = step.ensure(plan, false);

        assertThat(outcome.ready()).isFalse();
        assertThat(outcome.settling()).isFalse();
        assertThat(outcome.reason()).isEqualTo("TableNotOwned");
        assertThat(outcome.message()).isEqualTo("table fivenines-auth already exists in us-east-1 and was not created by Fivenines "
                + "for team/auth: set spec.storage.adoptExisting: true on the blueprint to adopt it, or choose another "
                + "spec.storage.tablePrefix");
        TableState untouched = tables.describe("us-east-1", "fivenines-auth").orElseThrow();
        assertThat(untouched.owner()).isEmpty();
        assertThat(untouched.replicas()).containsOnlyKeys("us-east-1");
    }

    @Test
    void aTableFiveninesDidNotCreateIsAdoptedWhenTheBlueprintSaysSo() {
        tables.createByHand("us-east-1", "fivenines-auth", KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")));
        tables.finishChanges();
        blueprint.getSpec().getStorage().setAdoptExisting(true);
        CloudPlan plan = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));

        assertThat(converge(plan, false).ready()).isTrue();

        TableState adopted = tables.describe("us-east-1", "fivenines-auth").orElseThrow();
        assertThat(adopted.isOwnedBy("team/auth")).isTrue();
        assertThat(adopted.replicas()).containsOnlyKeys("us-east-1", "us-west-2");
    }

    @Test
    void withDeletionPolicyRetainADeletedDeploymentsReplicaStays() {
        CloudPlan backup = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));
        converge(backup, false);

        step.remove(backup, () -> {
            throw new AssertionError("the other deployments do not matter when the replica is retained");
        });

        assertThat(tables.describe("us-east-1", "fivenines-auth").orElseThrow().replicas()).containsKey("us-west-2");
    }

    @Test
    void withDeletionPolicyDeleteADeletedDeploymentsReplicaGoes() {
        blueprint.getSpec().getStorage().setDeletionPolicy(DeletionPolicy.Delete);
        CloudPlan primary = plan(deployment("auth-primary", Variant.Primary, "us-east-1"));
        CloudPlan backup = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));
        converge(backup, false);

        step.remove(backup, () -> List.of(primary));
        tables.finishChanges();

        for (TableSpec table : backup.tables()) {
            assertThat(tables.describe("us-east-1", table.name()).orElseThrow().replicas()).containsOnlyKeys("us-east-1");
            assertThat(tables.describe("us-west-2", table.name())).isEmpty();
        }
    }

    @Test
    void theHomeRegionsTableIsNeverRemoved() {
        blueprint.getSpec().getStorage().setDeletionPolicy(DeletionPolicy.Delete);
        CloudPlan primary = plan(deployment("auth-primary", Variant.Primary, "us-east-1"));
        CloudPlan backup = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));
        converge(backup, false);

        step.remove(primary, List::of);
        tables.finishChanges();

        assertThat(tables.describe("us-east-1", "fivenines-auth").orElseThrow().replicas()).containsOnlyKeys("us-east-1", "us-west-2");
    }

    @Test
    void aReplicaAnotherDeploymentOfTheBlueprintReadsFromStays() {
        blueprint.getSpec().getStorage().setDeletionPolicy(DeletionPolicy.Delete);
        CloudPlan backup = plan(deployment("auth-backup", Variant.Backup, "us-west-2"));
        AuthDeployment edge = deployment("auth-edge", Variant.Edge, "eu-west-1");
        edge.getSpec().setFailoverRegions(List.of("us-west-2"));
        CloudPlan edgePlan = plan(edge);
        converge(edgePlan, false);

        step.remove(backup, () -> List.of(edgePlan));
        tables.finishChanges();

        assertThat(tables.describe("us-east-1", "fivenines-auth").orElseThrow().replicas()).containsKeys("us-west-2", "eu-west-1");
    }

    @Test
    void removingAReplicaThatIsNotThereChangesNothing() {
        blueprint.getSpec().getStorage().setDeletionPolicy(DeletionPolicy.Delete);
        converge(plan(deployment("auth-primary", Variant.Primary, "us-east-1")), false);

        step.remove(plan(deployment("auth-backup", Variant.Backup, "us-west-2")), List::of);

        assertThat(tables.describe("us-east-1", "fivenines-auth").orElseThrow().changeInProgress()).isEmpty();
    }

    private AuthDeployment deployment(String name, Variant variant, String region) {
        return Fixtures.deployment("team", name, "auth", variant, region);
    }

    private CloudPlan plan(AuthDeployment deployment) {
        return CloudPlan.of(blueprint, deployment, new RuntimeTableDefinitions());
    }

    /** Passes until the step is no longer settling; fails when that takes too long. */
    private CloudOutcome converge(CloudPlan plan, boolean wasReady) {
        return passUntil(plan, wasReady, outcome -> !outcome.settling());
    }

    private CloudOutcome passUntil(CloudPlan plan, Predicate<CloudOutcome> done) {
        return passUntil(plan, false, done);
    }

    private CloudOutcome passUntil(CloudPlan plan, boolean wasReady, Predicate<CloudOutcome> done) {
        List<CloudOutcome> seen = new ArrayList<>();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            CloudOutcome outcome = step.ensure(plan, wasReady);
            seen.add(outcome);
            if (done.test(outcome)) {
                return outcome;
            }
        }
        throw new AssertionError("no outcome as expected after " + MAX_PASSES + " passes: " + seen);
    }
}
