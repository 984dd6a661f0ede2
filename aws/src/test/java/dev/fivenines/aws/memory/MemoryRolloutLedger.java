package dev.fivenines.aws.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.RolloutLedger;
import dev.fivenines.aws.WaveProgress;

/**
 * The rollout ledger in memory, following the port's rules: a table exists in the regions it was given (anywhere
 * else reading or writing throws {@link NotFound}, as DynamoDB answers ResourceNotFoundException), replication between
 * its replicas is immediate, and a region's later write for a revision replaces its earlier one.
 */
public final class MemoryRolloutLedger implements RolloutLedger {

    private final Map<String, Set<String>> replicas = new ConcurrentHashMap<>();
    private final Map<String, Map<String, WaveProgress>> items = new ConcurrentHashMap<>();

    /** Gives {@code table} replicas in {@code regions}. */
    public MemoryRolloutLedger withTable(String table, String... regions) {
        replicas.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).addAll(Set.of(regions));
        return this;
    }

    @Override
    public void record(String region, String table, WaveProgress progress) {
        requireReplica(region, table, "dynamodb:PutItem");
        items.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                .put(progress.rollout() + "\n" + progress.revision() + "\n" + progress.region(), progress);
    }

    @Override
    public List<WaveProgress> read(String region, String table, String rollout, String revision) {
        requireReplica(region, table, "dynamodb:Query");
        List<WaveProgress> found = new ArrayList<>();
        items.getOrDefault(table, Map.of()).values().stream()
                .filter(p -> p.rollout().equals(rollout) && p.revision().equals(revision)).forEach(found::add);
        return found;
    }

    private void requireReplica(String region, String table, String action) {
        if (!replicas.getOrDefault(table, new HashSet<>()).contains(region)) {
            throw new NotFound("table " + table + " in " + region + " does not exist.", action, region, null);
        }
    }
}
