package dev.fivenines.aws;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A table as DynamoDB describes it in one region.
 *
 * @param replicas every region that holds a replica, this one included (a table that is not global has only this
 *                 region), with the replica's status
 * @param owner    the value of the {@link Ownership#OWNER_TAG} tag on the table in this region, if any
 * @param arn      the table's ARN in this region, as DynamoDB gives it (to find it in the console)
 */
public record TableState(String name, String region, TableStatus status, Map<String, ReplicaStatus> replicas,
        Optional<String> owner, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey, Set<String> globalIndexes,
        boolean payPerRequest, boolean streamsNewAndOldImages, String arn) {

    public TableState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(arn, "arn");
        replicas = java.util.Collections.unmodifiableMap(new TreeMap<>(replicas));
        Objects.requireNonNull(owner, "owner");
        globalIndexes = Set.copyOf(globalIndexes);
    }

    public boolean isOwnedBy(String someone) {
        return owner.filter(someone::equals).isPresent();
    }

    public boolean hasReplicaIn(String replicaRegion) {
        return replicas.containsKey(replicaRegion);
    }

    /**
     * What keeps DynamoDB from taking another replica change now: the table not ACTIVE, or a replica not ACTIVE.
     * Empty when a change can be made.
     */
    public Optional<String> changeInProgress() {
        if (status != TableStatus.ACTIVE) {
            return Optional.of("table " + name + " in " + region + " is " + status);
        }
        return replicas.entrySet().stream()
                .filter(replica -> replica.getValue() != ReplicaStatus.ACTIVE)
                .findFirst()
                .map(replica -> "the replica of " + name + " in " + replica.getKey() + " is " + replica.getValue());
    }
}
