package dev.fivenines.auth.storage;

import static dev.fivenines.auth.storage.TenantPartitions.PK;
import static dev.fivenines.auth.storage.TenantPartitions.PLATFORM;
import static dev.fivenines.auth.storage.TenantPartitions.SK;
import static dev.fivenines.auth.storage.TenantPartitions.TENANT_RECORD_PREFIX;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fivenines.tables.AuthTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The tenant records, in the platform partition of {@code <prefix>-auth} ({@code pk = PLATFORM},
 * {@code sk = TENANT#<tenant>}): a tenant is served only while its record is active. Every change is one
 * {@code TransactWriteItems} with its audit entry in the platform partition of {@code <prefix>-audit}; a creation may
 * write the tenant's first client, with that client's own audit entry in the tenant's trail, in the same transaction.
 */
public final class TenantRecords {

    private static final ClientCodec CLIENTS = new ClientCodec();

    private final DynamoDbClient dynamo;
    private final String authTable;
    private final AuditTrail audit;
    private final Clock clock;

    public TenantRecords(DynamoDbClient dynamo, String tablePrefix, Clock clock) {
        this.dynamo = dynamo;
        this.authTable = AuthTables.authTable(tablePrefix);
        this.audit = new AuditTrail(dynamo, AuthTables.auditTable(tablePrefix), clock);
        this.clock = clock;
    }

    /** The tenant's record, read with strong consistency. */
    public Optional<TenantRecord> get(String tenant) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(TenantPartitions.tenantRecordKey(tenant))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(tenant, item));
    }

    /**
     * Provisions a tenant, with its first client when {@code firstClient} is given (its secret already hashed); a tenant
     * whose record exists, active or retired, is a {@link ConflictingWrite}.
     */
    public TenantRecord create(String tenant, Optional<StoredClient> firstClient, String actor) {
        TenantRecord record = new TenantRecord(tenant, TenantRecord.Status.ACTIVE, clock.instant(), Optional.empty(), 1);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(authTable).item(item(record)).conditionExpression("attribute_not_exists(#sk)")
                .expressionAttributeNames(Map.of("#sk", SK))).build());
        writes.add(audit.entryIn(PLATFORM, actor, "tenant.create", target(tenant), null, auditJson(record)));
        firstClient.ifPresent(client -> {
            Map<String, AttributeValue> item = TenantPartitions.key(tenant, CLIENTS.sortKey(client.id()));
            CLIENTS.write(client, item);
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(authTable).item(item).conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", SK))).build());
            writes.add(audit.entry(tenant, actor, "client.create", CLIENTS.target(client.id()), null, CLIENTS.auditJson(client)));
        });
        transact(writes, "tenant " + tenant + " exists or was retired: a tenant id is provisioned once");
        return record;
    }

    /**
     * Retires the tenant {@code current}, as the caller read it: its record stays (retired) so the id is never provisioned
     * again, and its signing keys are deleted in the same transaction, so no token it signed verifies again anywhere.
     */
    public TenantRecord retire(TenantRecord current, String actor) {
        TenantRecord retired = new TenantRecord(current.id(), TenantRecord.Status.RETIRED, current.createdAt(), Optional.of(clock.instant()),
                current.version() + 1);
        TransactWriteItem change = TransactWriteItem.builder().put(p -> p.tableName(authTable).item(item(retired))
                .conditionExpression("#v = :v AND #status = :active")
                .expressionAttributeNames(Map.of("#v", "version", "#status", "status"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(current.version())),
                        ":active", AttributeValue.fromS(TenantRecord.Status.ACTIVE.word())))).build();
        TransactWriteItem keys = TransactWriteItem.builder().delete(d -> d.tableName(authTable)
                .key(TenantPartitions.key(current.id(), AuthStore.KEYRING))).build();
        transact(List.of(change, keys, audit.entryIn(PLATFORM, actor, "tenant.retire", target(current.id()), auditJson(current),
                auditJson(retired))), "tenant " + current.id() + " changed since it was read: read it again");
        return retired;
    }

    /** A page of tenant records in id order (active and retired); {@code cursor} is the {@code next} of the previous page. */
    public TenantPage page(Optional<String> cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(authTable).keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", PLATFORM, ":prefix", AttributeValue.fromS(TENANT_RECORD_PREFIX)))
                .limit(limit).consistentRead(true);
        cursor.ifPresent(c -> query.exclusiveStartKey(Map.of(PK, PLATFORM, SK, AttributeValue.fromS(startAfter(c)))));
        QueryResponse page = dynamo.query(query.build());
        List<TenantRecord> records = page.items().stream()
                .map(item -> read(TenantPartitions.sortKey(item).substring(TENANT_RECORD_PREFIX.length()), item)).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(AuditTrail.encode(page.lastEvaluatedKey().get(SK).s())) : Optional.empty();
        return new TenantPage(records, next);
    }

    /** The sort key a cursor names; DynamoDB refuses a start key outside the query's range, so one is refused here first. */
    private static String startAfter(String cursor) {
        String sortKey = AuditTrail.decode(cursor);
        if (!sortKey.startsWith(TENANT_RECORD_PREFIX)) {
            throw new IllegalArgumentException("the cursor is not one this service gave out");
        }
        return sortKey;
    }

    private void transact(List<TransactWriteItem> writes, String conflict) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                throw new ConflictingWrite(conflict);
            }
            throw e;
        }
    }

    private static String target(String tenant) {
        return "tenant:" + tenant;
    }

    private static Map<String, AttributeValue> item(TenantRecord record) {
        Map<String, AttributeValue> item = TenantPartitions.tenantRecordKey(record.id());
        item.put("status", AttributeValue.fromS(record.status().word()));
        item.put("createdAt", AttributeValue.fromS(record.createdAt().toString()));
        record.retiredAt().ifPresent(at -> item.put("retiredAt", AttributeValue.fromS(at.toString())));
        item.put("version", AttributeValue.fromN(Long.toString(record.version())));
        return item;
    }

    private static TenantRecord read(String tenant, Map<String, AttributeValue> item) {
        return new TenantRecord(tenant, TenantRecord.Status.valueOf(item.get("status").s().toUpperCase()), Instant.parse(item.get("createdAt").s()),
                Optional.ofNullable(item.get("retiredAt")).map(at -> Instant.parse(at.s())), Long.parseLong(item.get("version").n()));
    }

    private static String auditJson(TenantRecord record) {
        ObjectNode json = AuditJson.object().put("id", record.id()).put("status", record.status().word())
                .put("createdAt", record.createdAt().toString());
        record.retiredAt().ifPresent(at -> json.put("retiredAt", at.toString()));
        return AuditJson.text(json.put("version", record.version()));
    }
}
