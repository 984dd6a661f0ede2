package dev.fivenines.auth.storage;

import static dev.fivenines.auth.storage.TenantPartitions.SK;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Changes to audited items: each is one {@code TransactWriteItems} of the change, with its optimistic version condition
 * ({@code attribute_not_exists(sk)} to create, {@code version = :expected} otherwise), and its audit entry. Either both
 * are written or neither is; a failed condition is a {@link ConflictingWrite}.
 */
final class VersionedWrites {

    private final DynamoDbClient dynamo;
    private final String table;
    private final AuditTrail audit;

    VersionedWrites(DynamoDbClient dynamo, String table, AuditTrail audit) {
        this.dynamo = dynamo;
        this.table = table;
        this.audit = audit;
    }

    /** Writes {@code stored} (the new state, its version already {@code expectedVersion + 1}); {@code before} is null for a creation. */
    <T> void put(String tenant, ItemCodec<T> codec, T stored, T before, long expectedVersion, String actor) {
        String id = codec.id(stored);
        Map<String, AttributeValue> item = TenantPartitions.key(tenant, codec.sortKey(id));
        codec.write(stored, item);
        TransactWriteItem change = expectedVersion == 0
                ? TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", SK))).build()
                : TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("#v = :v")
                        .expressionAttributeNames(Map.of("#v", "version")).expressionAttributeValues(Map.of(":v", version(expectedVersion)))).build();
        String action = codec.kind() + (expectedVersion == 0 ? ".create" : ".update");
        transact(change, audit.entry(tenant, actor, action, codec.target(id), before == null ? null : codec.auditJson(before),
                codec.auditJson(stored)), codec.target(id), expectedVersion);
    }

    /** Deletes the item {@code current} (as it was read) if it is still at {@code expectedVersion}. */
    <T> void delete(String tenant, ItemCodec<T> codec, T current, long expectedVersion, String actor) {
        String id = codec.id(current);
        TransactWriteItem change = TransactWriteItem.builder().delete(d -> d.tableName(table).key(TenantPartitions.key(tenant, codec.sortKey(id)))
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", version(expectedVersion)))).build();
        transact(change, audit.entry(tenant, actor, codec.kind() + ".delete", codec.target(id), codec.auditJson(current), null),
                codec.target(id), expectedVersion);
    }

    private void transact(TransactWriteItem change, TransactWriteItem auditEntry, String target, long expectedVersion) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(change, auditEntry));
        } catch (TransactionCanceledException e) {
            boolean conditionFailed = e.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
            if (conditionFailed) {
                throw new ConflictingWrite(expectedVersion == 0 ? target + " already exists"
                        : target + " is not at version " + expectedVersion + ": read it again and retry");
            }
            throw e;
        }
    }

    private static AttributeValue version(long version) {
        return AttributeValue.fromN(Long.toString(version));
    }
}
