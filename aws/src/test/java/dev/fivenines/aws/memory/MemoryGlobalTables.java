package dev.fivenines.aws.memory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.fivenines.aws.GlobalIndex;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;
import dev.fivenines.aws.ReplicaChange;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.ResourceBusy;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.TableStatus;

/**
 * {@link GlobalTables} in memory, on DynamoDB's documented rules as {@code GlobalTablesContract} encodes them: a new
 * table is CREATING, then ACTIVE; one replica change at a time per table, so adding or removing a replica while the
 * table or any replica is not ACTIVE throws {@link ResourceBusy}; during a change the table is UPDATING in the other
 * regions, the new replica CREATING and the leaving one DELETING; a new replica carries no tags; a replica is added
 * and removed through another region's table, so the last one is never removed.
 *
 * <p>Time is counted in {@link #describe} calls: a change stays in progress for {@code describesPerChange} calls on
 * any region of its table, and the next call finds it done. {@link #finishChanges()} ends every change at once.
 */
public final class MemoryGlobalTables implements GlobalTables {

    /** The account id in the ARNs this fake gives, AWS's documented example account. */
    static final String ACCOUNT = "123456789012";

    private enum Kind { CREATE_TABLE, ADD_REPLICA, REMOVE_REPLICA }

    /** A change in progress on a global table, in one region. */
    private record Change(Kind kind, String region) {
    }

    /** One global table: the regions with a replica, and the change in progress. */
    private static final class Group {
        final String name;
        final Set<String> regions = new TreeSet<>();
        Change change;
        int describesLeft;

        Group(String name) {
            this.name = name;
        }
    }

    /** The table in one region. */
    private static final class Table {
        final String region;
        final Group group;
        final KeyAttribute partitionKey;
        final Optional<KeyAttribute> sortKey;
        final Set<String> indexes;
        String owner;

        Table(String region, Group group, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey, Set<String> indexes, String owner) {
            this.region = region;
            this.group = group;
            this.partitionKey = partitionKey;
            this.sortKey = sortKey;
            this.indexes = Set.copyOf(indexes);
            this.owner = owner;
        }

        Optional<String> owner() {
            return Optional.ofNullable(owner);
        }
    }

    private final int describesPerChange;
    private final Map<String, Map<String, Table>> regions = new HashMap<>();

    /** Changes in progress for one describe call, done at the next. */
    public MemoryGlobalTables() {
        this(1);
    }

    public MemoryGlobalTables(int describesPerChange) {
        if (describesPerChange < 0) {
            throw new IllegalArgumentException("describesPerChange must not be negative: " + describesPerChange);
        }
        this.describesPerChange = describesPerChange;
    }

    @Override
    public synchronized Optional<TableState> describe(String region, String table) {
        Table found = find(region, table);
        if (found == null) {
            return Optional.empty();
        }
        advance(found.group);
        return Optional.ofNullable(find(region, table)).map(this::state);
    }

    @Override
    public synchronized void create(String region, TableSpec spec) {
        Table existing = find(region, spec.name());
        if (existing != null) {
            if (!existing.owner().filter(spec.owner()::equals).isPresent()) {
                throw notOwned(existing, spec.owner(), "dynamodb:CreateTable");
            }
            if (status(existing) == TableStatus.DELETING) {
                throw new ResourceBusy("table " + spec.name() + " in " + region + " is being deleted; it will be created again "
                        + "once it is gone.", "dynamodb:CreateTable", region);
            }
            return;
        }
        Group group = new Group(spec.name());
        group.regions.add(region);
        start(group, Kind.CREATE_TABLE, region);
        put(new Table(region, group, spec.partitionKey(), spec.sortKey(),
                spec.globalIndexes().stream().map(GlobalIndex::name).collect(Collectors.toSet()), spec.owner()));
    }

    @Override
    public synchronized ReplicaChange addReplica(String owner, String region, String table, String replicaRegion) {
        requireOtherRegion(region, replicaRegion);
        Table source = ownedTable(owner, region, table, "dynamodb:UpdateTable");
        Group group = source.group;
        if (group.regions.contains(replicaRegion)) {
            if (isChanging(group, Kind.REMOVE_REPLICA, replicaRegion)) {
                throw new ResourceBusy("The replica of " + table + " in " + replicaRegion + " is being deleted; it can be added "
                        + "again once it is gone. Will retry.", "dynamodb:UpdateTable", region);
            }
            return ReplicaChange.NOTHING_TO_DO;
        }
        refuseWhileChanging(source);
        if (find(replicaRegion, table) != null) {
            throw new NotOwned("A table named " + table + " already exists in " + replicaRegion + " and is not a replica of the "
                    + "table in " + region + ": remove it or make it the replica by hand.", "dynamodb:UpdateTable", region);
        }
        group.regions.add(replicaRegion);
        start(group, Kind.ADD_REPLICA, replicaRegion);
        put(new Table(replicaRegion, group, source.partitionKey, source.sortKey, source.indexes, null));
        return ReplicaChange.STARTED;
    }

    @Override
    public synchronized ReplicaChange removeReplica(String owner, String region, String table, String replicaRegion) {
        requireOtherRegion(region, replicaRegion);
        Table source = ownedTable(owner, region, table, "dynamodb:UpdateTable");
        Group group = source.group;
        if (!group.regions.contains(replicaRegion) || isChanging(group, Kind.REMOVE_REPLICA, replicaRegion)) {
            return ReplicaChange.NOTHING_TO_DO;
        }
        refuseWhileChanging(source);
        start(group, Kind.REMOVE_REPLICA, replicaRegion);
        return ReplicaChange.STARTED;
    }

    @Override
    public synchronized void adopt(String owner, String region, String table) {
        Ownership.requireOwner(owner);
        Table found = find(region, table);
        if (found == null) {
            throw new NotFound("table " + table + " does not exist in " + region + ", so it cannot be adopted.",
                    "dynamodb:TagResource", region);
        }
        if (found.owner().isPresent() && !found.owner.equals(owner)) {
            throw notOwned(found, owner, "dynamodb:TagResource");
        }
        found.owner = owner;
    }

    /**
     * Creates a table as a person would, without Fivenines: no owner tag, on demand, with a stream, CREATING like any
     * new table.
     */
    public synchronized void createByHand(String region, String table, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {
        if (find(region, table) != null) {
            throw new IllegalStateException("table " + table + " already exists in " + region);
        }
        Group group = new Group(table);
        group.regions.add(region);
        start(group, Kind.CREATE_TABLE, region);
        put(new Table(region, group, partitionKey, sortKey, Set.of(), null));
    }

    /** Deletes a table in every region at once, as a person (or an accident) would, bypassing every rule of the port. */
    public synchronized void deleteByHand(String table) {
        regions.values().forEach(tables -> tables.remove(table));
    }

    /** Ends every change in progress, as if DynamoDB had been given all the time it needs. */
    public synchronized void finishChanges() {
        regions.values().stream().flatMap(tables -> tables.values().stream()).map(table -> table.group).distinct().toList()
                .forEach(this::finish);
    }

    private void advance(Group group) {
        if (group.change == null) {
            return;
        }
        if (group.describesLeft > 0) {
            group.describesLeft--;
            return;
        }
        finish(group);
    }

    private void finish(Group group) {
        if (group.change != null && group.change.kind() == Kind.REMOVE_REPLICA) {
            group.regions.remove(group.change.region());
            regions.get(group.change.region()).remove(group.name);
        }
        group.change = null;
    }

    private void start(Group group, Kind kind, String region) {
        group.change = new Change(kind, region);
        group.describesLeft = describesPerChange;
    }

    private static boolean isChanging(Group group, Kind kind, String region) {
        return group.change != null && group.change.kind() == kind && group.change.region().equals(region);
    }

    private TableState state(Table table) {
        Map<String, ReplicaStatus> replicas = new LinkedHashMap<>();
        for (String region : table.group.regions) {
            replicas.put(region, replicaStatus(table.group, region));
        }
        return new TableState(table.group.name, table.region, status(table), replicas, table.owner(), table.partitionKey,
                table.sortKey, table.indexes, true, true, "arn:aws:dynamodb:" + table.region + ":" + ACCOUNT + ":table/" + table.group.name);
    }

    private static TableStatus status(Table table) {
        Change change = table.group.change;
        if (change == null) {
            return TableStatus.ACTIVE;
        }
        if (!change.region().equals(table.region)) {
            return TableStatus.UPDATING;
        }
        return change.kind() == Kind.REMOVE_REPLICA ? TableStatus.DELETING : TableStatus.CREATING;
    }

    private static ReplicaStatus replicaStatus(Group group, String region) {
        if (group.change == null || !group.change.region().equals(region)) {
            return ReplicaStatus.ACTIVE;
        }
        return group.change.kind() == Kind.REMOVE_REPLICA ? ReplicaStatus.DELETING : ReplicaStatus.CREATING;
    }

    private Table ownedTable(String owner, String region, String table, String action) {
        Ownership.requireOwner(owner);
        Table found = find(region, table);
        if (found == null) {
            throw new NotFound("table " + table + " does not exist in " + region + "; create it in its home region first.", action,
                    region);
        }
        if (!found.owner().filter(owner::equals).isPresent()) {
            throw notOwned(found, owner, action);
        }
        return found;
    }

    private void refuseWhileChanging(Table table) {
        state(table).changeInProgress().ifPresent(change -> {
            throw new ResourceBusy("DynamoDB takes one replica change at a time and " + change
                    + "; will retry once everything is ACTIVE.", "dynamodb:UpdateTable", table.region);
        });
    }

    private static void requireOtherRegion(String region, String replicaRegion) {
        if (region.equals(replicaRegion)) {
            throw new IllegalArgumentException("Replicas are added and removed through another region than their own (" + region + ")");
        }
    }

    private static NotOwned notOwned(Table table, String owner, String action) {
        return new NotOwned("table " + table.group.name + " in " + table.region + " exists but "
                + table.owner().map(other -> "belongs to " + other).orElse("has no " + Ownership.OWNER_TAG + " tag")
                + ", not to " + owner + ". Fivenines does not change tables it does not own: remove it, or let the "
                + "blueprint adopt it.", action, table.region);
    }

    private Table find(String region, String table) {
        return regions.getOrDefault(region, Map.of()).get(table);
    }

    private void put(Table table) {
        regions.computeIfAbsent(table.region, key -> new HashMap<>()).put(table.group.name, table);
    }
}
