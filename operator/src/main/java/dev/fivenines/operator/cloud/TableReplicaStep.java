package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.TableStatus;
import dev.fivenines.operator.drift.Drift;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ensures the blueprint's tables exist in the home region and have an ACTIVE replica in every region the
 * deployment reads from, one replica change at a time, as DynamoDB requires. Each call takes at most one
 * step and reports where things stand; the reconciler calls again until all is ACTIVE. When a deployment is
 * deleted, {@link #remove} decides whether its replica goes.
 */
@ApplicationScoped
public class TableReplicaStep {

    private static final Logger LOG = Logger.getLogger(TableReplicaStep.class);
    private static final String CONDITION = ConditionTypes.TABLE_REPLICA_READY;

    private final GlobalTables tables;

    public TableReplicaStep(GlobalTables tables) {
        this.tables = tables;
    }

    /** The condition reason of a table that disappeared. */
    public static final String TABLE_MISSING = "TableMissing";

    /**
     * @param wasReady whether the condition was True at the same blueprint revision: what is missing since then was removed by hand
     */
    public CloudOutcome ensure(CloudPlan plan, boolean wasReady) {
        return ensure(plan, wasReady, false);
    }

    /**
     * @param existed whether the tables were there before (the condition was True once, at any revision): a table that
     *        is gone since is not created again empty, which would lose every tenant's data, unless the blueprint says so
     *        (annotation {@value CloudPlan#CREATE_MISSING_TABLES})
     */
    public CloudOutcome ensure(CloudPlan plan, boolean wasReady, boolean existed) {
        List<Drift> corrected = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        try {
            for (TableSpec spec : plan.tables()) {
                Optional<CloudOutcome> notYet = ensureTable(plan, spec, wasReady, existed, corrected, arns);
                if (notYet.isPresent()) {
                    return notYet.get();
                }
            }
        } catch (CloudException e) {
            return e.retryable() ? CloudOutcome.settling(CONDITION, e.reason(), e.getMessage())
                    : CloudOutcome.failed(CONDITION, e.reason(), e.getMessage());
        }
        return CloudOutcome.ready(CONDITION, "ReplicasActive", String.format("%s: ACTIVE in %s (%s)",
                String.join(", ", plan.tables().stream().map(TableSpec::name).toList()), String.join(", ", plan.replicaRegions()),
                String.join(", ", arns)), corrected);
    }

    /**
     * Removes the replica in a deleted deployment's own region, only with deletion policy Delete, never the home
     * region's table, never the last replica, and not while another deployment of the blueprint reads from that region.
     * A replica change under way throws {@link dev.fivenines.aws.ResourceBusy}: the caller tries again later.
     *
     * @param readers the plans of the blueprint's other deployments, asked for only when the replica may go
     */
    public void remove(CloudPlan plan, Supplier<List<CloudPlan>> readers) {
        if (!plan.deleteReplica()) {
            return;
        }
        String region = plan.region();
        if (region.equals(plan.homeRegion())) {
            LOG.infof("keeping the replica in %s of %s: it is the home region's table", region, plan.tableOwner());
            return;
        }
        if (readers.get().stream().anyMatch(other -> other.replicaRegions().contains(region))) {
            LOG.infof("keeping the replica in %s of %s: another deployment reads from it", region, plan.tableOwner());
            return;
        }
        for (TableSpec spec : plan.tables()) {
            Optional<TableState> table = tables.describe(plan.homeRegion(), spec.name());
            if (table.isPresent() && table.get().hasReplicaIn(region) && table.get().replicas().size() > 1) {
                tables.removeReplica(plan.tableOwner(), plan.homeRegion(), spec.name(), region);
            }
        }
    }

    /** @param arns gets the home-region table's ARN once it is found */
    private Optional<CloudOutcome> ensureTable(CloudPlan plan, TableSpec spec, boolean wasReady, boolean existed, List<Drift> corrected,
            List<String> arns) {
        String home = plan.homeRegion();
        Optional<TableState> found = tables.describe(home, spec.name());
        if (found.isEmpty() && existed && !plan.createMissingTables()) {
            return Optional.of(CloudOutcome.failed(CONDITION, TABLE_MISSING, String.format("table %s is gone from the home region %s. "
                    + "It is not created again empty: that would lose every tenant's data. Restore it (point-in-time recovery or an "
                    + "on-demand backup, docs/aws.md), or, to start empty on purpose, annotate the blueprint %s: \"true\"",
                    spec.name(), home, CloudPlan.CREATE_MISSING_TABLES)));
        }
        if (found.isEmpty()) {
            tables.create(home, spec);
            if (wasReady) {
                corrected.add(Drift.missing("DynamoDBTable", spec.name() + " in " + home));
            }
            return Optional.of(CloudOutcome.settling(CONDITION, "TableCreating",
                    "creating table " + spec.name() + " in the home region " + home, corrected));
        }
        TableState table = found.get();
        arns.add(table.arn());
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
