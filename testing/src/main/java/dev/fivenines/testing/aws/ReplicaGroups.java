package dev.fivenines.testing.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which regions hold a replica of which global table, and in what state. A table becomes global when its first
 * replica is added and stops being global when only one region is left. Shared by every region's front door.
 */
final class ReplicaGroups {

    enum Status { CREATING, ACTIVE, DELETING }

    /** A replica change under way: at most one per table. */
    record Change(String region, Status status) {
    }

    private final Map<String, Map<String, Status>> groups = new LinkedHashMap<>();

    synchronized Map<String, Status> members(String table) {
        Map<String, Status> members = groups.get(table);
        return members == null ? Map.of() : new LinkedHashMap<>(members);
    }

    synchronized Optional<Change> changeInProgress(String table) {
        return members(table).entrySet().stream()
                .filter(member -> member.getValue() != Status.ACTIVE)
                .map(member -> new Change(member.getKey(), member.getValue()))
                .findFirst();
    }

    /** True when writes to the table in this region are replicated to other regions. */
    synchronized boolean replicates(String table, String region) {
        Status status = members(table).get(region);
        return status == Status.ACTIVE || status == Status.CREATING;
    }

    /** The other regions that receive the writes made in {@code source}. */
    synchronized List<String> replicationTargets(String table, String source) {
        return members(table).entrySet().stream()
                .filter(member -> !member.getKey().equals(source) && member.getValue() != Status.DELETING)
                .map(Map.Entry::getKey)
                .toList();
    }

    synchronized void startCreating(String table, String source, String replica) {
        Map<String, Status> members = groups.computeIfAbsent(table, key -> new LinkedHashMap<>());
        members.putIfAbsent(source, Status.ACTIVE);
        members.put(replica, Status.CREATING);
    }

    synchronized void startDeleting(String table, String replica) {
        Map<String, Status> members = groups.get(table);
        if (members != null && members.containsKey(replica)) {
            members.put(replica, Status.DELETING);
        }
    }

    synchronized void activate(String table, String replica) {
        Map<String, Status> members = groups.get(table);
        if (members != null && members.get(replica) == Status.CREATING) {
            members.put(replica, Status.ACTIVE);
        }
    }

    /** The region's replica is gone (deleted through ReplicaUpdates or DeleteTable, or its creation failed). */
    synchronized void remove(String table, String region) {
        Map<String, Status> members = groups.get(table);
        if (members != null) {
            members.remove(region);
            if (members.size() < 2) {
                groups.remove(table);
            }
        }
    }
}
