package dev.fivenines.auth.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;

import dev.fivenines.tables.AuthTables;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Both tables keep each tenant in one partition, {@code pk = TENANT#<tenant>}: its keys and its reads. */
final class TenantPartitions {

    static final String PK = AuthTables.PARTITION_KEY;
    static final String SK = AuthTables.SORT_KEY;
    private static final String TENANT_PREFIX = "TENANT#";
    /** The partition of platform-level items (tenant records) and of the platform's audit trail; it names no tenant. */
    static final AttributeValue PLATFORM = AttributeValue.fromS("PLATFORM");
    /** The sort key prefix of a tenant record in the platform partition. */
    static final String TENANT_RECORD_PREFIX = "TENANT#";

    private TenantPartitions() {
    }

    static AttributeValue partitionKey(String tenant) {
        return AttributeValue.fromS(TENANT_PREFIX + tenant);
    }

    /** The key of one item of the tenant's partition (a new, mutable map, so an item can be built on it). */
    static Map<String, AttributeValue> key(String tenant, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, partitionKey(tenant));
        key.put(SK, AttributeValue.fromS(sortKey));
        return key;
    }

    /** The key of the tenant's record in the platform partition. */
    static Map<String, AttributeValue> tenantRecordKey(String tenant) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, PLATFORM);
        key.put(SK, AttributeValue.fromS(TENANT_RECORD_PREFIX + tenant));
        return key;
    }

    static String sortKey(Map<String, AttributeValue> item) {
        return item.get(SK).s();
    }

    /** Every item of the tenant's partition of {@code table} in sort key order, read page by page with strong consistency. */
    static SdkIterable<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table, String tenant) {
        return dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", partitionKey(tenant))).consistentRead(true)).items();
    }

    /** Adds every tenant with an item in {@code table}: the whole table is scanned page by page (the partition key only), strongly consistent. */
    static void addTenants(DynamoDbClient dynamo, String table, SortedSet<String> tenants) {
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(s -> s.tableName(table).projectionExpression("#pk")
                .expressionAttributeNames(Map.of("#pk", PK)).consistentRead(true)).items()) {
            String pk = item.get(PK).s();
            if (pk != null && pk.startsWith(TENANT_PREFIX)) {
                tenants.add(pk.substring(TENANT_PREFIX.length()));
            }
        }
    }
}
