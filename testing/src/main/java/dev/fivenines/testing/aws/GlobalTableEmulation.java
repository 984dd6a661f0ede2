package dev.fivenines.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one region's DynamoDB front door does beyond forwarding: the replica control API of global tables version
 * 2019.11.21, which DynamoDB Local refuses, and the replication of writes.
 *
 * <ul>
 *   <li>UpdateTable with {@code ReplicaUpdates} (one Create or Delete per request): the new replica's table is created
 *       at once in the target region's DynamoDB Local with the source's keys, indexes, billing mode and stream, the
 *       existing items are copied, and the replica is {@code CREATING} until the replica change duration has passed,
 *       then {@code ACTIVE}. A deleted replica is {@code DELETING} for that duration, then its table is dropped.</li>
 *   <li>One replica change at a time: while one is under way, the table's status is {@code UPDATING} (in the new
 *       replica's region {@code CREATING}, in the leaving one {@code DELETING}) and any UpdateTable or DeleteTable of
 *       it is refused with {@code ResourceInUseException}, as DynamoDB does.</li>
 *   <li>DescribeTable (and the UpdateTable answer) lists the other regions' replicas in {@code Replicas} and sets
 *       {@code GlobalTableVersion}.</li>
 *   <li>Writes to a replicated table are replicated, see {@link WriteReplicator}.</li>
 *   <li>Tags (CreateTable {@code Tags}, TagResource, UntagResource, ListTagsOfResource), which DynamoDB Local
 *       refuses, are kept here per table. A new replica starts without tags.</li>
 *   <li>ARNs in the answers of table operations carry the region instead of DynamoDB Local's {@code ddblocal}
 *       (item operations pass untouched, so item values are never rewritten).</li>
 * </ul>
 * Everything else goes to DynamoDB Local unchanged.
 */
final class GlobalTableEmulation implements FrontDoor.Handler {

    static final String GLOBAL_TABLE_VERSION = "2019.11.21";
    private static final String LOCAL_ARN_PREFIX = "arn:aws:dynamodb:ddblocal:" + DynamoDbDialect.ACCOUNT + ":";
    private static final Set<String> ITEM_OPERATIONS = Set.of("GetItem", "BatchGetItem", "Query", "Scan",
            "TransactGetItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");

    private static final Logger LOG = LoggerFactory.getLogger(GlobalTableEmulation.class);

    private final String region;
    private final Map<String, DynamoDbBackend> backends;
    private final Forwarder forwarder;
    private final ReplicaGroups groups;
    private final WriteReplicator replicator;
    private final ScheduledExecutorService executor;
    private final Duration replicaChange;
    private final TableTags tags;

    GlobalTableEmulation(String region, Map<String, DynamoDbBackend> backends, ReplicaGroups groups, TableTags tags,
            WriteReplicator replicator, ScheduledExecutorService executor, Duration replicaChange) {
        this.tags = tags;
        this.region = region;
        this.backends = backends;
        this.forwarder = new Forwarder(backends.get(region).uri());
        this.groups = groups;
        this.replicator = replicator;
        this.executor = executor;
        this.replicaChange = replicaChange;
    }

    @Override
    public ProxyResponse handle(ProxyRequest request) throws IOException {
        String target = request.header("X-Amz-Target");
        if (target == null || !target.startsWith(DynamoDbDialect.TARGET_PREFIX)) {
            return forwarder.forward(request);
        }
        String operation = target.substring(DynamoDbDialect.TARGET_PREFIX.length());
        try {
            return switch (operation) {
                case "CreateTable" -> createTable(request);
                case "UpdateTable" -> updateTable(request);
                case "DescribeTable" -> describeTable(request);
                case "DeleteTable" -> deleteTable(request);
                case "TagResource", "UntagResource", "ListTagsOfResource" -> tagging(operation, request);
                default -> WriteReplicator.WRITES.contains(operation)
                        ? replicator.write(region, operation, DynamoDbBackend.parse(request.body()), () -> forwardItems(request))
                        : ITEM_OPERATIONS.contains(operation) ? forwardItems(request) : forward(request);
            };
        } catch (DynamoDbError e) {
            return e.toResponse();
        }
    }

    private ProxyResponse createTable(ProxyRequest request) {
        JsonNode body = DynamoDbBackend.parse(request.body());
        ProxyResponse response = forward(request);
        if (response.status() == 200) {
            String table = body.path("TableName").asText();
            tags.dropTable(region, table);
            tags.put(region, table, tagMap(body.path("Tags")));
        }
        return response;
    }

    private ProxyResponse updateTable(ProxyRequest request) {
        JsonNode body = DynamoDbBackend.parse(request.body());
        String table = body.path("TableName").asText();
        if (body.has("ReplicaUpdates")) {
            return replicaUpdates(table, body.get("ReplicaUpdates"));
        }
        refuseWhileChanging(table);
        return forward(request);
    }

    private ProxyResponse deleteTable(ProxyRequest request) {
        String table = DynamoDbBackend.parse(request.body()).path("TableName").asText();
        refuseWhileChanging(table);
        ProxyResponse response = forward(request);
        if (response.status() == 200) {
            groups.remove(table, region);
            replicator.forgetTable(region, table);
            tags.dropTable(region, table);
        }
        return response;
    }

    private ProxyResponse tagging(String operation, ProxyRequest request) {
        JsonNode body = DynamoDbBackend.parse(request.body());
        String arn = body.path("ResourceArn").asText();
        String prefix = arnPrefix() + "table/";
        String table = arn.startsWith(prefix) ? arn.substring(prefix.length()) : "";
        if (table.isEmpty() || table.contains("/") || backends.get(region).describeTable(table).isEmpty()) {
            throw new DynamoDbError(DynamoDbError.DYNAMODB + "ResourceNotFoundException",
                    "Requested resource not found: ResourceArn: " + arn + " not found");
        }
        ObjectNode answer = DynamoDbBackend.object();
        switch (operation) {
            case "TagResource" -> tags.put(region, table, tagMap(body.path("Tags")));
            case "UntagResource" -> {
                List<String> keys = new ArrayList<>();
                body.path("TagKeys").forEach(key -> keys.add(key.asText()));
                tags.remove(region, table, keys);
            }
            default -> {
                ArrayNode list = answer.putArray("Tags");
                tags.get(region, table).forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
            }
        }
        return json(answer);
    }

    private static Map<String, String> tagMap(JsonNode tagList) {
        Map<String, String> map = new LinkedHashMap<>();
        tagList.forEach(tag -> map.put(tag.path("Key").asText(), tag.path("Value").asText()));
        return map;
    }

    private ProxyResponse describeTable(ProxyRequest request) {
        ProxyResponse response = forward(request);
        String table = DynamoDbBackend.parse(request.body()).path("TableName").asText();
        if (response.status() != 200 || groups.members(table).isEmpty()) {
            return response;
        }
        ObjectNode answer = (ObjectNode) DynamoDbBackend.parse(response.body());
        decorate((ObjectNode) answer.get("Table"));
        return json(answer);
    }

    private ProxyResponse replicaUpdates(String table, JsonNode updates) {
        if (!updates.isArray() || updates.size() != 1) {
            throw DynamoDbError.validation("One or more parameter values were invalid: the local cloud emulates one "
                    + "replica change per UpdateTable request (ReplicaUpdates had " + updates.size() + ")");
        }
        JsonNode update = updates.get(0);
        if (update.has("Update")) {
            throw DynamoDbError.validation("One or more parameter values were invalid: the local cloud does not emulate "
                    + "ReplicaUpdates Update");
        }
        boolean create = update.has("Create");
        String replica = (create ? update.get("Create") : update.path("Delete")).path("RegionName").asText("");
        synchronized (groups) {
            JsonNode description = backends.get(region).describeTable(table).orElseThrow(() -> new DynamoDbError(
                    DynamoDbError.DYNAMODB + "ResourceNotFoundException", "Requested resource not found: Table: " + table
                            + " not found"));
            if (replica.equals(region)) {
                throw DynamoDbError.validation("Cannot add, delete, or update the local region through ReplicaUpdates. "
                        + "Use CreateTable, DeleteTable, or UpdateTable as required.");
            }
            if (!backends.containsKey(replica)) {
                throw DynamoDbError.validation("One or more parameter values were invalid: the region '" + replica
                        + "' is not one of the local cloud's regions " + backends.keySet());
            }
            refuseWhileChanging(table);
            if (create) {
                createReplica(table, description, replica);
            } else {
                deleteReplica(table, replica);
            }
            ObjectNode answer = DynamoDbBackend.object();
            ObjectNode tableDescription = (ObjectNode) DynamoDbBackend.parse(regionalArns(
                    description.toString().getBytes(StandardCharsets.UTF_8)));
            decorate(tableDescription);
            answer.set("TableDescription", tableDescription);
            return json(answer);
        }
    }

    private void createReplica(String table, JsonNode source, String replica) {
        JsonNode stream = source.path("StreamSpecification");
        if (!stream.path("StreamEnabled").asBoolean(false)
                || !"NEW_AND_OLD_IMAGES".equals(stream.path("StreamViewType").asText())) {
            throw DynamoDbError.validation("One or more parameter values were invalid: a table needs DynamoDB Streams "
                    + "enabled with StreamViewType NEW_AND_OLD_IMAGES to have replicas");
        }
        if (groups.members(table).containsKey(replica) || backends.get(replica).describeTable(table).isPresent()) {
            throw DynamoDbError.validation("Failed to create a the new replica of table with name: '" + table
                    + "' because one or more replicas already existed as tables.");
        }
        backends.get(replica).call("CreateTable", createTableRequest(source));
        tags.dropTable(replica, table);
        groups.startCreating(table, region, replica);
        LOG.info("Replica of {} in {} CREATING (requested in {})", table, replica, region);
        executor.execute(() -> replicator.exclusively(() -> copyItems(table, replica)));
        executor.schedule(() -> {
            groups.activate(table, replica);
            LOG.info("Replica of {} in {} ACTIVE", table, replica);
        }, replicaChange.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deleteReplica(String table, String replica) {
        if (!groups.members(table).containsKey(replica)) {
            throw DynamoDbError.validation("Replica specified in the Replica Update or Replica Delete action of the "
                    + "request was not found.");
        }
        groups.startDeleting(table, replica);
        LOG.info("Replica of {} in {} DELETING (requested in {})", table, replica, region);
        executor.schedule(() -> {
            try {
                backends.get(replica).call("DeleteTable", DynamoDbBackend.object().put("TableName", table));
            } catch (DynamoDbError e) {
                LOG.warn("Deleting the replica table {} in {}: {}", table, replica, e.getMessage());
            }
            replicator.forgetTable(replica, table);
            tags.dropTable(replica, table);
            groups.remove(table, replica);
            LOG.info("Replica of {} in {} deleted", table, replica);
        }, replicaChange.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Copies the source's items into the new replica (DynamoDB backfills a new replica the same way). */
    private void copyItems(String table, String replica) {
        JsonNode startKey = null;
        int copied = 0;
        do {
            ObjectNode scan = DynamoDbBackend.object().put("TableName", table).put("ConsistentRead", true);
            if (startKey != null) {
                scan.set("ExclusiveStartKey", startKey);
            }
            JsonNode page = backends.get(region).call("Scan", scan);
            for (JsonNode item : page.path("Items")) {
                backends.get(replica).call("PutItem", DynamoDbBackend.object().put("TableName", table).set("Item", item));
                copied++;
            }
            startKey = page.get("LastEvaluatedKey");
        } while (startKey != null);
        LOG.info("Copied {} items of {} from {} to the new replica in {}", copied, table, region, replica);
    }

    /** CreateTable for a replica: the source's keys, indexes, billing mode and stream. Tags are not copied. */
    static ObjectNode createTableRequest(JsonNode source) {
        ObjectNode create = DynamoDbBackend.object();
        create.put("TableName", source.path("TableName").asText());
        create.set("AttributeDefinitions", source.path("AttributeDefinitions"));
        create.set("KeySchema", source.path("KeySchema"));
        boolean payPerRequest = "PAY_PER_REQUEST".equals(source.path("BillingModeSummary").path("BillingMode").asText());
        create.put("BillingMode", payPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED");
        if (!payPerRequest) {
            create.set("ProvisionedThroughput", throughput(source.path("ProvisionedThroughput")));
        }
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            if (source.has(kind)) {
                ArrayNode indexes = create.putArray(kind);
                for (JsonNode index : source.get(kind)) {
                    ObjectNode copy = indexes.addObject();
                    copy.put("IndexName", index.path("IndexName").asText());
                    copy.set("KeySchema", index.path("KeySchema"));
                    copy.set("Projection", index.path("Projection"));
                    if (kind.startsWith("Global") && !payPerRequest) {
                        copy.set("ProvisionedThroughput", throughput(index.path("ProvisionedThroughput")));
                    }
                }
            }
        }
        create.set("StreamSpecification", source.path("StreamSpecification"));
        return create;
    }

    private static ObjectNode throughput(JsonNode described) {
        return DynamoDbBackend.object()
                .put("ReadCapacityUnits", Math.max(1, described.path("ReadCapacityUnits").asLong(1)))
                .put("WriteCapacityUnits", Math.max(1, described.path("WriteCapacityUnits").asLong(1)));
    }

    private void refuseWhileChanging(String table) {
        Optional<ReplicaGroups.Change> change = groups.changeInProgress(table);
        if (change.isPresent()) {
            String state = change.get().region().equals(region)
                    ? (change.get().status() == ReplicaGroups.Status.CREATING ? "created" : "deleted")
                    : "updated";
            throw DynamoDbError.resourceInUse("Attempt to change a resource which is still in use: Table is being "
                    + state + ": " + table);
        }
    }

    /** Adds the other regions' replicas and the status a replica change gives the table here. */
    private void decorate(ObjectNode table) {
        String name = table.path("TableName").asText();
        Map<String, ReplicaGroups.Status> members = groups.members(name);
        if (!members.containsKey(region)) {
            return;
        }
        ArrayNode replicas = table.putArray("Replicas");
        members.forEach((replicaRegion, status) -> {
            if (!replicaRegion.equals(region)) {
                replicas.addObject().put("RegionName", replicaRegion).put("ReplicaStatus", status.name());
            }
        });
        table.put("GlobalTableVersion", GLOBAL_TABLE_VERSION);
        groups.changeInProgress(name).ifPresent(change -> table.put("TableStatus",
                change.region().equals(region) ? change.status().name() : "UPDATING"));
    }

    /** Forwards an item operation to DynamoDB Local untouched. */
    private ProxyResponse forwardItems(ProxyRequest request) {
        try {
            return forwarder.forward(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forwards a table operation to DynamoDB Local, translating ARNs between its {@code ddblocal} and this region. */
    private ProxyResponse forward(ProxyRequest request) {
        ProxyRequest local = new ProxyRequest(request.method(), request.uri(), request.headers(),
                replace(request.body(), arnPrefix(), LOCAL_ARN_PREFIX));
        ProxyResponse response;
        try {
            response = forwarder.forward(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = regionalArns(response.body());
        if (body == response.body()) {
            return response;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers());
        headers.remove("x-amz-crc32");
        return new ProxyResponse(response.status(), headers, body);
    }

    private byte[] regionalArns(byte[] body) {
        return replace(body, LOCAL_ARN_PREFIX, arnPrefix());
    }

    private String arnPrefix() {
        return "arn:aws:dynamodb:" + region + ":" + DynamoDbDialect.ACCOUNT + ":";
    }

    /** The body with every occurrence replaced, or the same array when there is none. */
    private static byte[] replace(byte[] body, String from, String to) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains(from) ? text.replace(from, to).getBytes(StandardCharsets.UTF_8) : body;
    }

    private static ProxyResponse json(JsonNode body) {
        return ProxyResponse.of(200, "application/x-amz-json-1.0", body.toString());
    }
}
