package dev.fivenines.testing.aws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Copies the writes made to a global table in one region to its other replicas, asynchronously.
 *
 * <p>Replication is by item state, as DynamoDB's own: after a write is acknowledged, the item it touched is read back
 * (consistently) from the region that took the write and put into, or deleted from, the other replicas. The guarantee
 * is last writer wins per item: every write to a replicated table gets a number when it is acknowledged, and a
 * replication whose item has been written again since (in any region) is skipped, because the later write carries the
 * item. Writes to replicated tables and the application of replicated state take one lock, so a late replication never
 * overwrites a newer write. Replicas therefore converge to the state of the last acknowledged write of each item.
 * Transactions are replicated item by item, not atomically, as in DynamoDB.
 */
final class WriteReplicator {

    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private static final Logger LOG = LoggerFactory.getLogger(WriteReplicator.class);

    /** One item of one table; the key is canonical JSON (attribute names sorted). */
    private record ItemRef(String table, String key) {
    }

    private final Map<String, DynamoDbBackend> backends;
    private final ReplicaGroups groups;
    private final ScheduledExecutorService executor;
    private final Duration delay;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong clock = new AtomicLong();
    private final Map<ItemRef, Long> latestWrite = new ConcurrentHashMap<>();
    private final Map<String, List<String>> keySchemas = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();

    WriteReplicator(Map<String, DynamoDbBackend> backends, ReplicaGroups groups, ScheduledExecutorService executor,
            Duration delay) {
        this.backends = backends;
        this.groups = groups;
        this.executor = executor;
        this.delay = delay;
    }

    /** Forwards a write made in {@code region}; if it touched replicated tables, schedules their replication. */
    ProxyResponse write(String region, String operation, JsonNode body, Supplier<ProxyResponse> forward) {
        List<ItemRef> items = replicatedItems(region, operation, body);
        if (items.isEmpty()) {
            return forward.get();
        }
        lock.lock();
        try {
            ProxyResponse response = forward.get();
            if (response.status() == 200) {
                long sequence = clock.incrementAndGet();
                items.forEach(item -> latestWrite.put(item, sequence));
                pending.incrementAndGet();
                executor.schedule(() -> replicate(region, items, sequence), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            return response;
        } finally {
            lock.unlock();
        }
    }

    /** Runs work that must not interleave with replicated writes (copying a table into a new replica). */
    void exclusively(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** Replications scheduled and not yet applied. */
    long pending() {
        return pending.get();
    }

    void forgetTable(String region, String table) {
        keySchemas.remove(region + "/" + table);
    }

    private void replicate(String source, List<ItemRef> items, long sequence) {
        lock.lock();
        try {
            for (ItemRef item : items) {
                if (!Long.valueOf(sequence).equals(latestWrite.get(item))) {
                    continue;
                }
                try {
                    copy(source, item);
                } catch (RuntimeException e) {
                    LOG.warn("Replication of {} {} from {} failed: {}", item.table(), item.key(), source, e.toString());
                }
                latestWrite.remove(item, sequence);
            }
        } finally {
            lock.unlock();
            pending.decrementAndGet();
        }
    }

    private void copy(String source, ItemRef item) {
        List<String> targets = groups.replicationTargets(item.table(), source);
        if (targets.isEmpty()) {
            return;
        }
        JsonNode key = DynamoDbBackend.parse(item.key().getBytes(StandardCharsets.UTF_8));
        JsonNode found = backends.get(source).call("GetItem", DynamoDbBackend.object()
                .put("TableName", item.table()).put("ConsistentRead", true).set("Key", key));
        for (String target : targets) {
            if (found.hasNonNull("Item")) {
                backends.get(target).call("PutItem", DynamoDbBackend.object()
                        .put("TableName", item.table()).set("Item", found.get("Item")));
            } else {
                backends.get(target).call("DeleteItem", DynamoDbBackend.object()
                        .put("TableName", item.table()).set("Key", key));
            }
        }
    }

    private List<ItemRef> replicatedItems(String region, String operation, JsonNode body) {
        Set<ItemRef> items = new LinkedHashSet<>();
        switch (operation) {
            case "PutItem" -> addItem(items, region, body.path("TableName").asText(), body.get("Item"));
            case "UpdateItem", "DeleteItem" -> addKey(items, region, body.path("TableName").asText(), body.get("Key"));
            case "BatchWriteItem" -> {
                Iterator<Map.Entry<String, JsonNode>> tables = body.path("RequestItems").fields();
                while (tables.hasNext()) {
                    Map.Entry<String, JsonNode> table = tables.next();
                    for (JsonNode request : table.getValue()) {
                        addItem(items, region, table.getKey(), request.path("PutRequest").get("Item"));
                        addKey(items, region, table.getKey(), request.path("DeleteRequest").get("Key"));
                    }
                }
            }
            case "TransactWriteItems" -> {
                for (JsonNode transactItem : body.path("TransactItems")) {
                    JsonNode put = transactItem.path("Put");
                    addItem(items, region, put.path("TableName").asText(), put.get("Item"));
                    for (String keyed : List.of("Update", "Delete")) {
                        JsonNode change = transactItem.path(keyed);
                        addKey(items, region, change.path("TableName").asText(), change.get("Key"));
                    }
                }
            }
            default -> {
                return List.of();
            }
        }
        return new ArrayList<>(items);
    }

    private void addItem(Set<ItemRef> items, String region, String table, JsonNode item) {
        if (item == null || !groups.replicates(table, region)) {
            return;
        }
        keySchema(region, table).ifPresent(names -> {
            ObjectNode key = DynamoDbBackend.object();
            names.forEach(name -> {
                if (item.has(name)) {
                    key.set(name, item.get(name));
                }
            });
            addKey(items, region, table, key);
        });
    }

    private void addKey(Set<ItemRef> items, String region, String table, JsonNode key) {
        if (key == null || !key.isObject() || !groups.replicates(table, region)) {
            return;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        key.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
        ObjectNode canonical = DynamoDbBackend.object();
        sorted.forEach(canonical::set);
        items.add(new ItemRef(table, canonical.toString()));
    }

    private Optional<List<String>> keySchema(String region, String table) {
        List<String> cached = keySchemas.get(region + "/" + table);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<List<String>> names = backends.get(region).describeTable(table).map(description -> {
            List<String> keyNames = new ArrayList<>();
            description.path("KeySchema").forEach(element -> keyNames.add(element.path("AttributeName").asText()));
            return List.copyOf(keyNames);
        });
        names.ifPresent(found -> keySchemas.put(region + "/" + table, found));
        return names;
    }
}
