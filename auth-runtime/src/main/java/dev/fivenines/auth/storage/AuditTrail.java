package dev.fivenines.auth.storage;

import static dev.fivenines.auth.storage.TenantPartitions.PK;
import static dev.fivenines.auth.storage.TenantPartitions.SK;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A tenant's audit trail in {@code <prefix>-audit}: one entry per change, sort key {@code <time>#<uuid>}, so the trail
 * reads in time order.
 */
final class AuditTrail {

    /** Fixed width (nanoseconds always written), so audit sort keys sort in time order. */
    private static final DateTimeFormatter SORT_KEY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);

    /** DynamoDB's limit on a sort key. */
    static final int MAX_SORT_KEY_BYTES = 1024;
    /** The unpadded base64 length of the longest sort key. */
    private static final int MAX_CURSOR_CHARS = (MAX_SORT_KEY_BYTES * 4 + 2) / 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    AuditTrail(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    String table() {
        return table;
    }

    /** The entry of one change, to be written in the same transaction as the change; {@code before}/{@code after} null when absent. */
    TransactWriteItem entry(String tenant, String actor, String action, String target, String before, String after) {
        return entryIn(TenantPartitions.partitionKey(tenant), actor, action, target, before, after);
    }

    /** The entry of one change in the trail's partition {@code partition} ({@code TENANT#<tenant>} or the platform's). */
    TransactWriteItem entryIn(AttributeValue partition, String actor, String action, String target, String before, String after) {
        Instant now = Instant.now(clock);
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put(PK, partition);
        item.put(SK, AttributeValue.fromS(SORT_KEY_TIME.format(now) + "#" + UUID.randomUUID()));
        item.put("actor", AttributeValue.fromS(actor));
        item.put("action", AttributeValue.fromS(action));
        item.put("target", AttributeValue.fromS(target));
        item.put("at", AttributeValue.fromS(now.toString()));
        if (before != null) {
            item.put("before", AttributeValue.fromS(before));
        }
        if (after != null) {
            item.put("after", AttributeValue.fromS(after));
        }
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /** A page of the tenant's trail; {@code cursor} is the {@code next} of the previous page. */
    AuditPage page(String tenant, Optional<String> cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", TenantPartitions.partitionKey(tenant)))
                .limit(limit).consistentRead(true);
        cursor.ifPresent(c -> query.exclusiveStartKey(Map.of(PK, TenantPartitions.partitionKey(tenant), SK, AttributeValue.fromS(decode(c)))));
        QueryResponse page = dynamo.query(query.build());
        List<AuditEntry> entries = page.items().stream().map(item -> new AuditEntry(TenantPartitions.sortKey(item), tenant,
                item.get("actor").s(), item.get("action").s(), item.get("target").s(), text(item, "before"), text(item, "after"),
                Instant.parse(item.get("at").s()))).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(encode(page.lastEvaluatedKey().get(SK).s())) : Optional.empty();
        return new AuditPage(entries, next);
    }

    /**
     * The tenant's whole trail in sort key order, handed to {@code each} one entry at a time. An entry missing an attribute
     * is handed over with that attribute null (and an unreadable {@code at} as null), so a reader can tell a damaged entry
     * from a missing one.
     */
    void readAll(String tenant, Consumer<AuditEntry> each) {
        for (Map<String, AttributeValue> item : TenantPartitions.items(dynamo, table, tenant)) {
            each.accept(new AuditEntry(TenantPartitions.sortKey(item), tenant, text(item, "actor"), text(item, "action"), text(item, "target"),
                    text(item, "before"), text(item, "after"), instant(text(item, "at"))));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A sort key from a cursor; a cursor longer than any this service gives out (DynamoDB keys hold at most 1024 bytes) is refused. */
    static String decode(String cursor) {
        byte[] sortKey;
        try {
            sortKey = cursor.length() > MAX_CURSOR_CHARS ? null : Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            sortKey = null;
        }
        if (sortKey == null || sortKey.length == 0 || sortKey.length > MAX_SORT_KEY_BYTES) {
            throw new IllegalArgumentException("the cursor is not one this service gave out");
        }
        return new String(sortKey, StandardCharsets.UTF_8);
    }
}
