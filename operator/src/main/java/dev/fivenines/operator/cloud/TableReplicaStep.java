package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.TableStatus;
import dev.fivenines.operator.drift.Drift;

/**
 * Ensures the blueprint's tables exist in the home region and have an ACTIVE replica in every region the
 * deployment reads from, one replica change at a time, as DynamoDB requires. Each call takes at most one
 * step and reports where things stand; the reconciler calls again until all is ACTIVE.
 */
public final class TableReplicaStep {

    private static final String CONDITION = ConditionTypes.TABLE_REPLICA_READY;

    private final GlobalTables tables;

    public TableReplicaStep(GlobalTables tables) {
        this.tables = tables;
    }

    /**
     * @param wasReady whether the condition was True at the same blueprint revision: what is missing since then was removed by hand
     */
    public CloudOutcome ensure(CloudPlan plan, boolean wasReady) {
        List<Drift> corrected = new ArrayList<>();
        try {
            for (TableSpec spec : plan.tables()) {
                Optional<CloudOutcome> notYet = ensureTable(plan, spec, wasReady, corrected);
                if (notYet.isPresent()) {
                    return notYet.get();
                }
            }
        } catch (CloudException e) {
            return e.retryable() ? CloudOutcome.settling(CONDITION, e.reason(), e.getMessage())
                    : CloudOutcome.failed(CONDITION, e.reason(), e.getMessage());
        }
        return CloudOutcome.ready(CONDITION, "ReplicasActive", String.format("%s: ACTIVE in %s",
                String.join(", ", plan.tables().stream().map(TableSpec::name).toList()), String.join(", ", plan.replicaRegions())),
                corrected);
    }

    private Optional<CloudOutcome> ensureTable(CloudPlan plan, TableSpec spec, boolean wasReady, List<Drift> corrected) {
        String home = plan.homeRegion();
        Optional<TableState> found = tables.describe(home, spec.name());
        if (found.isEmpty()) {
            tables.create(home, spec);
            if (wasReady) {
                corrected.add(Drift.missing("DynamoDBTable", spec.name() + " in " + home));
            }
            return Optional.of(CloudOutcome.settling(CONDITION, "TableCreating",
                    "creating table " + spec.name() + " in the home region " + home, corrected));
        }
        TableState table = found.get();
        if (!table.isOwnedBy(plan.tableOwner())) {
            if (!plan.adoptExisting()) {
                return Optional.of(CloudOutcome.failed(CONDITION, "TableNotOwned", String.format(
                        "table %s already exists in %s and was not created by Fivenines for %s: set spec.storage.adoptExisting: true "
                                + "on the blueprint to adopt it, or choose another spec.storage.tablePrefix",
                        spec.name(), home, plan.tableOwner())));
            }
            tables.adopt(plan.tableOwner(), home, spec.name());
        }
        if (table.status() != TableStatus.ACTIVE) {
            return Optional.of(CloudOutcome.settling(CONDITION, "TableCreating",
                    "table " + spec.name() + " in " + home + " is " + table.status() + "; waiting for ACTIVE"));
        }
        for (String region : plan.replicaRegions()) {
            if (region.equals(home)) {
                continue;
            }
            if (!table.hasReplicaIn(region)) {
                Optional<String> busy = table.changeInProgress();
                if (busy.isPresent()) {
                    return Optional.of(CloudOutcome.settling(CONDITION, "ReplicaChangeInProgress",
                            busy.get() + "; the replica in " + region + " is added when that change is done"));
                }
                tables.addReplica(plan.tableOwner(), home, spec.name(), region);
                if (wasReady) {
                    corrected.add(Drift.missing("DynamoDBReplica", spec.name() + " in " + region));
                }
                return Optional.of(CloudOutcome.settling(CONDITION, "ReplicaCreating",
                        "adding the replica of " + spec.name() + " in " + region, corrected));
            }
            ReplicaStatus status = table.replicas().get(region);
            if (status != ReplicaStatus.ACTIVE) {
                return Optional.of(CloudOutcome.settling(CONDITION, "ReplicaCreating",
                        "the replica of " + spec.name() + " in " + region + " is " + status + "; waiting for ACTIVE"));
            }
        }
        return Optional.empty();
    }
}
